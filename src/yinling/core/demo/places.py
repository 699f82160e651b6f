"""Regions, schools and departments of the demo district."""

from __future__ import annotations

from collections.abc import Callable

from yinling.core.models import Department, Region, School
from yinling.core.services import department_create, school_create

Stage = School.Stage

# The eight experimental schools of Minhang's second-round strengthening project (seed 003).
MINHANG_EXPERIMENTAL = [
    ("MH-QX-001", "上海市马桥强恕学校", "马桥强恕", Stage.NINE_YEAR),
    ("MH-QX-002", "上海市闵行区纪王学校", "纪王学校", Stage.NINE_YEAR),
    ("MH-QX-003", "上海市闵行区浦江第二中学", "浦江二中", Stage.JUNIOR),
    ("MH-QX-004", "上海市龙柏中学", "龙柏中学", Stage.JUNIOR),
    ("MH-QX-005", "华东理工大学附属闵行梅陇实验学校", "华理附属梅陇", Stage.NINE_YEAR),
    ("MH-QX-006", "上海市闵行区教育学院附属友爱实验中学", "友爱实验", Stage.JUNIOR),
    ("MH-QX-007", "上海市闵行区北桥中学", "北桥中学", Stage.JUNIOR),
    ("MH-QX-008", "上海市古美学校", "古美学校", Stage.NINE_YEAR),
]

BAOSHAN_TOWNS = [
    "罗店",
    "月浦",
    "杨行",
    "顾村",
    "大场",
    "庙行",
    "淞南",
    "高境",
    "罗泾",
    "友谊",
    "吴淞",
    "张庙",
]
MINHANG_TOWNS = [
    "莘庄",
    "七宝",
    "颛桥",
    "梅陇",
    "虹桥",
    "华漕",
    "马桥",
    "吴泾",
    "浦江",
    "江川",
    "古美",
    "新虹",
    "浦锦",
]
# (name pattern, stage, ownership): every generated name is marked （演示） so nobody mistakes it.
PATTERNS = [
    ("{town}第一小学", Stage.PRIMARY, School.Ownership.PUBLIC),
    ("{town}实验小学", Stage.PRIMARY, School.Ownership.PUBLIC),
    ("{town}中心小学", Stage.PRIMARY, School.Ownership.PUBLIC),
    ("{town}中学", Stage.JUNIOR, School.Ownership.PUBLIC),
    ("{town}实验学校", Stage.NINE_YEAR, School.Ownership.PUBLIC),
    ("{town}新城初级中学", Stage.JUNIOR, School.Ownership.PUBLIC),
    ("{town}高级中学", Stage.SENIOR, School.Ownership.PUBLIC),
    ("{town}外国语小学", Stage.PRIMARY, School.Ownership.PRIVATE),
]
GROUPS = {
    "宝山区": ["宝山区罗店教育集团", "宝山区淞南教育集团", "宝山区顾村教育集团"],
    "闵行区": ["闵行区七宝教育集团", "闵行区莘庄教育集团", "闵行区浦江教育集团"],
}

MINHANG_DEPARTMENTS = [
    "区委办",
    "区府办",
    "区委组织部",
    "区委宣传部",
    "区教育局",
    "各街镇",
    "莘庄工业区",
    "区文明办",
    "团区委",
    "区妇联",
    "区科委",
    "区委编办",
    "区司法局",
    "区人社局",
    "区发改委",
    "区建管委",
    "区财政局",
    "区规划资源局",
    "区房管局",
    "区委网信办",
    "区卫健委",
    "区体育局",
    "区文化旅游局",
    "区民政局",
    "区残联",
    "区总工会",
    "区经委",
    "区学习型社会建设与终身教育委员会成员单位",
    "区委政法委",
    "区未保委",
    "市公安局闵行分局",
    "区审计局",
    "区市场监管局",
    "区教育督导室",
]
MINHANG_BUREAU_SECTIONS = ["人事科", "计财科", "普教二科", "区教育学院"]
BAOSHAN_UNITS = [
    ("办公室", Department.Kind.BUREAU_SECTION),
    ("组织人事科", Department.Kind.BUREAU_SECTION),
    ("计划财务科", Department.Kind.BUREAU_SECTION),
    ("基础教育科", Department.Kind.BUREAU_SECTION),
    ("德育科", Department.Kind.BUREAU_SECTION),
    ("终身教育科", Department.Kind.BUREAU_SECTION),
    ("区教育督导室", Department.Kind.BUREAU_SECTION),
    ("区教育学院", Department.Kind.INSTITUTION),
    ("区青少年活动中心", Department.Kind.INSTITUTION),
    ("区未来学习研究与发展中心", Department.Kind.INSTITUTION),
    ("区教育信息中心", Department.Kind.INSTITUTION),
    ("区教育后勤服务中心", Department.Kind.INSTITUTION),
]


def _region(name: str, code: str, kind: str, parent: Region | None) -> Region:
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent}
    )
    return region


def _school(
    district: Region,
    code: str,
    name: str,
    short: str,
    stage: str,
    ownership: str,
    group: str = "",
    is_demo: bool = True,
) -> None:
    if School.objects.filter(code=code).exists():
        return
    school_create(
        actor=None,
        district=district,
        code=code,
        name=name,
        short_name=short,
        stage=stage,
        ownership=ownership,
        education_group=group,
        is_demo=is_demo,
        address=f"{district.name}{short}路{len(code) * 7 % 900 + 1}号",
    )


def _generated_schools(district: Region, prefix: str, towns: list[str], count: int) -> None:
    groups = GROUPS[district.name]
    for index in range(count):
        town = towns[index % len(towns)]
        pattern, stage, ownership = PATTERNS[(index // len(towns) + index) % len(PATTERNS)]
        short = pattern.format(town=town)
        _school(
            district,
            f"{prefix}-{index + 1:03d}",
            f"上海市{district.name}{short}（演示）",
            short,
            stage,
            ownership,
            group=groups[index % len(groups)] if index % 4 == 0 else "",
        )


def _department(district: Region, name: str, kind: str) -> None:
    if not Department.objects.filter(district=district, name=name).exists():
        department_create(actor=None, district=district, name=name, kind=kind)


def _department_kind(name: str) -> str:
    if name in {"各街镇", "莘庄工业区"}:
        return Department.Kind.TOWN
    if name == "区教育督导室":
        return Department.Kind.BUREAU_SECTION
    return Department.Kind.GOVERNMENT


def load_places(say: Callable[[str], None]) -> None:
    shanghai = _region("上海市", "310000", Region.Kind.MUNICIPALITY, None)
    baoshan = _region("宝山区", "310113", Region.Kind.DISTRICT, shanghai)
    minhang = _region("闵行区", "310112", Region.Kind.DISTRICT, shanghai)
    for code, name, short, stage in MINHANG_EXPERIMENTAL:
        _school(minhang, code, name, short, stage, School.Ownership.PUBLIC, is_demo=False)
    _generated_schools(baoshan, "BS-DEMO", BAOSHAN_TOWNS, 42)
    _generated_schools(minhang, "MH-DEMO", MINHANG_TOWNS, 40)
    for name in MINHANG_DEPARTMENTS:
        _department(minhang, name, _department_kind(name))
    for name in MINHANG_BUREAU_SECTIONS:
        _department(
            minhang,
            name,
            Department.Kind.BUREAU_SECTION if name.endswith("科") else Department.Kind.INSTITUTION,
        )
    for name, kind in BAOSHAN_UNITS:
        _department(baoshan, name, kind)
    say(f"区域 3 个，学校 {School.objects.count()} 所，责任部门 {Department.objects.count()} 个")
