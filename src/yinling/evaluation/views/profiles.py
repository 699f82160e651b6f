"""The school's evaluation profile: its value added over time, its green indicators and its
programme status. A school sees its own; the district's office and leaders see all of theirs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from yinling.core.models import School
from yinling.core.permissions import get_object_for_user, permission_required
from yinling.evaluation import selectors


@permission_required("evaluation.my_profile")
def my_profile(request: HttpRequest) -> HttpResponse:
    """A school account's way in: straight to its school, or a choice when it has several."""
    schools = list(selectors.own_schools(request.user))
    if len(schools) == 1:
        return redirect("evaluation:school_profile", pk=schools[0].pk)
    return render(request, "evaluation/profile_list.html", {"schools": schools, "own": True})


@permission_required("evaluation.view")
def profile_list(request: HttpRequest) -> HttpResponse:
    """The district's schools in code order: a register of profiles, not a table of results."""
    return render(
        request,
        "evaluation/profile_list.html",
        {"schools": selectors.profile_schools(request.user), "own": False},
    )


@permission_required("evaluation.profile_view")
def school_profile(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_object_for_user(
        request.user, School.objects.select_related("district"), pk, "evaluation.profile_view"
    )
    value_added = selectors.profile_value_added(school)
    return render(
        request,
        "evaluation/school_profile.html",
        {
            "school": school,
            "value_added": value_added,
            "trend": selectors.value_added_trend(value_added),
            "green": selectors.profile_green(school),
            "programme_status": selectors.programme_status(school),
        },
    )
