"""Value-added runs and their per-school estimates. Bands, never ranks."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Region, School
from yinling.evaluation.models.assessments import Assessment, DataVersion


class ValueAddedModel(models.TextChoices):
    OLS = "ols", _("OLS 残差均值")
    RI = "ri", _("两水平随机截距（REML）")
    CVA = "cva", _("背景增值（CVA）")


class Band(models.TextChoices):
    SIG_ABOVE = "sig_above", _("显著高于")
    ABOVE = "above", _("高于")
    AVERAGE = "average", _("持平")
    BELOW = "below", _("低于")
    SIG_BELOW = "sig_below", _("显著低于")


class EstimateStatus(models.TextChoices):
    OK = "ok", pgettext_lazy("estimate", "有效")
    SMALL = "small", _("人数偏少")
    SUPPRESSED = "suppressed", _("人数过少，不报告")
    NOT_CONVERGED = "not_converged", _("模型未收敛")


class ValueAddedRun(models.Model):
    """One fit of one model to one entry -> exit pair of data versions, with everything needed
    to reproduce it: the model, its settings, both data fingerprints and the engine version.

    A run is stored as soon as it starts (`running`); the fit then fills in its results and
    ends it as a `draft` (or `failed`), which the office publishes and may withdraw. The moves
    allowed, and who makes them, are in `yinling.evaluation.services.runs.TRANSITIONS`."""

    class Status(models.TextChoices):
        RUNNING = "running", _("计算中")
        FAILED = "failed", _("未能估计")
        DRAFT = "draft", _("待发布")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="+"
    )
    entry = models.ForeignKey(
        Assessment, verbose_name=_("入口测试"), on_delete=models.PROTECT, related_name="+"
    )
    exit = models.ForeignKey(
        Assessment, verbose_name=_("出口测试"), on_delete=models.PROTECT, related_name="+"
    )
    entry_version = models.ForeignKey(
        DataVersion, verbose_name=_("入口数据版本"), on_delete=models.PROTECT, related_name="+"
    )
    exit_version = models.ForeignKey(
        DataVersion, verbose_name=_("出口数据版本"), on_delete=models.PROTECT, related_name="+"
    )
    model = models.CharField(_("模型"), max_length=10, choices=ValueAddedModel.choices)
    covariates = models.JSONField(_("学生背景变量"), default=list, blank=True)
    min_n = models.PositiveSmallIntegerField(_("最少人数（提示）"), default=30)
    suppress_below = models.PositiveSmallIntegerField(_("最少人数（报告）"), default=10)
    settings = models.JSONField(_("计算参数"), default=dict)
    engine_version = models.CharField(_("引擎版本"), max_length=80)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    error_code = models.CharField(_("错误代码"), max_length=10, blank=True)
    message = models.TextField(_("说明"), blank=True)
    subjects = models.JSONField(_("科目"), default=list, blank=True)
    fixed_effects = models.JSONField(_("固定效应"), default=list, blank=True)
    variance_components = models.JSONField(_("方差成分"), default=dict, blank=True)
    icc = models.FloatField(_("组内相关系数 ICC"), null=True, blank=True)
    r2 = models.FloatField(_("R²"), null=True, blank=True)
    converged = models.BooleanField(_("已收敛"), null=True, blank=True)
    n_students = models.PositiveIntegerField(_("学生数"), default=0)
    n_schools = models.PositiveIntegerField(_("学校数"), default=0)
    model_summaries = models.JSONField(_("各模型摘要"), default=list, blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        verbose_name=_("计算人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("计算时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    progress_name = models.CharField(_("进度文件"), max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("增值评估")
        verbose_name_plural = _("增值评估")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return gettext("%(entry)s → %(exit)s（%(model)s）") % {
            "entry": self.entry,
            "exit": self.exit,
            "model": self.get_model_display(),
        }

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    @property
    def has_estimates(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.PUBLISHED, self.Status.WITHDRAWN}


class SchoolValueAdded(models.Model):
    """One school's estimate in one run (per subject, and `combined` over subjects)."""

    COMBINED = "combined"

    run = models.ForeignKey(
        ValueAddedRun, verbose_name=_("增值评估"), on_delete=models.CASCADE, related_name="schools"
    )
    school = models.ForeignKey(
        School, verbose_name=_("学校"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("科目"), max_length=20)
    status = models.CharField(_("状态"), max_length=20, choices=EstimateStatus.choices)
    n = models.PositiveIntegerField(_("有效人数"))
    n_listed = models.PositiveIntegerField(_("名单人数"), default=0)
    coverage = models.FloatField(_("入口成绩覆盖率"), null=True, blank=True)
    estimate = models.FloatField(_("增值（分）"), null=True, blank=True)
    estimate_sd = models.FloatField(_("增值（标准差）"), null=True, blank=True)
    se = models.FloatField(_("标准误"), null=True, blank=True)
    se_sd = models.FloatField(_("标准误（标准差）"), null=True, blank=True)
    ci_low = models.FloatField(_("95% 区间下限"), null=True, blank=True)
    ci_high = models.FloatField(_("95% 区间上限"), null=True, blank=True)
    z = models.FloatField(_("z 值"), null=True, blank=True)
    band = models.CharField(_("等级"), max_length=20, choices=Band.choices, blank=True)
    reliability = models.FloatField(_("信度（收缩系数）"), null=True, blank=True)
    raw_residual = models.FloatField(_("原始残差均值"), null=True, blank=True)
    entry_exit_change = models.FloatField(_("标准分变化"), null=True, blank=True)

    class Meta:
        verbose_name = _("学校增值")
        verbose_name_plural = _("学校增值")
        ordering = ["run", "subject", "school__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "school", "subject"], name="school_value_added_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} · {self.subject} · {self.get_band_display() or self.status}"

    @classmethod
    def label_of(cls, subject: str) -> str:
        """A subject as pages name it: the combination is 综合."""
        return gettext("综合") if subject == cls.COMBINED else subject

    @property
    def subject_label(self) -> str:
        return self.label_of(self.subject)
