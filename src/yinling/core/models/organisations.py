from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Region(models.Model):
    """A municipality (上海市) or one of its districts (宝山区, 闵行区)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("市")
        DISTRICT = "district", _("区")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    kind = models.CharField(_("层级"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Stage(models.TextChoices):
        PRIMARY = "primary", _("小学")
        JUNIOR = "junior", _("初级中学")
        NINE_YEAR = "nine_year", _("九年一贯制学校")
        COMPLETE_SECONDARY = "complete_secondary", _("完全中学")
        SENIOR = "senior", _("高级中学")

    class Ownership(models.TextChoices):
        PUBLIC = "public", _("公办")
        PRIVATE = "private", _("民办")

    name = models.CharField(_("学校全称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    code = models.CharField(_("学校代码"), max_length=20, unique=True)
    stage = models.CharField(_("学段"), max_length=20, choices=Stage.choices)
    ownership = models.CharField(
        _("办学性质"), max_length=10, choices=Ownership.choices, default=Ownership.PUBLIC
    )
    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="schools"
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    education_group = models.CharField(_("所属教育集团"), max_length=100, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("学校")
        verbose_name_plural = pgettext_lazy("plural", "学校")
        ordering = ["district__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="school_name_unique_in_district"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def compulsory(self) -> bool:
        return self.stage in {
            self.Stage.PRIMARY,
            self.Stage.JUNIOR,
            self.Stage.NINE_YEAR,
            self.Stage.COMPLETE_SECONDARY,
        }


class Department(models.Model):
    """A responsible unit (责任部门): a district department, a bureau section or a town."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("区级部门")
        BUREAU_SECTION = "bureau_section", _("教育局科室")
        INSTITUTION = "institution", _("直属单位")
        TOWN = "town", _("街镇")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="departments"
    )
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("责任部门")
        verbose_name_plural = _("责任部门")
        ordering = ["district__code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="department_name_unique_in_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name
