"""Tasks and their progress: the task page with charts, submitting reports, reviewing them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from yinling.core.models import Department
from yinling.core.permissions import can, permission_required, require
from yinling.core.uploads import UploadRejected
from yinling.core.views._forms import add_service_errors
from yinling.plans import selectors, services
from yinling.plans.forms import ReportForm, ReviewForm
from yinling.plans.models import PlanItem, ProgressReport, ReportEvidence
from yinling.plans.models.plans import format_number
from yinling.plans.periods import Period
from yinling.plans.services.reports import may_resubmit, reporting_periods
from yinling.plans.services.supervision import SUPERVISED_STATUSES
from yinling.plans.status import rule_text
from yinling.plans.views._common import (
    error_messages,
    get_item,
    get_report,
    get_target,
    int_or_none,
)

REPORT_ROWS = 100  # the latest reports a list shows; older ones are on each task's page
ERR_NO_DEPARTMENT = gettext_noop("您不是该任务责任部门的填报人，不能报送")


def _my_departments(request: HttpRequest, item: PlanItem) -> list[Department]:
    """The user's departments that are responsible for the task."""
    ids = selectors.reporter_department_ids(request.user)
    return list(Department.objects.filter(pk__in=ids, plan_items=item).distinct().order_by("name"))


@permission_required("plans.view")
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk, "plans.task_view")
    user = request.user
    node = selectors.task_node(item)
    reader = can(user, "plans.plan_export", item.plan)
    mine = None if reader else selectors.reporter_department_ids(user)
    lines = []
    for line in node.lines:
        reports = selectors.target_reports(line.target)
        if mine is not None:
            reports = reports.filter(department_id__in=mine)
        lines.append(
            {
                "line": line,
                "reports": reports,
                "chart": selectors.target_chart(line.target, item.plan),
                "chart_id": f"chart-data-{line.target.pk}",
            }
        )
    notices = [selectors.notice_state(n) for n in selectors.visible_notices(user).filter(item=item)]
    return render(
        request,
        "plans/task_detail.html",
        {
            "item": item,
            "plan": item.plan,
            "node": node,
            "lines": lines,
            "notices": notices,
            "rule": rule_text(),
            "can_report": can(user, "plans.report_submit", item),
            "can_review": can(user, "plans.report_review", item.plan),
            "can_supervise": can(user, "plans.notice_issue", item)
            and node.status in SUPERVISED_STATUSES,
            "review_form": ReviewForm(),
        },
    )


@permission_required("plans.view")
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """A department reports a target's value for a period, with evidence.

    ``?period=2026-Q3`` opens the form on that period. When the department's report for it may
    still be submitted again (returned, or not yet reviewed), the form starts from that report
    and shows the office's comments; submitting revises it (``services.report_submit``)."""
    target = get_target(request, pk, "plans.report_submit")
    item = target.item
    departments = _my_departments(request, item)
    periods = reporting_periods(target)
    own = selectors.own_reports(target, departments)
    if request.method == "POST":
        revising = _revisable(
            own, request.POST.get("period", ""), int_or_none(request.POST.get("department"))
        )
    else:
        revising = _revisable(own, request.GET.get("period", ""))
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        periods=periods,
        departments=departments,
        states={r.period: r.get_status_display() for r in own} if len(departments) == 1 else {},
        target=target,
        initial=_initial(revising, request.GET.get("period", ""), periods),
    )
    if request.method == "POST" and form.is_valid() and not departments:
        form.add_error(None, _(ERR_NO_DEPARTMENT))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = data.get("department") or departments[0].pk
        department = next((d for d in departments if d.pk == chosen), None)
        if department is None:
            raise Http404
        try:
            report = services.report_submit(
                actor=request.user,
                target=target,
                department=department,
                period=data["period"],
                value=data["value"],
                narrative=data["narrative"],
                files=data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except UploadRejected as rejected:  # an evidence file refused by the upload check
            for message in rejected.errors:
                form.add_error("files", message)
        else:
            messages.success(
                request,
                _("已报送%(period)s的进展，等待项目组审核") % {"period": report.reporting_period},
            )
            return redirect("plans:task_detail", item.pk)
    returned = ProgressReport.State.RETURNED
    return render(
        request,
        "plans/report_form.html",
        {
            "form": form,
            "target": target,
            "item": item,
            "plan": item.plan,
            "revising": revising,
            "other_returned": [r for r in own if r.status == returned and r != revising],
        },
    )


def _revisable(
    reports: list[ProgressReport], period: str, department: int | None = None
) -> ProgressReport | None:
    """The department's report for the period that submitting again would revise, if any
    (a returned one first when the user reports for several departments)."""
    found = [
        r
        for r in reports
        if r.period == period
        and may_resubmit(r)
        and (department is None or r.department_id == department)
    ]
    found.sort(key=lambda r: r.status != ProgressReport.State.RETURNED)
    return found[0] if found else None


def _initial(
    revising: ProgressReport | None, period: str, periods: list[Period]
) -> dict[str, object]:
    """The form starts from the report it revises, or on the period the link names."""
    if revising is not None:
        return {
            "period": revising.period,
            "department": revising.department_id,
            "value": format_number(revising.value),
            "narrative": revising.narrative,
        }
    if period in {p.key for p in periods}:
        return {"period": period}
    return {}


@permission_required("plans.view")
def report_list(request: HttpRequest) -> HttpResponse:
    """The office's review queue; the district's reports for its readers (leaders read them
    only); a department's own reports and their outcome."""
    user = request.user
    mine = selectors.reporter_department_ids(user)
    return render(
        request,
        "plans/report_list.html",
        {
            "to_review": selectors.reports_to_review(user),
            "district": selectors.district_reports(user)[:REPORT_ROWS],
            "mine": selectors.department_reports(mine)[:REPORT_ROWS] if mine else [],
            "review_form": ReviewForm(),
        },
    )


@require_POST
@permission_required("plans.view")
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report(request, pk, "plans.report_review")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择采纳或退回"))
    else:
        try:
            if form.cleaned_data["decision"] == "accept":
                services.report_accept(
                    actor=request.user, report=report, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("已采纳"))
            else:
                services.report_return(
                    actor=request.user, report=report, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("已退回并通知填报部门"))
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("plans:report_list")


@permission_required("plans.view")
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = _evidence(request, pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


def _evidence(request: HttpRequest, pk: int) -> ReportEvidence:
    try:
        evidence = ReportEvidence.objects.select_related("report__department").get(pk=pk)
    except (ReportEvidence.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    require(request.user, "plans.report_view", evidence.report, hide=True)
    return evidence
