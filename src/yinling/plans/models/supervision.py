from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Department
from yinling.plans.models.plans import PlanItem


class SupervisionNotice(models.Model):
    """A supervision notice (督办) on a lagging task, asking its departments to reply by a date."""

    class State(models.TextChoices):
        OPEN = "open", _("督办中")
        CLOSED = "closed", _("已办结")

    item = models.ForeignKey(
        PlanItem, verbose_name=_("任务"), on_delete=models.PROTECT, related_name="notices"
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("督办部门"), related_name="supervision_notices"
    )
    body = models.TextField(_("督办意见"))
    reply_deadline = models.DateField(_("回复期限"))
    status = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("督办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("督办时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("督办通知")
        verbose_name_plural = _("督办通知")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item.path} {self.item.title}"

    @property
    def district_id(self) -> int:
        return self.item.plan.district_id

    @property
    def past_deadline(self) -> bool:
        return timezone.localdate() > self.reply_deadline


class NoticeReply(models.Model):
    """A department's reply to a supervision notice; late when it came after the deadline."""

    notice = models.ForeignKey(
        SupervisionNotice,
        verbose_name=_("督办通知"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("回复部门"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("回复内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("回复时间"), default=timezone.now)

    class Meta:
        verbose_name = _("督办回复")
        verbose_name_plural = _("督办回复")
        ordering = ["notice", "replied_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "department"], name="notice_reply_once"),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.notice}"

    @property
    def is_late(self) -> bool:
        return timezone.localdate(self.replied_at) > self.notice.reply_deadline
