"""The programme (引领计划 / 强校工程 / 集群发展): its domains, guide, targets, rules and pairings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Region, School

# The application form's long-text fields, in the form's order, with seed 000's reference limits.
TEXT_FIELDS: tuple[tuple[str, Any, int], ...] = (
    ("goals", _("研究目标"), 300),
    ("challenges", _("问题与挑战"), 200),
    ("content", _("研究内容"), 600),
    ("methods", _("研究过程与方法"), 400),
    ("outcomes", _("预期成果"), 200),
)
DEFAULT_DOMAINS = (
    "推进学校育人方式变革",
    "提高学校治理能力",
    "提高教师全面育人能力",
    "强化信息技术赋能作用",
    "其它",
)


def default_text_limits() -> dict[str, int]:
    return {name: limit for name, _label, limit in TEXT_FIELDS}


def default_stages() -> list[str]:
    return [
        School.Stage.PRIMARY,
        School.Stage.JUNIOR,
        School.Stage.NINE_YEAR,
        School.Stage.COMPLETE_SECONDARY,
    ]


def default_ownerships() -> list[str]:
    return [School.Ownership.PUBLIC]


class Programme(models.Model):
    class Kind(models.TextChoices):
        LEADING_PLAN = "leading_plan", _("新优质学校引领计划")
        STRENGTHENING = "strengthening", _("初中强校工程")
        CLUSTER = "cluster", _("新优质学校集群发展")

    class Level(models.TextChoices):
        CITY = "city", _("市级")
        DISTRICT = "district", _("区级")

    name = models.CharField(_("项目名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    # A district programme belongs to its district's office; a city programme to no district.
    district = models.ForeignKey(
        Region,
        verbose_name=_("所属区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    description = models.TextField(_("说明"), blank=True)
    period_start = models.DateField(_("实施起始"))
    period_end = models.DateField(_("实施截止"))
    exhibitions_per_year = models.PositiveSmallIntegerField(
        _("每个共同体每学年区级展示次数"), default=1
    )
    exhibition_warning_days = models.PositiveSmallIntegerField(_("学年结束前提醒天数"), default=60)
    reevaluation_years = models.PositiveSmallIntegerField(_("复评间隔（年）"), default=3)
    text_tolerance_percent = models.PositiveSmallIntegerField(
        _("字数容差（%）"),
        default=20,
        help_text=_("超过参考字数给出提醒；超过参考字数加容差则不能提交。"),
    )
    text_limits = models.JSONField(_("参考字数"), default=default_text_limits)
    eligible_stages = models.JSONField(_("可申报学段"), default=default_stages)
    eligible_ownerships = models.JSONField(_("可申报办学性质"), default=default_ownerships)
    is_active = models.BooleanField(_("进行中"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                name="programme_district_matches_level",
                condition=Q(level="city", district__isnull=True)
                | Q(level="district", district__isnull=False),
            ),
            models.CheckConstraint(
                name="programme_period_in_order", condition=Q(period_end__gte=F("period_start"))
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme_detail", args=[self.pk])

    def limit_for(self, field: str) -> int:
        return int(self.text_limits.get(field, default_text_limits()[field]))

    def school_is_eligible(self, school: School) -> bool:
        if self.district_id is not None and school.district_id != self.district_id:
            return False
        return school.stage in self.eligible_stages and school.ownership in self.eligible_ownerships

    def eligible_schools(self) -> models.QuerySet[School]:
        schools = School.objects.filter(
            is_active=True, stage__in=self.eligible_stages, ownership__in=self.eligible_ownerships
        )
        if self.district_id is not None:
            schools = schools.filter(district_id=self.district_id)
        return schools

    def in_period(self, day: date) -> bool:
        return self.period_start <= day <= self.period_end


class Domain(models.Model):
    """所属领域: one of the programme's fields of work (editable; seed 000 gives five)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="domains"
    )
    name = models.CharField(_("领域名称"), max_length=60)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("领域")
        verbose_name_plural = _("领域")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="domain_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class GuideItem(models.Model):
    """An item of the programme guide (项目指南): a suggested project in a domain."""

    domain = models.ForeignKey(
        Domain, verbose_name=_("领域"), on_delete=models.CASCADE, related_name="guide_items"
    )
    title = models.CharField(_("指南项目"), max_length=120)
    description = models.TextField(_("说明"), blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("项目指南条目")
        verbose_name_plural = _("项目指南条目")
        ordering = ["domain", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "title"], name="guide_item_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeTarget(models.Model):
    """A target the programme is held to, e.g. about 60 project schools by 2026."""

    class Metric(models.TextChoices):
        PROJECT_SCHOOLS = "project_schools", _("项目校数")
        CERTIFIED_SCHOOLS = "certified_schools", _("通过认证（引领）学校数")
        APPROVED_PROJECTS = "approved_projects", _("立项项目数")
        COMMUNITIES = "communities", _("实践研究共同体数")
        COVERAGE_PERCENT = "coverage_percent", _("项目校覆盖率（%）")
        MANUAL = "manual", _("人工填报")

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="targets"
    )
    name = models.CharField(_("目标"), max_length=120)
    metric = models.CharField(_("计量方式"), max_length=30, choices=Metric.choices)
    value = models.DecimalField(_("目标值"), max_digits=8, decimal_places=1)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    due_on = models.DateField(_("完成时限"))
    manual_value = models.DecimalField(
        _("当前值（人工填报）"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("项目目标")
        verbose_name_plural = _("项目目标")
        ordering = ["programme", "due_on", "pk"]

    def __str__(self) -> str:
        return self.name


class Pairing(models.Model):
    """支援校 / 结对校: two schools tied for support. Reviewers from one never judge the other."""

    class Kind(models.TextChoices):
        SUPPORT = "support", _("支援校")
        PAIRED = "paired", _("结对校")

    school = models.ForeignKey(
        School, verbose_name=_("学校"), on_delete=models.CASCADE, related_name="pairings"
    )
    partner = models.ForeignKey(
        School, verbose_name=_("结对学校"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pairings",
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("结对关系")
        verbose_name_plural = _("结对关系")
        constraints = [
            models.CheckConstraint(
                name="pairing_not_with_itself", condition=~Q(school=F("partner"))
            ),
            models.UniqueConstraint(fields=["school", "partner", "kind"], name="pairing_unique"),
        ]

    def __str__(self) -> str:
        return gettext("%(school)s — %(partner)s（%(kind)s）") % {
            "school": self.school,
            "partner": self.partner,
            "kind": self.get_kind_display(),
        }
