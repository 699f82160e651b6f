"""Project schools (项目校): a school's membership of a programme, with its status history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.models.application import Application
from yinling.programmes.models.programme import Programme


class ProgrammeSchool(models.Model):
    class Status(models.TextChoices):
        PROJECT = "project", _("项目校")
        CERTIFIED = "certified", _("通过成长认证")
        SUSPENDED = "suspended", _("暂停（负面清单）")
        EXITED = "exited", _("已退出")
        DELISTED = "delisted", _("已摘牌")

    # Moves the office may make by hand; later workflows (certification, negative list) add
    # their own services on the same history.
    TRANSITIONS: dict[str, set[str]] = {
        "project": {"certified", "suspended", "exited"},
        "certified": {"project", "suspended", "delisted"},
        "suspended": {"project", "certified", "exited", "delisted"},
        "exited": {"project"},
        "delisted": {"project"},
    }
    ACTIVE = ("project", "certified", "suspended")

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="memberships"
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("学校"),
        on_delete=models.PROTECT,
        related_name="programme_memberships",
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    since = models.DateField(_("状态起始"))
    leading_project = models.ForeignKey(
        Application,
        verbose_name=_("引领项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目校")
        verbose_name_plural = _("项目校")
        ordering = ["programme", "school__code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "school"], name="programme_school_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.school} · {self.get_status_display()}"


class ProgrammeSchoolStatusChange(models.Model):
    """One step in a project school's status history (append-only by convention)."""

    membership = models.ForeignKey(
        ProgrammeSchool, verbose_name=_("项目校"), on_delete=models.CASCADE, related_name="history"
    )
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20)
    changed_on = models.DateField(_("日期"))
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目校状态变更")
        verbose_name_plural = _("项目校状态变更")
        ordering = ["membership", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.membership.school} {self.from_status} → {self.to_status}"

    @property
    def to_label(self) -> str:
        return str(ProgrammeSchool.Status(self.to_status).label)


def _evidence_upload_to(instance: GrowthEvidence, filename: str) -> str:
    return f"programmes/evidence/{instance.membership_id}/{filename}"


class GrowthEvidence(models.Model):
    """An entry a school adds to its growth record (成长档案): what it did or achieved, when, with
    an optional file. Growth certification reads these."""

    membership = models.ForeignKey(
        ProgrammeSchool, verbose_name=_("项目校"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("事项"), max_length=150)
    happened_on = models.DateField(_("日期"))
    description = models.TextField(_("说明"), blank=True)
    file = models.FileField(_("附件"), upload_to=_evidence_upload_to, max_length=255, blank=True)
    file_name = models.CharField(_("附件名"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("成长证据")
        verbose_name_plural = _("成长证据")
        ordering = ["membership", "-happened_on", "-pk"]

    def __str__(self) -> str:
        return self.title
