"""Practice communities (实践研究共同体) and their events: exhibitions (交流展示), seminars."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.models.programme import Domain, Programme


class PracticeCommunity(models.Model):
    class Level(models.TextChoices):
        DISTRICT = "district", _("区级")
        CITY = "city", _("市级")

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="communities"
    )
    name = models.CharField(_("共同体名称"), max_length=100)
    level = models.CharField(
        _("层级"), max_length=10, choices=Level.choices, default=Level.DISTRICT
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("领域"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
    )
    lead_school = models.ForeignKey(
        School,
        verbose_name=_("牵头学校"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        School, verbose_name=_("成员学校"), through="CommunityMember", related_name="communities"
    )
    description = models.TextField(_("简介"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("实践研究共同体")
        verbose_name_plural = _("实践研究共同体")
        ordering = ["programme", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="community_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:community_detail", args=[self.pk])


class CommunityMember(models.Model):
    community = models.ForeignKey(PracticeCommunity, on_delete=models.CASCADE)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    joined_on = models.DateField(_("加入日期"))

    class Meta:
        verbose_name = _("共同体成员")
        verbose_name_plural = _("共同体成员")
        constraints = [
            models.UniqueConstraint(fields=["community", "school"], name="community_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.community_id}:{self.school_id}"


class Event(models.Model):
    """Something a community did: an exhibition (交流展示), a seminar (研讨), another activity."""

    class Kind(models.TextChoices):
        EXHIBITION = "exhibition", _("交流展示")
        SEMINAR = "seminar", _("研讨活动")
        OTHER = "other", _("其他活动")

    class Level(models.TextChoices):
        DISTRICT = "district", _("区级")
        CITY = "city", _("市级")
        SCHOOL = "school", _("校级")

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="events"
    )
    community = models.ForeignKey(
        PracticeCommunity,
        verbose_name=_("共同体"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    title = models.CharField(_("主题"), max_length=150)
    held_on = models.DateField(_("日期"), db_index=True)
    place = models.CharField(_("地点"), max_length=150)
    description = models.TextField(_("活动简述"), blank=True)
    participants = models.ManyToManyField(
        School, verbose_name=_("参与学校"), blank=True, related_name="programme_events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("共同体活动")
        verbose_name_plural = _("共同体活动")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:event_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        """区级交流展示 in Chinese; "Exhibition (District)" in English."""
        return _("%(level)s%(kind)s") % {
            "level": self.get_level_display(),
            "kind": self.get_kind_display(),
        }


def _event_upload_to(instance: EventAttachment, filename: str) -> str:
    return f"programmes/events/{instance.event_id}/{filename}"


class EventAttachment(models.Model):
    class Kind(models.TextChoices):
        MATERIAL = "material", _("材料")
        PHOTO = "photo", _("照片")

    event = models.ForeignKey(
        Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to=_event_upload_to, max_length=255)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("活动附件")
        verbose_name_plural = _("活动附件")
        ordering = ["event", "kind", "pk"]

    def __str__(self) -> str:
        return self.name
