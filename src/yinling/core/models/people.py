from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models.organisations import Department, Region, School


class User(AbstractUser):
    """A person with an account. Chinese names are one field, not first/last."""

    full_name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    title = models.CharField(_("职务/职称"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("区管理员")
    PROGRAMME_OFFICER = "programme_officer", _("项目组")
    SCHOOL_ADMIN = "school_admin", _("学校管理员")
    SCHOOL_STAFF = "school_staff", _("学校教师")
    EXPERT = "expert", _("专家")
    DEPARTMENT_REPORTER = "department_reporter", _("部门填报人")
    LEADER = "leader", _("领导/督导")


REGION_ROLES = {Role.DISTRICT_ADMIN, Role.PROGRAMME_OFFICER, Role.LEADER, Role.EXPERT}
SCHOOL_ROLES = {Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF}
DEPARTMENT_ROLES = {Role.DEPARTMENT_REPORTER}


class RoleMembership(models.Model):
    """One role a person holds in one organisation: a region, a school or a department."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("区域"), null=True, blank=True, on_delete=models.CASCADE
    )
    school = models.ForeignKey(
        School, verbose_name=_("学校"), null=True, blank=True, on_delete=models.CASCADE
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [
            models.CheckConstraint(
                name="membership_scoped_to_one_organisation",
                condition=(
                    Q(
                        role__in=sorted(REGION_ROLES),
                        region__isnull=False,
                        school__isnull=True,
                        department__isnull=True,
                    )
                    | Q(
                        role__in=sorted(SCHOOL_ROLES),
                        school__isnull=False,
                        region__isnull=True,
                        department__isnull=True,
                    )
                    | Q(
                        role__in=sorted(DEPARTMENT_ROLES),
                        department__isnull=False,
                        region__isnull=True,
                        school__isnull=True,
                    )
                ),
            ),
            # One constraint per scope: NULLs would make a single five-column constraint toothless.
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                name="membership_unique_region",
                condition=Q(region__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                name="membership_unique_school",
                condition=Q(school__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                name="membership_unique_department",
                condition=Q(department__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    @property
    def organisation(self) -> Region | School | Department | None:
        return self.region or self.school or self.department
