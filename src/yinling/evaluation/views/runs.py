"""Value-added pages: the runs of a district, starting one, following its fit, and one run's
caterpillar plot with the model behind each subject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from yinling.core.permissions import can, get_object_for_user, permission_required, require
from yinling.core.tabular import ledger_workbook
from yinling.core.views._forms import add_service_errors
from yinling.core.views.responses import xlsx_response
from yinling.evaluation import engine_text, selectors
from yinling.evaluation.forms import RunForm
from yinling.evaluation.models import Assessment, DataVersion, SchoolValueAdded, ValueAddedRun
from yinling.evaluation.services import runs


def _run(request: HttpRequest, pk: int, action: str = "evaluation.view") -> ValueAddedRun:
    queryset = ValueAddedRun.objects.select_related(
        "district", "entry", "exit", "entry_version", "exit_version", "created_by"
    )
    return get_object_for_user(request.user, queryset, pk, action)


@permission_required("evaluation.view")
def run_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/run_list.html",
        {
            "runs": selectors.run_list(request.user),
            "can_manage": can(request.user, "evaluation.manage"),
        },
    )


@permission_required("evaluation.manage")
def run_create(request: HttpRequest) -> HttpResponse:
    assessments = Assessment.objects.filter(
        district__in=selectors.office_districts(request.user),
        versions__status=DataVersion.Status.ACTIVE,
    ).order_by("held_on", "name")
    form = RunForm(request.POST or None, assessments=assessments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(request.user, "evaluation.manage", data["exit"])
        try:
            run = runs.value_added_run_create(
                actor=request.user,
                entry=data["entry"],
                exit=data["exit"],
                model=data["model"],
                covariates=data["covariates"],
                min_n=data["min_n"],
                suppress_below=data["suppress_below"],
                band_cutoffs=(data["band_low"], data["band_high"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _say_started(request, run)
            return redirect("evaluation:run_detail", pk=run.pk)
    return render(
        request,
        "evaluation/form_page.html",
        {
            "form": form,
            "title": _("新建增值评估"),
            "intro": _(
                "选择一对测试（如六年级入学测试 → 九年级中考），按学生加密编号与科目对应入口与出口成绩。"
                "结果连同模型、参数、两次测试的数据指纹和引擎版本一起保存，可随时复现。"
            ),
            "submit_label": _("计算"),
            "back": "evaluation:run_list",
        },
    )


def _say_started(request: HttpRequest, run: ValueAddedRun) -> None:
    if run.status == ValueAddedRun.Status.RUNNING:
        messages.info(request, _("数据量较大，正在后台计算；完成后本页会自动刷新"))
    elif run.status == ValueAddedRun.Status.FAILED:
        reason = engine_text.failure(run.error_code, run.message).reason
        messages.error(request, _("未能估计：%(message)s") % {"message": reason})
    else:
        messages.success(request, _("已完成计算，请核对后发布"))


@permission_required("evaluation.view")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    subjects = selectors.run_subjects(run)
    subject = request.GET.get("subject") or (subjects[0] if subjects else "")
    if subject not in subjects and subjects:
        subject = subjects[0]
    rows = selectors.run_estimates(run, subject)
    summary = selectors.run_model_summary(run, subject)
    return render(
        request,
        "evaluation/run_detail.html",
        {
            "run": run,
            "progress": runs.value_added_run_progress(run),
            "summary": summary,
            "fixed_effects": engine_text.fixed_effects(summary.get("fixed_effects") or []),
            "convergence": engine_text.convergence(summary, run.model),
            "covariates": engine_text.covariate_labels(run.covariates),
            "failure": engine_text.failure(run.error_code, run.message)
            if run.status == ValueAddedRun.Status.FAILED
            else None,
            "subjects": [
                {
                    "value": s,
                    "label": SchoolValueAdded.label_of(s),
                    "current": s == subject,
                }
                for s in subjects
            ],
            "subject": subject,
            "subject_label": SchoolValueAdded.label_of(subject),
            "rows": rows,
            "bands": selectors.band_counts(rows),
            "caterpillar": caterpillar_data(rows),
            "can_manage": can(request.user, "evaluation.manage", run),
        },
    )


@permission_required("evaluation.view")
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by a running run's page; once the fit has ended the page reloads to show it."""
    run = _run(request, pk)
    if not run.is_running and request.htmx:  # type: ignore[attr-defined]
        return HttpResponseClientRefresh()
    return render(
        request,
        "evaluation/_run_progress.html",
        {
            "run": run,
            "progress": runs.value_added_run_progress(run),
            "can_manage": can(request.user, "evaluation.manage", run),
        },
    )


