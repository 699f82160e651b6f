"""Department scorecards: each department's tasks, reports on time, tasks on track."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yinling.core.models import Department
from yinling.core.permissions import get_object_for_user, permission_required
from yinling.core.selectors import readable_districts
from yinling.plans import overview_selectors, selectors
from yinling.plans.status import Status


@permission_required("plans.scorecard_view")
def scorecard_list(request: HttpRequest) -> HttpResponse:
    """Readers see every department of their districts; a department sees its own card."""
    user = request.user
    mine = selectors.reporter_department_ids(user)
    districts = {d.pk: d for d in readable_districts(user)}
    sections = []
    for district in districts.values():
        sections.append((district, overview_selectors.scorecards(district)))
    own_districts = (
        Department.objects.filter(pk__in=mine)
        .exclude(district__in=districts.keys())
        .select_related("district")
    )
    for department in own_districts:
        sections.append(
            (
                department.district,
                overview_selectors.scorecards(department.district, department_ids={department.pk}),
            )
        )
    return render(request, "plans/scorecard_list.html", {"sections": sections, "statuses": Status})


@permission_required("plans.scorecard_view")
def scorecard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_for_user(
        request.user, Department.objects.select_related("district"), pk, "plans.scorecard_view"
    )
    cards = overview_selectors.scorecards(department.district, department_ids={department.pk})
    card = cards[0] if cards else overview_selectors.Scorecard(department)
    return render(
        request,
        "plans/scorecard_detail.html",
        {"card": card, "department": department, "statuses": Status},
    )
