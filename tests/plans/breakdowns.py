"""Hand-written breakdowns in the engine's JSON shape (yinling.plans.parsing)."""

from __future__ import annotations

from typing import Any


def item(
    path: str,
    heading: str,
    text: str = "",
    *,
    departments: list[str] | None = None,
    lead: list[str] | None = None,
    targets: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "path": path,
        "heading": heading,
        "text": text or heading,
        "departments": departments or [],
        "lead_departments": lead or [],
        "targets": targets or [],
        **extra,
    }


def target(
    indicator: str,
    value: float,
    unit: str,
    *,
    comparator: str = "=",
    year: int | None = 2025,
    kind: str | None = None,
) -> dict[str, Any]:
    made: dict[str, Any] = {
        "text": f"{indicator}{value:g}{unit}",
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "comparator": comparator,
        "year": year,
    }
    if kind:
        made["kind"] = kind
    return made


def sample() -> dict[str, Any]:
    """Two sections; the second runs its task numbers on (3 follows 2), as seed 004 does."""
    return {
        "title": "宝山区推进教育高质量发展的实施意见",
        "doc_number": "宝委发〔2024〕2号",
        "issuer": "中共宝山区委、宝山区人民政府",
        "date": "2024-03-02",
        "items": [
            item("一", "总体要求"),
            item("一/（一）", "指导思想", "指导思想。坚持教育优先发展。"),
            item("二", "重点任务"),
            item("二/（二）", "推进学前教育"),
            item(
                "二/（二）/1",
                "推进学前教育普惠发展",
                "推进学前教育普惠发展。到2025年，普惠性幼儿园覆盖率达到95%以上，新增托额100个。"
                "（责任部门：区教育局、区财政局、各街镇）",
                departments=["区教育局", "区财政局", "各街镇"],
                targets=[
                    target("普惠性幼儿园覆盖率", 95.0, "%", comparator=">=", kind="level"),
                    target("托额", 100.0, "个", kind="addition"),
                ],
            ),
            item(
                "二/（二）/2",
                "深化学校体育改革",
                "深化学校体育改革。（牵头单位：区体育局；配合单位：区教育局、区卫健委）",
                departments=["区体育局", "区教育局", "区卫健委"],
                lead=["区体育局"],
            ),
            item("二/（三）", "加强队伍建设"),
            item(
                "二/（三）/3",
                "培养骨干教师",
                "培养骨干教师。三年内培养1000名骨干教师。",
                departments=["区教育局"],
                targets=[target("骨干教师", 1000.0, "名", year=2027, kind="addition")],
            ),
        ],
    }
