"""Downloads: the application form as Word, a round as a ZIP of forms plus a summary ledger."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yinling.core.permissions import permission_required
from yinling.core.tabular import ImportRejected
from yinling.core.uploads import UploadRejected, check_upload
from yinling.core.views.responses import attachment, docx_response, xlsx_response
from yinling.programmes import services
from yinling.programmes.community_forms import RoundImportForm
from yinling.programmes.exports.bundle import round_zip
from yinling.programmes.exports.roundtrip import round_workbook
from yinling.programmes.exports.word import application_docx as render_docx
from yinling.programmes.exports.word import docx_filename
from yinling.programmes.views._common import get_application, get_round

ZIP = "application/zip"


@permission_required("core.home")
def application_docx(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk, "programmes.application_view")
    return docx_response(render_docx(application), docx_filename(application))


@permission_required("programmes.manage")
def round_export_zip(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request, pk, "programmes.manage")
    return attachment(round_zip(round_), f"{round_.name}_申报表.zip", ZIP)


@permission_required("programmes.manage")
def round_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Applications, assignments and decisions with stable IDs, to edit and import back."""
    round_ = get_round(request, pk, "programmes.manage")
    return xlsx_response(round_workbook(round_), f"{round_.name}_申报评审.xlsx")


@permission_required("programmes.manage")
def round_import(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request, pk, "programmes.manage")
    form = RoundImportForm(request.POST or None, request.FILES or None)
    errors: list[object] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload, extensions={".xlsx"})
            result = services.round_import(actor=request.user, round_=round_, stream=upload)
        except (ImportRejected, UploadRejected) as rejected:
            errors = list(rejected.errors)
        else:
            messages.success(
                request,
                _(
                    "导入完成：调整领域 %(r)d 份，新增指派 %(a)d 个，撤回 %(w)d 个，"
                    "记录结论 %(d)d 项，未变 %(u)d 行"
                )
                % {
                    "r": result.reclassified,
                    "a": result.assigned,
                    "w": result.withdrawn,
                    "d": result.decided,
                    "u": result.unchanged,
                },
            )
            return redirect("programmes:round_detail", pk=round_.pk)
    return render(
        request,
        "programmes/round_import.html",
        {"round": round_, "form": form, "errors": errors},
        status=400 if errors else 200,
    )
