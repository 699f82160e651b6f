"""Green-indicator pages: the district register by test year, the index set's configuration,
entering a school's results, importing them, and computing the socio-economic impact index."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from yinling.core.models import School
from yinling.core.permissions import can, get_object_for_user, permission_required, require
from yinling.core.tabular import ImportRejected
from yinling.core.uploads import UploadRejected, check_upload
from yinling.core.views._forms import add_service_errors
from yinling.core.views.responses import xlsx_response
from yinling.evaluation import selectors
from yinling.evaluation.forms import (
    GreenEntryForm,
    GreenImportForm,
    IndicatorConfigForm,
    SesComputeForm,
)
from yinling.evaluation.green_standards import STANDARD_SETS
from yinling.evaluation.models import (
    Assessment,
    DataVersion,
    GreenIndicator,
    GreenIndicatorRecord,
    GreenIndicatorSet,
)
from yinling.evaluation.services import green


def _set(request: HttpRequest, pk: int, action: str = "evaluation.view") -> GreenIndicatorSet:
    queryset = GreenIndicatorSet.objects.select_related("district")
    return get_object_for_user(request.user, queryset, pk, action)


@permission_required("evaluation.view")
def green_overview(request: HttpRequest) -> HttpResponse:
    sets = list(selectors.green_sets(request.user))
    chosen = next(
        (s for s in sets if str(s.pk) == request.GET.get("set")), sets[0] if sets else None
    )
    years = selectors.green_years(chosen) if chosen else []
    year = next(
        (y for y in years if str(y) == request.GET.get("year")), years[0] if years else None
    )
    districts = selectors.office_districts(request.user)
    return render(
        request,
        "evaluation/green_overview.html",
        {
            "sets": sets,
            "chosen": chosen,
            "years": years,
            "year": year,
            "register": selectors.green_register(chosen, year) if chosen else None,
            "can_manage": chosen is not None and can(request.user, "evaluation.manage", chosen),
            "installable": [
                {
                    "district": d,
                    "versions": [v for v in STANDARD_SETS if not _installed(d, v, sets)],
                }
                for d in districts
            ],
        },
    )


def _installed(district: object, version: str, sets: list[GreenIndicatorSet]) -> bool:
    return any(s.district_id == district.pk and s.version == version for s in sets)  # type: ignore[attr-defined]


@require_POST
@permission_required("evaluation.manage")
def green_set_install(request: HttpRequest) -> HttpResponse:
    district = (
        selectors.office_districts(request.user).filter(pk=request.POST.get("district")).first()
    )
    if district is None:
        messages.error(request, _("请选择区"))
        return redirect("evaluation:green_overview")
    require(request.user, "evaluation.manage", district)
    try:
        indicator_set = green.green_set_install(
            actor=request.user, district=district, version=request.POST.get("version", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("evaluation:green_overview")
    messages.success(request, _("已启用：%(name)s") % {"name": indicator_set.name})
    return redirect("evaluation:green_set_detail", pk=indicator_set.pk)


@permission_required("evaluation.view")
def green_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator_set = _set(request, pk)
    return render(
        request,
        "evaluation/green_set_detail.html",
        {
            "set": indicator_set,
            "indicators": indicator_set.indicators.select_related("parent"),
            "can_manage": can(request.user, "evaluation.manage", indicator_set),
        },
    )


@permission_required("evaluation.manage")
def green_indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_for_user(
        request.user,
        GreenIndicator.objects.select_related("indicator_set"),
        pk,
        "evaluation.manage",
    )
    initial = {
        "level_cuts": ", ".join(f"{c:g}" for c in indicator.level_cuts),
        "raw_direction": indicator.raw_direction,
        "weight": indicator.weight,
    }
    form = IndicatorConfigForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            green.green_indicator_configure(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("evaluation:green_set_detail", pk=indicator.indicator_set_id)
    return render(
        request,
        "evaluation/form_page.html",
        {
            "form": form,
            "title": _("配置指标：%(name)s") % {"name": indicator.name},
            "back_url": reverse("evaluation:green_set_detail", args=[indicator.indicator_set_id]),
        },
    )


@permission_required("evaluation.manage")
def green_entry(request: HttpRequest, pk: int) -> HttpResponse:
    indicator_set = _set(request, pk, "evaluation.manage")
    indicators = list(indicator_set.indicators.all())
    schools = School.objects.filter(district=indicator_set.district).order_by("code")
    initial = _entry_initial(request, indicators)
    form = GreenEntryForm(
        request.POST or None, initial=initial, schools=schools, indicators=indicators
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = green.green_school_year_save(
                actor=request.user,
                school=form.cleaned_data["school"],
                test_year=form.cleaned_data["test_year"],
                values=form.values(),
            )
        except ValidationError as error:
            _entry_errors(form, error)
        else:
            messages.success(request, _("已保存 %(n)d 项指数") % {"n": len(saved)})
            return redirect(
                f"{request.path}?school={form.cleaned_data['school'].pk}&year={form.cleaned_data['test_year']}"
            )
    return render(request, "evaluation/green_entry.html", {"set": indicator_set, "form": form})


def _entry_initial(request: HttpRequest, indicators: list[GreenIndicator]) -> dict[str, object]:
    """Editing an existing school and year starts from what is recorded."""
    initial: dict[str, object] = {}
    school, year = request.GET.get("school"), request.GET.get("year")
    if not (school and year and school.isdigit() and year.isdigit()):
        return initial
    initial.update(school=int(school), test_year=int(year))
    records = GreenIndicatorRecord.objects.filter(
        school_id=int(school), test_year=int(year), indicator__in=indicators
    )
    for record in records:
        prefix = f"i{record.indicator_id}"
        initial.update(
            {
                f"{prefix}_level": record.level,
                f"{prefix}_raw": record.raw_score,
                f"{prefix}_se": record.se,
            }
        )
    return initial


def _entry_errors(form: GreenEntryForm, error: ValidationError) -> None:
    names = {"level": "level", "raw_score": "raw", "se": "se"}
    for key, messages_ in error.message_dict.items():
        indicator, _sep, field = key.partition(":")
        target = f"i{indicator}_{names.get(field, 'level')}"
        for message in messages_:
            if field in {"school", "test_year"}:
                form.add_error(field, message)
            else:
                form.add_error(target if target in form.fields else None, message)


@permission_required("evaluation.manage")
def green_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    indicator_set = _set(request, pk, "evaluation.manage")
    form = GreenImportForm(request.POST or None, request.FILES or None)
    errors: list[object] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload, extensions={".xlsx"})
            result = green.green_import(
                actor=request.user, indicator_set=indicator_set, stream=upload
            )
        except (ImportRejected, UploadRejected) as rejected:
            errors = list(rejected.errors)
        else:
            messages.success(request, _("已导入 %(n)d 条结果") % {"n": result.saved})
            return redirect(f"{reverse('evaluation:green_overview')}?set={indicator_set.pk}")
    return render(
        request,
        "evaluation/green_import.html",
        {"set": indicator_set, "form": form, "errors": errors},
        status=400 if errors else 200,
    )


@permission_required("evaluation.manage")
def green_import_template(request: HttpRequest, pk: int) -> HttpResponse:
    indicator_set = _set(request, pk, "evaluation.manage")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("绿色指标"))
    sheet.append(green.IMPORT_COLUMNS)
    first = indicator_set.indicators.first()
    sheet.append(["（学校代码）", 2023, first.name if first else "", 6, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return xlsx_response(buffer.getvalue(), f"{indicator_set.name}导入模板.xlsx")


@permission_required("evaluation.manage")
def green_ses(request: HttpRequest, pk: int) -> HttpResponse:
    indicator_set = _set(request, pk, "evaluation.manage")
    indicators = indicator_set.indicators.filter(source=GreenIndicator.Source.SES_IMPACT)
    assessments = Assessment.objects.filter(
        district=indicator_set.district,
        versions__status=DataVersion.Status.ACTIVE,
        versions__results__ses__isnull=False,
    ).distinct()
    form = SesComputeForm(request.POST or None, indicators=indicators, assessments=assessments)
    if request.method == "POST" and form.is_valid():
        try:
            computed = green.green_ses_compute(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("已计算 %(n)d 所学校；%(m)d 所学校学生数不足，未计算")
                % {"n": len(computed.records), "m": len(computed.skipped)},
            )
            return redirect(
                f"/evaluation/green/?set={indicator_set.pk}&year={form.cleaned_data['test_year']}"
            )
    return render(
        request,
        "evaluation/form_page.html",
        {
            "form": form,
            "title": _("计算社会经济背景影响指数"),
            "intro": _(
                "对每所学校，以学生学业成绩（各科标准分的平均）对家庭社会经济地位指数回归："
                "原始分为解释率 R²（%），同时保存斜率及二者的 95% 区间；再按该指标的划分点折算为 1–9 级。"
            ),
            "submit_label": _("计算"),
            "back_url": reverse("evaluation:green_set_detail", args=[indicator_set.pk]),
        },
    )
