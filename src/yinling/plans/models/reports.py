from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Department
from yinling.plans.models.plans import Target
from yinling.plans.periods import Period, period_from_key


class ProgressReport(models.Model):
    """A department's progress on one target for one reporting period.

    Workflow (see ``yinling.plans.services.reports.REPORT_TRANSITIONS``): a department submits;
    the programme office accepts it or returns it with comments; a returned report is corrected
    and submitted again. Only accepted values count towards a target's status.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        ACCEPTED = "accepted", _("已采纳")
        RETURNED = "returned", _("已退回")

    target = models.ForeignKey(
        Target, verbose_name=_("目标"), on_delete=models.PROTECT, related_name="reports"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("报送部门"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("报告期"), max_length=10)
    # The period's last day, kept beside its key so that "latest" is a database ordering.
    period_end = models.DateField(_("报告期末"))
    value = models.DecimalField(_("当前值"), max_digits=16, decimal_places=4)
    narrative = models.TextField(_("进展情况"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_submitted_at = models.DateTimeField(_("首次报送时间"))
    submitted_at = models.DateTimeField(_("报送时间"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["target", "-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "department", "period"], name="report_once_per_period"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_comment=""),
                name="report_returned_with_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.indicator} · {self.department} · {self.period}"

    @property
    def district_id(self) -> int:
        return self.department.district_id

    @property
    def reporting_period(self) -> Period | None:
        return period_from_key(self.period)


class ReportEvidence(models.Model):
    """A file a department attaches to a report, stored under MEDIA_ROOT."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("进展报告"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("文件"), upload_to="plans/evidence/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.name
