"""Errors raised by the value-added engine.

Every error has a stable ``code`` and a stable bilingual ``message`` (Chinese,
with English in parentheses) so that callers can map them to user-facing text
without parsing strings.  ``detail`` carries the specifics of one occurrence.
"""

from __future__ import annotations

from typing import ClassVar


class ValueAddedError(Exception):
    """Base class: the data or the options do not allow a trustworthy estimate."""

    code: ClassVar[str] = "VA000"
    message: ClassVar[str] = "增值评估失败（value-added evaluation failed）"

    def __init__(self, detail: str = "") -> None:
        self.detail = detail
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}: {self.detail}" if self.detail else text


class InputFileError(ValueAddedError):
    code = "VA001"
    message = "无法读取输入文件（the input file cannot be read）"


class MissingColumnError(ValueAddedError):
    code = "VA002"
    message = "缺少必需的列（a required column is missing）"


class MissingIdentifierError(ValueAddedError):
    code = "VA003"
    message = "学生或学校编号缺失（a student or school identifier is missing）"


class DuplicateStudentError(ValueAddedError):
    code = "VA004"
    message = "同一学生同一科目出现多行（a student appears more than once for the same subject）"


class InconsistentStudentError(ValueAddedError):
    code = "VA005"
    message = "同一学生在各科的学校或背景信息不一致（a student's school or covariates differ between subjects）"


class NoPriorScoresError(ValueAddedError):
    code = "VA010"
    message = "大多数学生缺少入口成绩（most students have no prior score）"


class SingleSchoolError(ValueAddedError):
    code = "VA011"
    message = "至少需要两所学校才能比较（at least two schools are needed for a comparison）"


class ConstantScoresError(ValueAddedError):
    code = "VA012"
    message = "成绩没有差异，无法估计（the scores are constant and carry no information）"


class GroupsTooSmallError(ValueAddedError):
    code = "VA013"
    message = "各校有效学生人数过少（the schools have too few students with valid scores）"


class CollinearDesignError(ValueAddedError):
    code = "VA014"
    message = "协变量恒定或共线（a covariate is constant or collinear with others）"


class DegenerateFitError(ValueAddedError):
    code = "VA015"
    message = (
        "出口成绩可由入口成绩完全决定（the current score is an exact function of the predictors）"
    )


class InvalidOptionError(ValueAddedError):
    code = "VA020"
    message = "参数无效（invalid option）"


class NotConvergedError(ValueAddedError):
    code = "VA030"
    message = "模型未收敛，不输出估计值（the model did not converge; no estimates are reported）"


ALL_ERRORS: tuple[type[ValueAddedError], ...] = (
    ValueAddedError,
    InputFileError,
    MissingColumnError,
    MissingIdentifierError,
    DuplicateStudentError,
    InconsistentStudentError,
    NoPriorScoresError,
    SingleSchoolError,
    ConstantScoresError,
    GroupsTooSmallError,
    CollinearDesignError,
    DegenerateFitError,
    InvalidOptionError,
    NotConvergedError,
)
