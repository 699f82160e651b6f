"""Demo data for the programmes app, created through the services.

- Baoshan's leading plan from seed 000 (宝教〔2023〕70号): five domains, the guide, the 2026 targets,
  a rubric, the expert register (bs_expert, bs_expert2, bs_expert3), one finished round of thirty
  applications (scored, decided, released; one withdrawn after being asked to revise), the
  project schools, practice communities by domain with their seminars and exhibitions, and a
  second round open now in which bs_school2 has a draft.
- The city's 2015-2017 cluster-development plan from seed 001 (沪教委基〔2015〕77号) with its targets
  (about 250 schools, about 25%) and a few Baoshan and Minhang project schools.

Idempotent: a programme that already exists (by name) is left as it is. Timestamps that the
services set to "now" are moved back to the story's dates afterwards (demo only).

This module loads the programmes in order; the first round's applications, scores and decisions
are built in demo_first_round, and the words (guide, application texts) live in demo_content.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from yinling.core.models import Region, School, User
from yinling.programmes import services
from yinling.programmes.demo_content import GUIDE, LENIENCY, THEMES
from yinling.programmes.demo_first_round import (
    apply_for,
    backdate_round,
    decide_round,
    school_admin,
    score_round,
)
from yinling.programmes.models import (
    Application,
    Event,
    PracticeCommunity,
    Programme,
    ProgrammeSchool,
)
from yinling.programmes.schoolyear import SchoolYear

BAOSHAN_NAME = "宝山区新优质学校高质量发展引领计划"
CITY_NAME = "上海市新优质学校集群发展三年行动计划（2015—2017年）"
ROUND_ONE = "2024年度引领项目申报"
ROUND_TWO = "2026年度引领项目补充申报"
# Schools of Baoshan's demo list that stay out of the first round: bs_school2's school applies
# in the open second round; two others are left for the demo user to try.
HELD_BACK = {"BS-DEMO-002", "BS-DEMO-041", "BS-DEMO-042"}


def load(say: Callable[[str], None]) -> None:
    baoshan = Region.objects.get(code="310113")
    if not Programme.objects.filter(name=BAOSHAN_NAME).exists():
        _baoshan(baoshan, say)
    if not Programme.objects.filter(name=CITY_NAME).exists():
        _city(say)


# --- Baoshan -----------------------------------------------------------------------------------


def _baoshan(district: Region, say: Callable[[str], None]) -> None:
    office = User.objects.get(username="bs_office")
    programme = services.programme_create(
        actor=office,
        name=BAOSHAN_NAME,
        kind=Programme.Kind.LEADING_PLAN,
        level=Programme.Level.DISTRICT,
        district=district,
        document_number="宝教〔2023〕70号",
        description=(
            "落实《上海市新优质学校高质量发展引领计划》：项目校在项目指南中选择1个重点项目"
            "（或自选项目）作为引领项目深化实践；区项目组汇总分类组建实践研究共同体，"
            "每个共同体每学年至少进行一次区级交流展示；成长认证后原则上每三年复评一次。"
        ),
        period_start=date(2024, 1, 1),
        period_end=date(2026, 12, 31),
    )
    for domain in programme.domains.all():
        for title, description in GUIDE.get(domain.name, []):
            services.guide_item_create(
                actor=office, domain=domain, title=title, description=description
            )
    for name, metric, value, unit, due in (
        ("新优质项目学校逐步扩容到60所左右", "project_schools", 60, "所", date(2026, 12, 31)),
        (
            "涌现10所左右发挥引领作用与示范效应的项目校",
            "certified_schools",
            10,
            "所",
            date(2026, 12, 31),
        ),
        ("10个左右在学区或集团内引领的创新项目", "manual", 10, "个", date(2026, 12, 31)),
    ):
        services.target_create(
            actor=office,
            programme=programme,
            name=name,
            metric=metric,
            value=value,
            unit=unit,
            due_on=due,
            manual_value=Decimal(4) if metric == "manual" else None,
        )
    rubric = services.rubric_create(
        actor=office,
        programme=programme,
        name="宝山区引领项目申报评审细则",
        scale_min=0,
        scale_max=10,
        criteria=[
            ("目标定位", "与学校发展规划契合，体现新优质学校价值引领", 25),
            ("问题聚焦", "聚焦学校高质量发展的真实问题与挑战", 20),
            ("研究设计", "内容具体、方法得当、过程安排可行", 30),
            ("预期成果", "成果可检验，具有示范辐射潜力", 25),
        ],
    )
    experts = _experts(district, office)
    schools = list(
        programme.eligible_schools()
        .filter(code__startswith="BS-DEMO-")
        .exclude(code__in=HELD_BACK)
        .order_by("code")
    )
    round_one = services.round_create(
        actor=office,
        programme=programme,
        name=ROUND_ONE,
        opens_on=date(2024, 1, 2),
        closes_on=date(2024, 1, 26),
        reviewers_per_application=2,
        rubric=rubric,
        note="各项目校在本学期内填写《宝山区新优质学校高质量发展引领计划研究项目申报表》。",
    )
    applications = [apply_for(round_one, school, index) for index, school in enumerate(schools)]
    services.assignment_auto(actor=office, round_=round_one)
    score_round(round_one, experts)
    decide_round(round_one, office)
    backdate_round(round_one)
    _communities(programme, office)
    _evidence(programme)
    round_two = services.round_create(
        actor=office,
        programme=programme,
        name=ROUND_TWO,
        opens_on=timezone.localdate() - timedelta(days=12),
        closes_on=timezone.localdate() + timedelta(days=19),
        reviewers_per_application=2,
        rubric=rubric,
        note="面向尚未立项的义务教育阶段公办学校补充申报。",
    )
    _draft_for_school2(round_two)
    say(
        f"引领计划：{len(applications)} 份申报，"
        f"项目校 {programme.memberships.count()} 所，共同体 {programme.communities.count()} 个"
    )


def _experts(district: Region, office: User) -> dict[str, User]:
    school = {s.code: s for s in School.objects.filter(code__in=["BS-DEMO-005", "BS-DEMO-013"])}
    users = {u.username: u for u in User.objects.filter(username__in=LENIENCY)}
    services.expert_profile_save(
        actor=office,
        user=users["bs_expert"],
        district=district,
        affiliation="宝山区教育学院科研室",
        subject="教育科研",
        expertise=["推进学校育人方式变革", "提高学校治理能力"],
        workload_limit=30,
    )
    services.expert_profile_save(
        actor=office,
        user=users["bs_expert2"],
        district=district,
        affiliation_school=school["BS-DEMO-005"],
        subject="小学语文",
        expertise=["推进学校育人方式变革", "提高教师全面育人能力"],
        workload_limit=30,
    )
    profile = services.expert_profile_save(
        actor=office,
        user=users["bs_expert3"],
        district=district,
        affiliation_school=school["BS-DEMO-013"],
        subject="初中数学",
        expertise=["强化信息技术赋能作用"],
        workload_limit=30,
    )
    services.expert_tie_add(
        actor=office,
        profile=profile,
        school=School.objects.get(code="BS-DEMO-002"),
        kind="former_post",
        note="2019—2022年在该校任教",
    )
    services.pairing_create(
        actor=office,
        school=School.objects.get(code="BS-DEMO-003"),
        partner=school["BS-DEMO-013"],
        kind="paired",
        note="学区内结对",
    )
    return users


def _communities(programme: Programme, office: User) -> None:
    communities = services.communities_create_suggested(actor=office, programme=programme)
    today = timezone.localdate()
    current = SchoolYear.of(today)
    for index, community in enumerate(communities):
        members = list(community.members.all())
        lead = community.lead_school
        years = [SchoolYear(2023), SchoolYear(2024), SchoolYear(2025), current]
        for year in years:
            if year == current and index % 2:
                continue  # half the communities have not shown yet this year: the check lists them
            first_term, second_term = year.terms
            seminar_day = first_term.start + timedelta(days=45 + index * 3)
            show_day = second_term.start + timedelta(days=80 + index * 5)
            if year == current:
                show_day = min(
                    today - timedelta(days=5 + index), first_term.start + timedelta(days=70)
                )
            if year == SchoolYear(2023):
                seminar_day = date(2024, 5, 10) + timedelta(days=index)
                show_day = date(2024, 6, 14) + timedelta(days=index)
            for kind, day, title, place in (
                ("seminar", seminar_day, f"{community.domain}项目推进研讨会", f"{lead}会议室"),
                (
                    "exhibition",
                    show_day,
                    f"{community.name}{year.label}区级交流展示",
                    f"{lead}报告厅",
                ),
            ):
                if day > today:
                    continue
                services.event_create(
                    actor=office,
                    programme=programme,
                    community=community,
                    kind=kind,
                    level=Event.Level.DISTRICT,
                    title=title,
                    held_on=day,
                    place=place,
                    description="各成员校交流引领项目的阶段进展，专家现场点评指导。",
                    participants=members,
                )
    approved = list(
        ProgrammeSchool.objects.filter(programme=programme).select_related("school")[:3]
    )
    if approved:
        services.community_create(
            actor=office,
            programme=programme,
            name="市新优质学校课程领导力研究共同体（宝山成员校）",
            level=PracticeCommunity.Level.CITY,
            lead_school=approved[0].school,
            members=[m.school for m in approved],
            description="区项目校根据需要加入的市级研究共同体。",
        )


def _evidence(programme: Programme) -> None:
    membership = ProgrammeSchool.objects.get(programme=programme, school__code="BS-DEMO-001")
    admin = school_admin(membership.school)
    for title, day, description in (
        (
            "单元整体教学设计模板（试行稿）发布",
            date(2024, 6, 20),
            "语文、数学、英语三科完成首批12个单元设计。",
        ),
        (
            "区级公开课《走进秋天》单元整体教学展示",
            date(2024, 11, 14),
            "区教研员现场指导，学区内6所学校参加。",
        ),
        ("学生学业质量绿色指标较基线提升", date(2025, 7, 5), "学习兴趣、学业负担等指数均有改善。"),
        ("《单元整体教学案例集》汇编完成", date(2025, 12, 18), "收录课例24个，已在学区内交流。"),
    ):
        services.evidence_add(
            actor=admin,
            membership=membership,
            title=title,
            happened_on=day,
            description=description,
        )


def _draft_for_school2(round_) -> None:  # noqa: ANN001
    school = School.objects.get(code="BS-DEMO-002")
    admin = school_admin(school)
    application = services.application_start(actor=admin, round_=round_, school=school)
    theme = THEMES[1]
    services.application_save_draft(
        actor=admin,
        application=application,
        data={
            "project_name": "依托月浦社区资源的跨学科主题学习实践",
            "leader_name": "吴静怡",
            "liaison_name": "沈佳",
            "phone": "021-56691234",
            "source": Application.Source.GUIDE,
            "guide_item": round_.programme.domains.get(name=theme["domain"])
            .guide_items.filter(title=theme["guide"])
            .first(),
            "goals": str(theme["goals"]).format(school="月浦实验小学"),
        },
    )


# --- the city's cluster plan (seed 001) --------------------------------------------------------


def _city(say: Callable[[str], None]) -> None:
    programme = services.programme_create(
        actor=None,
        name=CITY_NAME,
        kind=Programme.Kind.CLUSTER,
        level=Programme.Level.CITY,
        document_number="沪教委基〔2015〕77号",
        description=(
            "到2017年，加入新优质学校集群发展的学校数量扩大至250所左右，覆盖全市义务教育阶段"
            "约25%的学校；市级层面100所市项目学校结成实践研究共同体；家长及社区居民满意度达到90%以上。"
        ),
        period_start=date(2015, 11, 9),
        period_end=date(2017, 12, 31),
        domains=["课程与教学", "管理与文化", "评价与改进"],
        is_active=False,
    )
    due = date(2017, 12, 31)
    for name, metric, value, unit, manual in (
        ("加入集群发展的学校约250所", "project_schools", 250, "所", None),
        ("覆盖全市义务教育阶段约25%的学校", "coverage_percent", 25, "%", None),
        ("市项目学校100所结成实践研究共同体", "manual", 100, "所", Decimal(100)),
        ("家长及社区居民满意度90%以上", "manual", 90, "%", Decimal("91.5")),
    ):
        services.target_create(
            actor=None,
            programme=programme,
            name=name,
            metric=metric,
            value=value,
            unit=unit,
            due_on=due,
            manual_value=manual,
        )
    members = School.objects.filter(
        code__in=[
            "BS-DEMO-001",
            "BS-DEMO-004",
            "BS-DEMO-010",
            "MH-QX-004",
            "MH-QX-008",
            "MH-DEMO-002",
        ]
    )
    for school in members:
        services.programme_school_admit(
            actor=None,
            programme=programme,
            school=school,
            reason="区县推荐加入新优质学校集群发展项目",
            on=date(2016, 3, 1),
        )
    say(f"市级集群发展计划：项目学校 {members.count()} 所，目标 4 项")