def caterpillar_data(rows: Any) -> list[dict[str, Any]]:
    """Schools with an estimate, ordered by it for the plot; the page's table stays by code."""
    points = [
        {
            "name": str(row.school),
            "estimate": row.estimate,
            "low": row.ci_low,
            "high": row.ci_high,
            "band": row.band,
            "band_label": row.get_band_display(),
            "small": row.status == "small",
        }
        for row in rows
        if row.estimate is not None
    ]
    return sorted(points, key=lambda p: p["estimate"])


def _transition(
    request: HttpRequest, pk: int, service: Callable[..., ValueAddedRun], done: str
) -> HttpResponse:
    run = _run(request, pk, "evaluation.manage")
    try:
        service(actor=request.user, run=run)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("evaluation:run_detail", pk=run.pk)


@require_POST
@permission_required("evaluation.manage")
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request, pk, runs.value_added_run_publish, _("已发布：各校可在本校评价档案中查看本校结果")
    )


@require_POST
@permission_required("evaluation.manage")
def run_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, runs.value_added_run_withdraw, _("已撤回"))


@require_POST
@permission_required("evaluation.manage")
def run_reproduce(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk, "evaluation.manage")
    try:
        again = runs.value_added_run_reproduce(actor=request.user, run=run)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("evaluation:run_detail", pk=run.pk)
    if again.status == ValueAddedRun.Status.RUNNING:
        _say_started(request, again)
    else:
        messages.success(request, _("已按原数据版本与参数重新计算"))
    return redirect("evaluation:run_detail", pk=again.pk)


EXPORT_HEADERS = [
    gettext_noop("学校代码"),
    gettext_noop("学校"),
    gettext_noop("科目"),
    gettext_noop("等级"),
    gettext_noop("增值"),
    gettext_noop("95% 区间下限"),
    gettext_noop("95% 区间上限"),
    gettext_noop("标准误"),
    gettext_noop("z 值"),
    gettext_noop("信度"),
    gettext_noop("有效人数"),
    gettext_noop("入口成绩覆盖率"),
    gettext_noop("原始残差均值"),
    gettext_noop("标准分变化"),
    gettext_noop("状态"),
]


def _ledger_numbers(*values: float | None) -> list[float | None]:
    """Two decimals, as the page shows them: a spreadsheet shows a float in full
    (-0.034414456…), which reads as false precision. The stored run keeps every digit."""
    return [None if v is None else round(v, 2) for v in values]


@permission_required("evaluation.view")
def run_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The run as a ledger (台账): every school and subject in school-code order, no ranks."""
    run = _run(request, pk)
    if run.is_running:
        messages.error(request, _(runs.ERR_STILL_RUNNING))
        return redirect("evaluation:run_detail", pk=run.pk)
    rows = run.schools.select_related("school").order_by("school__code", "subject")
    content = ledger_workbook(
        title=_("增值评估：%(run)s（%(engine)s）") % {"run": run, "engine": run.engine_version},
        headers=[_(h) for h in EXPORT_HEADERS],
        rows=(
            [
                r.school.code,
                r.school.name,
                r.subject_label,
                r.get_band_display() if r.band else "",
                *_ledger_numbers(r.estimate, r.ci_low, r.ci_high, r.se, r.z, r.reliability),
                r.n,
                *_ledger_numbers(r.coverage, r.raw_residual, r.entry_exit_change),
                r.get_status_display(),
            ]
            for r in rows
        ),
        widths=[14, 30, 8, 10, 10, 12, 12, 10, 10, 8, 10, 12, 12, 12, 14],
        sheet_title=_("增值评估"),
    )
    return xlsx_response(content, f"增值评估_{run.exit.name}_{run.get_model_display()}.xlsx")
