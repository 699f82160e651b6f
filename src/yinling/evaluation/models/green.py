"""Green indicators of academic quality (学业质量绿色指标): configurable index sets, and each
school's results per test year on levels 1-9."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Region, School

LEVELS = range(1, 10)


class GreenIndicatorSet(models.Model):
    """One version of the index system (1.0: ten indices; 2024: four areas with sub-areas), as a
    district configures it: which indices, their raw-score-to-level cut points and weights."""

    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=100)
    version = models.CharField(_("版本"), max_length=20)
    description = models.TextField(_("说明"), blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("绿色指标体系")
        verbose_name_plural = _("绿色指标体系")
        ordering = ["district", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "version"], name="green_set_version_unique_in_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GreenIndicator(models.Model):
    """An index (or an area, or a sub-area) of a set. Everything numeric about it is
    configuration: the eight cut points mapping a raw score to levels 1-9, the direction of the
    raw score, and its weight in a composite (0: not in the composite)."""

    class Source(models.TextChoices):
        RECORDED = "recorded", _("录入或导入")
        SES_IMPACT = "ses_impact", _("由学生数据计算")

    class Direction(models.TextChoices):
        HIGHER_BETTER = "higher_better", _("原始分越高越好")
        LOWER_BETTER = "lower_better", _("原始分越低越好")

    indicator_set = models.ForeignKey(
        GreenIndicatorSet,
        verbose_name=_("指标体系"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("所属领域"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    source = models.CharField(
        _("来源"), max_length=20, choices=Source.choices, default=Source.RECORDED
    )
    raw_direction = models.CharField(
        _("原始分方向"),
        max_length=20,
        choices=Direction.choices,
        default=Direction.HIGHER_BETTER,
    )
    level_cuts = models.JSONField(_("等级划分点"), default=list, blank=True)
    weight = models.FloatField(_("综合权重"), default=0)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("绿色指标")
        verbose_name_plural = _("绿色指标")
        ordering = ["indicator_set", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "code"], name="green_indicator_code_unique"
            ),
            models.UniqueConstraint(
                fields=["indicator_set", "name"], name="green_indicator_name_unique"
            ),
            models.CheckConstraint(condition=Q(weight__gte=0), name="green_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def district_id(self) -> int:
        return self.indicator_set.district_id


class GreenIndicatorRecord(models.Model):
    """One school's result on one index in one test year (the municipal tests are sampled
    every two years). `se` is the standard error of the raw score, when known."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("录入")
        IMPORTED = "imported", _("导入")
        COMPUTED = "computed", _("计算")

    indicator = models.ForeignKey(
        GreenIndicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="records"
    )
    school = models.ForeignKey(
        School, verbose_name=_("学校"), on_delete=models.PROTECT, related_name="+"
    )
    test_year = models.PositiveSmallIntegerField(_("测试年度"))
    level = models.PositiveSmallIntegerField(_("等级（1–9）"))
    raw_score = models.FloatField(_("原始分"), null=True, blank=True)
    se = models.FloatField(_("原始分标准误"), null=True, blank=True)
    details = models.JSONField(_("计算明细"), default=dict, blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("绿色指标结果")
        verbose_name_plural = _("绿色指标结果")
        ordering = ["school", "test_year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "school", "test_year"], name="green_record_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=9), name="green_level_between_1_and_9"
            ),
            models.CheckConstraint(
                condition=Q(se__isnull=True) | Q(se__gte=0), name="green_se_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} · {self.indicator} · {self.test_year} · {self.level}"

    @property
    def district_id(self) -> int:
        return self.school.district_id
