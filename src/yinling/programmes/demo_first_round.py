"""The demo's first Baoshan round as a story told through the services: thirty schools apply, the
experts score (each with their own leniency), the office decides and releases the results, one
school revises and is approved on resubmission, another asked to revise withdraws instead; then
the timestamps the services set to "now" are moved back to the round's dates (demo only).
demo.py calls these in order."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from yinling.core.models import School, User
from yinling.programmes import application_selectors, services
from yinling.programmes.demo_content import LEADERS, LENIENCY, LIAISONS, THEMES
from yinling.programmes.models import (
    Application,
    ApplicationVersion,
    Decision,
    ReviewAssignment,
)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def apply_for(round_, school: School, index: int) -> Application:  # noqa: ANN001
    theme = THEMES[index % len(THEMES)]
    name = theme["names"][(index // len(THEMES)) % 3]
    admin = school_admin(school)
    started = date(2024, 1, 3) + timedelta(days=index % 10)
    application = services.application_start(actor=admin, round_=round_, school=school, on=started)
    programme = round_.programme
    domain = programme.domains.get(name=theme["domain"])
    guide = domain.guide_items.filter(title=theme["guide"]).first() if theme["guide"] else None
    short = school.short_name or school.name
    data = {
        "project_name": name,
        "leader_name": f"{LEADERS[index % 12]}{'建国志强海燕玉梅国华'[index % 5 * 2 : index % 5 * 2 + 2]}",
        "liaison_name": f"{LEADERS[(index + 5) % 12]}{LIAISONS[index % 12]}",
        "phone": f"021-5{6600000 + index * 137:07d}"[:12],
        "source": Application.Source.GUIDE if guide else Application.Source.SELF_SELECTED,
        "guide_item": guide,
        "domain": domain,
        **{
            key: str(theme[key]).format(school=short)
            for key in ("goals", "challenges", "content", "methods", "outcomes")
        },
    }
    services.application_save_draft(actor=admin, application=application, data=data)
    return services.application_submit(
        actor=admin, application=application, on=started + timedelta(days=7)
    )


def school_admin(school: School) -> User | None:
    """The school's admin account when the demo has one (bs_school, bs_school2)."""
    return User.objects.filter(memberships__school=school, memberships__role="school_admin").first()


def _quality(application: Application) -> float:
    rng = random.Random(application.school.code)  # noqa: S311  (demo scores, reproducible)
    if application.school.code == "BS-DEMO-001":
        return 8.6
    return rng.uniform(5.6, 8.8)


def score_round(round_, experts: dict[str, User]) -> None:  # noqa: ANN001
    criteria = list(round_.rubric.criteria.all())
    for assignment in ReviewAssignment.objects.filter(application__round=round_).select_related(
        "application__school", "expert"
    ):
        base = _quality(assignment.application) + LENIENCY[assignment.expert.username]
        rng = random.Random(f"{assignment.application.school.code}-{assignment.expert.username}")  # noqa: S311
        scores = {
            c.pk: Decimal(str(max(0, min(10, round(base + rng.uniform(-0.8, 0.8), 1)))))
            for c in criteria
        }
        comment = (
            "目标清晰、问题聚焦，研究设计与学校实际结合紧密，建议进一步明确阶段性成果的检验方式。"
            if base >= 7.5
            else "选题有意义，但研究内容偏多、重点不够突出，建议聚焦一到两个核心问题，细化实施步骤。"
        )
        services.review_submit(
            actor=assignment.expert,
            assignment=assignment,
            scores=scores,
            comment_to_school=comment,
            comment_to_office="建议立项" if base >= 7 else "可修改后再审",
        )


def decide_round(round_, office: User) -> None:  # noqa: ANN001
    rows = sorted(
        application_selectors.round_results(round_),
        key=lambda r: -(r.aggregate.calibrated or 0),
    )
    revise: list[Application] = []
    for rank, row in enumerate(rows):
        application = row.application
        if rank < 22 or application.school.code == "BS-DEMO-001":
            outcome, reason = "approve", "专家评审通过，同意立项为区新优质学校引领项目。"
        elif rank < 25:
            outcome, reason = "revise", "研究内容需进一步聚焦，请细化研究过程与方法后重新提交。"
            revise.append(application)
        else:
            outcome, reason = (
                "reject",
                "选题与学校发展规划结合不够紧密，本轮暂不立项，可在下一批次重新申报。",
            )
        services.decision_record(
            actor=office, application=application, outcome=outcome, reason=reason
        )
    services.round_release_results(actor=office, round_=round_, on=date(2024, 3, 15))
    # One school revises and is approved on resubmission: two submitted versions to compare.
    application = revise[0]
    application.refresh_from_db()
    admin = school_admin(application.school)
    services.application_save_draft(
        actor=admin,
        application=application,
        data={
            "methods": application.methods
            + "每学期末对照阶段目标开展一次自评，形成阶段报告，并据此调整下一阶段计划。",
            "content": application.content.split("；五是")[0] + "。",
        },
    )
    services.application_submit(actor=admin, application=application, on=date(2024, 3, 28))
    for assignment in application.assignments.select_related("expert"):
        services.review_submit(
            actor=assignment.expert,
            assignment=assignment,
            scores={s.criterion_id: min(s.score + 1, 10) for s in assignment.scores.all()},
            comment_to_school="修改后研究重点突出，过程安排清楚。",
        )
    decision = services.decision_record(
        actor=office,
        application=application,
        outcome="approve",
        reason="修改后研究重点突出、步骤清楚，同意立项。",
    )
    services.decision_release(actor=office, decision=decision, on=date(2024, 4, 12))
    # Another school asked to revise gives its application up (撤回申报).
    if len(revise) > 1:
        services.application_withdraw(
            actor=school_admin(revise[1].school),
            application=Application.objects.get(pk=revise[1].pk),
            reason="校长岗位调整，该项目并入所在教育集团的集团项目统一推进，本轮撤回申报。",
        )


def backdate_round(round_) -> None:  # noqa: ANN001
    """Move service timestamps back to the round's story (demo only)."""
    for application in round_.applications.all():
        first = _at(application.applied_on + timedelta(days=7))
        revised = application.versions.filter(number=2).exists()
        submitted = _at(date(2024, 3, 28)) if revised else first
        Application.objects.filter(pk=application.pk).update(
            submitted_at=submitted if application.submitted_at else None
        )
        ApplicationVersion.objects.filter(application=application, number=1).update(saved_at=first)
        ApplicationVersion.objects.filter(application=application, number=2).update(
            saved_at=_at(date(2024, 3, 28))
        )
        ApplicationVersion.objects.filter(application=application, number=1).exclude(
            returned_at=None
        ).update(returned_at=_at(date(2024, 3, 15), 16))
    ReviewAssignment.objects.filter(application__round=round_).update(
        submitted_at=_at(date(2024, 2, 26))
    )
    Decision.objects.filter(
        application__round=round_, released_at__date__gte=date(2024, 5, 1)
    ).update(decided_at=_at(date(2024, 3, 12)), released_at=_at(date(2024, 3, 15), 16))
    round_.applications.exclude(withdrawn_at=None).update(withdrawn_at=_at(date(2024, 4, 8)))
    last = Decision.objects.filter(application__round=round_).order_by("-pk").first()
    if last is not None:
        Decision.objects.filter(pk=last.pk).update(
            decided_at=_at(date(2024, 4, 10)), released_at=_at(date(2024, 4, 12), 16)
        )
