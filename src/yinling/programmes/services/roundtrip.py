"""Reading the round's spreadsheet back: parse every sheet, validate every row, then apply all of
it in one transaction through the same services. Any error, nothing is written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record
from yinling.core.models import User
from yinling.core.tabular import (
    ERR_EMPTY,
    ImportRejected,
    RowError,
    Sheet,
    read_xlsx,
    require_columns,
)
from yinling.programmes.exports.roundtrip import (
    APPLICATIONS,
    ASSIGNMENTS,
    DECISIONS,
)
from yinling.programmes.models import (
    Application,
    ApplicationRound,
    Decision,
    Domain,
    ReviewAssignment,
)
from yinling.programmes.services.applications import ERR_WITHDRAWN
from yinling.programmes.services.review_outcomes import decision_record
from yinling.programmes.services.review_setup import assignment_create, assignment_remove

ERR_MISSING_SHEET = gettext_noop("工作簿缺少“%(sheet)s”工作表，请使用从本批次导出的文件")
ERR_UNKNOWN_APPLICATION = gettext_noop("本批次没有编号为“%(value)s”的申报")
ERR_UNKNOWN_ASSIGNMENT = gettext_noop("本批次没有编号为“%(value)s”的评审分配")
ERR_UNKNOWN_DOMAIN = gettext_noop("本项目没有“%(value)s”领域")
ERR_UNKNOWN_EXPERT = gettext_noop("没有账号为“%(value)s”的专家")
ERR_UNKNOWN_OUTCOME = gettext_noop("结论只能是：%(choices)s")
ERR_REASON_REQUIRED = gettext_noop("填写结论时必须填写理由")
ERR_YES_NO = gettext_noop("“撤回”列只能填“是”或留空")
ERR_DRAFT = gettext_noop("草稿不能由项目组修改")

APPLICATION_ID = re.compile(r"^SB-(\d+)$")
ASSIGNMENT_ID = re.compile(r"^PS-(\d+)$")


@dataclass
class ImportResult:
    reclassified: int = 0
    assigned: int = 0
    withdrawn: int = 0
    decided: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def _sheet(content: bytes, name: str) -> Sheet | None:
    import io

    try:
        return read_xlsx(io.BytesIO(content), sheet_name=name)
    except KeyError:
        return None
    except ImportRejected as rejected:
        if [str(e) for e in rejected.errors] == [_(ERR_EMPTY)]:
            return None  # a sheet with its header and no rows: nothing to do there
        raise


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _pk(pattern: re.Pattern[str], value: str) -> int | None:
    match = pattern.match(value)
    return int(match.group(1)) if match else None


@transaction.atomic
def application_classify(*, actor: Any, application: Application, domain: Domain) -> Application:
    """The office files an application under another domain (汇总和分类)."""
    if application.status == Application.Status.DRAFT:
        raise ValidationError(_(ERR_DRAFT))
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_(ERR_WITHDRAWN))
    before = application.domain_id
    application.domain = domain
    application.save(update_fields=["domain", "updated_at"])
    audit_record(
        actor=actor,
        action="application.classify",
        obj=application,
        before={"domain": before},
        after={"domain": domain.pk},
    )
    return application


class _Importer:
    def __init__(self, actor: Any, round_: ApplicationRound) -> None:
        self.actor = actor
        self.round = round_
        self.result = ImportResult()
        self.applications = {
            a.pk: a
            for a in round_.applications.select_related("school", "domain", "round__programme")
        }
        self.domains = {d.name: d for d in round_.programme.domains.all()}
        self.assignments = {
            a.pk: a
            for a in ReviewAssignment.objects.filter(application__round=round_).select_related(
                "application", "expert"
            )
        }
        self.outcomes = {str(label): value for value, label in Decision.Outcome.choices}

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.result.errors.append(RowError(row, column, message, sheet=sheet))

    def service(self, sheet: str, row: int, column: str, call: Any) -> bool:
        try:
            call()
        except ValidationError as error:
            for message in error.messages:
                self.error(sheet, row, column, str(message))
            return False
        return True

    def application(self, sheet: str, row: int, column: str, value: Any) -> Application | None:
        text = _text(value)
        pk = _pk(APPLICATION_ID, text)
        application = self.applications.get(pk) if pk else None
        if application is None:
            self.error(sheet, row, column, _(ERR_UNKNOWN_APPLICATION) % {"value": text})
        return application

    def applications_sheet(self, sheet: Sheet) -> None:
        require_columns(sheet, ["编号", "所属领域"])
        for row, values in sheet.rows:
            application = self.application(APPLICATIONS, row, "编号", values.get("编号"))
            name = _text(values.get("所属领域"))
            if application is None or not name:
                continue
            domain = self.domains.get(name)
            if domain is None:
                self.error(APPLICATIONS, row, "所属领域", _(ERR_UNKNOWN_DOMAIN) % {"value": name})
            elif domain.pk != application.domain_id:
                if self.service(
                    APPLICATIONS,
                    row,
                    "所属领域",
                    lambda a=application, d=domain: application_classify(
                        actor=self.actor, application=a, domain=d
                    ),
                ):
                    self.result.reclassified += 1
            else:
                self.result.unchanged += 1

    def assignments_sheet(self, sheet: Sheet) -> None:
        require_columns(sheet, ["分配编号", "申报编号", "专家账号", "撤回"])
        for row, values in sheet.rows:
            existing = _text(values.get("分配编号"))
            withdraw = _text(values.get("撤回"))
            if withdraw not in {"", "是"}:
                self.error(ASSIGNMENTS, row, "撤回", _(ERR_YES_NO))
                continue
            if existing:
                pk = _pk(ASSIGNMENT_ID, existing)
                assignment = self.assignments.get(pk) if pk else None
                if assignment is None:
                    self.error(
                        ASSIGNMENTS,
                        row,
                        "分配编号",
                        _(ERR_UNKNOWN_ASSIGNMENT) % {"value": existing},
                    )
                elif withdraw and self.service(
                    ASSIGNMENTS,
                    row,
                    "撤回",
                    lambda a=assignment: assignment_remove(actor=self.actor, assignment=a),
                ):
                    self.result.withdrawn += 1
                else:
                    self.result.unchanged += 1
                continue
            application = self.application(ASSIGNMENTS, row, "申报编号", values.get("申报编号"))
            username = _text(values.get("专家账号"))
            expert = User.objects.filter(username=username).first() if username else None
            if expert is None:
                self.error(
                    ASSIGNMENTS, row, "专家账号", _(ERR_UNKNOWN_EXPERT) % {"value": username}
                )
            if application is None or expert is None:
                continue
            if self.service(
                ASSIGNMENTS,
                row,
                "专家账号",
                lambda a=application, e=expert: assignment_create(
                    actor=self.actor, application=a, expert=e
                ),
            ):
                self.result.assigned += 1

    def decisions_sheet(self, sheet: Sheet) -> None:
        require_columns(sheet, ["申报编号", "结论", "理由"])
        for row, values in sheet.rows:
            application = self.application(DECISIONS, row, "申报编号", values.get("申报编号"))
            label, reason = _text(values.get("结论")), _text(values.get("理由"))
            if application is None or not label:
                continue
            outcome = self.outcomes.get(label)
            if outcome is None:
                choices = "、".join(self.outcomes)
                self.error(DECISIONS, row, "结论", _(ERR_UNKNOWN_OUTCOME) % {"choices": choices})
                continue
            if not reason:
                self.error(DECISIONS, row, "理由", _(ERR_REASON_REQUIRED))
                continue
            latest = application.decisions.order_by("-decided_at", "-pk").first()
            if latest is not None and (latest.outcome, latest.reason) == (outcome, reason):
                self.result.unchanged += 1
                continue
            if self.service(
                DECISIONS,
                row,
                "结论",
                lambda a=application, o=outcome, r=reason: decision_record(
                    actor=self.actor, application=a, outcome=o, reason=r
                ),
            ):
                self.result.decided += 1


def round_import(*, actor: Any, round_: ApplicationRound, stream: IO[bytes]) -> ImportResult:
    """Apply an edited round workbook: reclassify applications, add or withdraw assignments,
    record decisions. Every row is checked; one error and nothing is written."""
    content = stream.read()
    sheets = {name: _sheet(content, name) for name in (APPLICATIONS, ASSIGNMENTS, DECISIONS)}
    if all(sheet is None for sheet in sheets.values()):
        raise ImportRejected([_(ERR_MISSING_SHEET) % {"sheet": APPLICATIONS}])
    importer = _Importer(actor, round_)
    with transaction.atomic():
        if sheets[APPLICATIONS] is not None:
            importer.applications_sheet(sheets[APPLICATIONS])
        if sheets[ASSIGNMENTS] is not None:
            importer.assignments_sheet(sheets[ASSIGNMENTS])
        if sheets[DECISIONS] is not None:
            importer.decisions_sheet(sheets[DECISIONS])
        if importer.result.errors:
            raise ImportRejected(importer.result.errors)
        audit_record(
            actor=actor,
            action="round.import",
            obj=round_,
            after={
                "reclassified": importer.result.reclassified,
                "assigned": importer.result.assigned,
                "withdrawn": importer.result.withdrawn,
                "decided": importer.result.decided,
            },
        )
    return importer.result
