"""The two published versions of Shanghai's green indicators, as starting configurations.

Only names, structure and defaults live here; a district changes cut points, directions and
weights through the configuration pages (GreenIndicator rows), never in code. Weights start at 0:
the indices are reported side by side and no composite is formed until a district sets weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Default cut points for the socio-economic impact index: the share of the variance of student
# achievement explained by the family's socio-economic index (R², in per cent). Less is better.
SES_IMPACT_CUTS = [2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0]


@dataclass(frozen=True)
class IndexSpec:
    code: str
    name: str
    source: str = "recorded"
    raw_direction: str = "higher_better"
    level_cuts: list[float] = field(default_factory=list)
    children: tuple[IndexSpec, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class SetSpec:
    version: str
    name: str
    description: str
    indices: tuple[IndexSpec, ...]


VERSION_1 = SetSpec(
    version="1.0",
    name="学业质量绿色指标（1.0 版）",
    description="上海市中小学学业质量绿色指标十项指数，各指数以 1–9 级呈现，级数越高表示状况越好。",
    indices=(
        IndexSpec("academic_level", "学业水平指数"),
        IndexSpec("motivation", "学习动力指数"),
        IndexSpec("burden", "学业负担指数", description="级数越高表示学业负担越轻。"),
        IndexSpec("teacher_student", "师生关系指数"),
        IndexSpec("teaching_methods", "教学方式指数"),
        IndexSpec("curriculum_leadership", "校长课程领导力指数"),
        IndexSpec(
            "ses_impact",
            "社会经济背景对学业成绩的影响指数",
            source="ses_impact",
            raw_direction="lower_better",
            level_cuts=SES_IMPACT_CUTS,
            description="原始分为家庭社会经济地位对学生学业成绩的解释率（R²，%），越低越均衡。",
        ),
        IndexSpec("moral_behaviour", "品德行为指数"),
        IndexSpec("health", "身心健康指数"),
        IndexSpec("cross_year_progress", "跨年度进步指数"),
    ),
)

VERSION_2024 = SetSpec(
    version="2024",
    name="学业质量绿色指标（2024 版）",
    description="四个领域：学生发展（品德发展、学业水平、身心健康、审美素养、劳动素养）、成长环境、均衡程度、增值发展。",
    indices=(
        IndexSpec(
            "student_development",
            "学生发展",
            children=(
                IndexSpec("moral_development", "品德发展"),
                IndexSpec("academic_level", "学业水平"),
                IndexSpec("health", "身心健康"),
                IndexSpec("aesthetic_literacy", "审美素养"),
                IndexSpec("labour_literacy", "劳动素养"),
            ),
        ),
        IndexSpec("growth_environment", "成长环境"),
        IndexSpec("balance", "均衡程度"),
        IndexSpec("value_added", "增值发展"),
    ),
)

STANDARD_SETS = {spec.version: spec for spec in (VERSION_1, VERSION_2024)}
