"""Which column of an uploaded score file holds what: the mapping the user confirms, its checks
against the file's headers and the assessment's subjects, and a first guess from the headers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

ERR_UNKNOWN_SUBJECT_MAP = gettext_noop("“%(subject)s”不是本次测试的科目")
ERR_MAP_REQUIRED = gettext_noop("请选择“%(field)s”对应的列")
ERR_MAP_UNKNOWN = gettext_noop("文件中没有名为“%(column)s”的列")
ERR_MAP_TWICE = gettext_noop("“%(column)s”列被对应到了多个字段")
ERR_MAP_SCORES = gettext_noop(
    "请选择“科目”和“成绩”两列（每行一个科目），或为各科目分别选择成绩列（每行一名学生）"
)
ERR_MAP_BOTH = gettext_noop("“科目/成绩”两列与“各科成绩列”只能选一种")

# The labels the mapping form and the errors use for each field.
FIELD_LABELS = {
    "student": gettext_noop("学生编号"),
    "school": gettext_noop("学校代码"),
    "subject": gettext_noop("科目"),
    "score": gettext_noop("成绩"),
    "gender": gettext_noop("性别"),
    "ses": gettext_noop("家庭社会经济地位指数"),
    "special_needs": gettext_noop("特殊教育需要"),
}


@dataclass(frozen=True)
class ColumnMapping:
    """Which column of the file holds what. Long files have a subject and a score column; wide
    files one score column per subject (`subject_columns`)."""

    student: str = ""
    school: str = ""
    subject: str = ""
    score: str = ""
    subject_columns: Mapping[str, str] = field(default_factory=dict)
    gender: str = ""
    ses: str = ""
    special_needs: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["subject_columns"] = dict(self.subject_columns)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ColumnMapping:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["subject_columns"] = {
            k: v for k, v in dict(values.get("subject_columns") or {}).items() if v
        }
        return cls(**values)

    def used_columns(self) -> list[str]:
        singles = [self.student, self.school, self.subject, self.score]
        singles += [self.gender, self.ses, self.special_needs]
        return [c for c in (*singles, *self.subject_columns.values()) if c]

    def problems(self, headers: Iterable[str], subjects: Iterable[str]) -> list[str]:
        """What is wrong with this mapping for a file with these headers ([] when usable)."""
        headers, errors = set(headers), []
        for name in ("student", "school"):
            if not getattr(self, name):
                errors.append(_(ERR_MAP_REQUIRED) % {"field": _(FIELD_LABELS[name])})
        long_format = bool(self.subject or self.score)
        if long_format and self.subject_columns:
            errors.append(_(ERR_MAP_BOTH))
        elif not self.subject_columns and not (self.subject and self.score):
            errors.append(_(ERR_MAP_SCORES))
        unknown_subjects = set(self.subject_columns) - set(subjects)
        errors += [_(ERR_UNKNOWN_SUBJECT_MAP) % {"subject": s} for s in sorted(unknown_subjects)]
        used = self.used_columns()
        errors += [_(ERR_MAP_UNKNOWN) % {"column": c} for c in used if c not in headers]
        twice = sorted({c for c in used if used.count(c) > 1})
        errors += [_(ERR_MAP_TWICE) % {"column": c} for c in twice]
        return errors


def guess_mapping(headers: Iterable[str], subjects: Iterable[str]) -> ColumnMapping:
    """A first guess from the usual Chinese and English header names; the user corrects it."""
    headers = list(headers)
    normalised = {h: h.replace(" ", "").lower() for h in headers}

    def find(*names: str) -> str:
        for header, plain in normalised.items():
            if plain in names:
                return header
        for header, plain in normalised.items():
            if any(name in plain for name in names if len(name) > 1):
                return header
        return ""

    subject_columns = {s: h for s in subjects for h in headers if h == s or h == f"{s}成绩"}
    long_subject = find("科目", "学科", "subject")
    long_score = find("成绩", "分数", "得分", "score") if long_subject else ""
    return ColumnMapping(
        student=find("学籍号", "学号", "学生编号", "考号", "准考证号", "student_id", "student"),
        school=find("学校代码", "学校编号", "校代码", "school_code", "school_id")
        or find("学校", "学校名称", "校名", "school", "school_name"),
        subject=long_subject,
        score=long_score,
        subject_columns={} if long_subject else subject_columns,
        gender=find("性别", "gender", "sex"),
        ses=find("家庭社会经济地位指数", "家庭社会经济地位", "ses"),
        special_needs=find("特殊教育需要", "随班就读", "special_needs"),
    )
