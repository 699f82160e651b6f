"""An import of one score file: uploaded, mapped, run outside the request, with its progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yinling.evaluation.models.assessments import Assessment, DataVersion


class ImportJob(models.Model):
    """The workflow of one upload: uploaded -> queued -> running -> succeeded | failed.

    A file whose data match the assessment's current version is held (running -> duplicate)
    before anything is written: the officer cancels it or confirms a new version (-> queued).

    The uploaded file (which holds real student IDs) lives only in a private staging directory
    until the job ends; then it is deleted. Only pseudonyms reach the database.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("待确认列对应")
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        SUCCEEDED = "succeeded", _("已导入")
        FAILED = "failed", _("未导入")
        CANCELLED = "cancelled", _("已取消")
        DUPLICATE = "duplicate", _("与现有数据相同，待确认")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("测试"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.UPLOADED
    )
    file_name = models.CharField(_("文件名"), max_length=200)
    file_size = models.PositiveBigIntegerField(_("文件大小"), default=0)
    staged_name = models.CharField(_("暂存文件"), max_length=100, blank=True)
    headers = models.JSONField(_("表头"), default=list)
    mapping = models.JSONField(_("列对应"), default=dict, blank=True)
    rows_read = models.PositiveIntegerField(_("已读行数"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    message = models.TextField(_("说明"), blank=True)
    version = models.ForeignKey(
        DataVersion,
        verbose_name=_("数据版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        DataVersion,
        verbose_name=_("相同的数据版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_confirmed = models.BooleanField(_("已确认重复导入"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("成绩导入")
        verbose_name_plural = _("成绩导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.file_name}"

    @property
    def district_id(self) -> int:
        return self.assessment.district_id

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
