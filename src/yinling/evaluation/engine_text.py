"""How the pages word what the value-added engine reports.

The engine speaks in codes: fixed-effect terms such as "(Intercept)" or "gender[M]", and
messages of its own in Chinese with English in parentheses ("REML 收敛（REML converged; ...）").
The pages show people's names for the terms and sentences for the fit's outcome, through
gettext, built from the stored codes, flags and numbers; the codes stay beside them for
statisticians, and the engine's raw messages stay in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from yinling.evaluation import value_added
from yinling.evaluation.models import Gender, SchoolValueAdded
from yinling.evaluation.services import runs

COVARIATE_LABELS = {
    "gender": gettext_lazy("性别"),
    "ses": gettext_lazy("家庭社会经济地位指数"),
    "special_needs": gettext_lazy("特殊教育需要"),
}
TERM_LABELS = {
    value_added.TERM_INTERCEPT: gettext_lazy("截距"),
    value_added.TERM_PRIOR: gettext_lazy("入口成绩"),
    value_added.TERM_SCHOOL_MEAN_PRIOR: gettext_lazy("学校入口成绩均值"),
    **COVARIATE_LABELS,
}
LEVEL_LABELS = {"gender": dict(Gender.choices)}
DUMMY_TERM = re.compile(r"^(?P<name>\w+)\[(?P<level>.+)\]$")

# Why a fit gave no estimates, by the engine's error code (the product's own codes too).
ERROR_REASONS = {
    "VA000": gettext_noop("增值评估失败"),
    "VA001": gettext_noop("无法读取输入文件"),
    "VA002": gettext_noop("缺少必需的列"),
    "VA003": gettext_noop("学生或学校编号缺失"),
    "VA004": gettext_noop("同一学生同一科目出现多行"),
    "VA005": gettext_noop("同一学生在各科的学校或背景信息不一致"),
    "VA010": gettext_noop("大多数学生缺少入口成绩"),
    "VA011": gettext_noop("至少需要两所学校才能比较"),
    "VA012": gettext_noop("成绩没有差异，无法估计"),
    "VA013": gettext_noop("各校有效学生人数过少"),
    "VA014": gettext_noop("协变量恒定或共线"),
    "VA015": gettext_noop("出口成绩可由入口成绩完全决定"),
    "VA020": gettext_noop("参数无效"),
    "VA030": gettext_noop("模型未收敛，不输出估计值"),
    value_added.NO_SUBJECT: value_added.ERR_NO_COMMON_SUBJECT,
    runs.RUN_UNEXPECTED: runs.ERR_UNEXPECTED,
    runs.RUN_INTERRUPTED: runs.ERR_INTERRUPTED,
}
# Constant scores (VA012) at one end: the engine's detail names which column it was.
CONSTANT_REASONS = {
    "every student has the same prior": gettext_noop("所有学生的入口成绩都相同，无法估计"),
    "every student has the same score": gettext_noop("所有学生的出口成绩都相同，无法估计"),
}
# The engine prefixes the detail of a failure in one subject (or the combination) with it.
SUBJECT_DETAIL = re.compile(r"^(?P<subject>[^:：\s][^:：]{0,19}): (?P<rest>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Term:
    """A fixed-effect term: the engine's code and its name on the page ("" when the product
    does not know the term, and the page shows the code alone)."""

    code: str
    label: str


def term(code: str) -> Term:
    """`gender[M]` -> 性别（男）; `ses` -> 家庭社会经济地位指数; an unknown term keeps its code."""
    if code in TERM_LABELS:
        return Term(code, str(TERM_LABELS[code]))
    match = DUMMY_TERM.match(code)
    if match and match["name"] in COVARIATE_LABELS:
        name, level = match["name"], match["level"]
        level_label = LEVEL_LABELS.get(name, {}).get(level, level)
        return Term(
            code,
            _("%(variable)s（%(level)s）")
            % {"variable": COVARIATE_LABELS[name], "level": level_label},
        )
    return Term(code, "")


def fixed_effects(effects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored fixed effects, each with its `term` for the page."""
    return [{**effect, "term": term(str(effect.get("name", "")))} for effect in effects]


def covariate_labels(codes: list[str]) -> list[str]:
    return [str(COVARIATE_LABELS.get(code, code)) for code in codes]


def convergence(summary: dict[str, Any], model: str) -> str:
    """How the fit ended, as a sentence built from the stored flag and variance components:
    OLS has a closed form; the REML models (ri, cva) converged or not, and when they did, the
    ratio of the between-school to the between-student variance (0: every school effect is
    shrunk to the district average). "" when the run stored nothing to say."""
    model = summary.get("model") or model
    converged = summary.get("converged")
    if model == "ols":
        return _("最小二乘闭式解，无需迭代")
    if converged is None:
        return ""
    if not converged:
        return _("未收敛（REML），估计值不可用")
    components = summary.get("variance_components") or {}
    school, residual = components.get("school"), components.get("residual")
    if school is None or not residual:
        return _("已收敛（REML）")
    if school <= 0:
        return _("已收敛（REML），学校间方差估计为 0，各校效应均收缩至全区平均")
    return _("已收敛（REML），学校间方差与学生间方差之比 %(ratio)s") % {
        "ratio": f"{school / residual:.3g}"
    }


@dataclass(frozen=True)
class Failure:
    """Why a run has no estimates: the reason in the reader's language, and the specifics the
    engine gave (technical, as it wrote them)."""

    code: str
    reason: str
    detail: str


def failure(error_code: str, message: str) -> Failure:
    """A failed run's stored code and message, worded for the page. The engine stores its own
    message, then "：" and the detail; a reason the product does not know is shown as stored.

    A failure in one subject names it ("数学：至少需要两所学校才能比较"), and constant scores
    say whether the entry or the exit scores were constant: the officer fixes the right file."""
    reason = ERROR_REASONS.get(error_code)
    if reason is None:
        return Failure(error_code, message, "")
    detail = ""
    for prefix in (value_added.ENGINE_ERROR_MESSAGES.get(error_code), reason):
        if prefix and message.startswith(prefix):
            detail = message[len(prefix) :].lstrip("：: ")
            break
    subject, match = "", SUBJECT_DETAIL.match(detail)
    if match and error_code in value_added.ENGINE_ERROR_MESSAGES:
        subject, detail = match["subject"], match["rest"]
    if error_code == "VA012" and detail.strip() in CONSTANT_REASONS:
        reason = CONSTANT_REASONS[detail.strip()]
    if not subject:
        return Failure(error_code, _(reason), detail)
    worded = _("%(subject)s：%(reason)s") % {
        "subject": SchoolValueAdded.label_of(subject),
        "reason": _(reason),
    }
    return Failure(error_code, worded, detail)
