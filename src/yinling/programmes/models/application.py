"""Application rounds and the application form (申报表), with every version kept."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.models.programme import Domain, GuideItem, Programme


class ApplicationRound(models.Model):
    """An application round (申报批次): open from `opens_on` to the end of `closes_on`."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="rounds"
    )
    name = models.CharField(_("批次名称"), max_length=120)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(pgettext_lazy("application round closes", "截止日期"))
    reviewers_per_application = models.PositiveSmallIntegerField(_("每份申报评审专家数"), default=3)
    rubric = models.ForeignKey(
        "programmes.Rubric",
        verbose_name=_("评分细则"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    note = models.TextField(_("说明"), blank=True)
    admits_project_schools = models.BooleanField(
        _("现有项目校也可申报"),
        default=False,
        help_text=_(
            "不勾选时，本批次只面向尚未成为本计划项目校的学校；"
            "已是项目校（含通过成长认证、暂停）的学校看不到本批次，也不能申报。"
        ),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申报批次")
        verbose_name_plural = _("申报批次")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="round_dates_in_order", condition=Q(closes_on__gte=F("opens_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:round_detail", args=[self.pk])

    def is_open_on(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on

    def phase_on(self, day: date) -> str:
        if day < self.opens_on:
            return "upcoming"
        if day > self.closes_on:
            return "closed"
        return "open"

    def closed_to(self, school: School) -> bool:
        """Whether the round turns the school away for already being a project school of the
        programme (项目校, 通过成长认证 or 暂停) — unless the round admits project schools."""
        from yinling.programmes.models.membership import ProgrammeSchool

        if self.admits_project_schools:
            return False
        return self.programme.memberships.filter(
            school=school, status__in=ProgrammeSchool.ACTIVE
        ).exists()


class Mover(StrEnum):
    """Who makes a move of the application workflow."""

    SCHOOL_ADMIN = "school_admin"  # an admin of the applying school
    OFFICE = "office"  # the office of the programme's district


class Application(models.Model):
    """A school's application (申报表); once approved it is the school's leading project (引领项目)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("退回修改")
        UNDER_REVIEW = "under_review", _("评审中")
        APPROVED = "approved", _("已立项")
        REJECTED = "rejected", _("未立项")
        WITHDRAWN = "withdrawn", _("已撤回")

    # The workflow, in one table: from each status, the statuses it may move to and who moves
    # it. `yinling.programmes.permissions.application_may_move` reads it, and every service that
    # changes an application's status asks that function first.
    #
    #   draft ──submit──▶ submitted ──first assignment──▶ under_review ──release──▶ approved
    #                                                                                / rejected
    #   submitted, under_review ──return, or release "revise"──▶ returned
    #   returned ──resubmit──▶ submitted, or under_review when it already has reviewers
    #   draft, submitted, returned ──withdraw (before review starts)──▶ withdrawn
    #
    # The office may also release a decision on a submitted application nobody reviewed.
    TRANSITIONS: dict[str, dict[str, Mover]] = {
        "draft": {"submitted": Mover.SCHOOL_ADMIN, "withdrawn": Mover.SCHOOL_ADMIN},
        "submitted": {
            "under_review": Mover.OFFICE,
            "returned": Mover.OFFICE,
            "approved": Mover.OFFICE,
            "rejected": Mover.OFFICE,
            "withdrawn": Mover.SCHOOL_ADMIN,
        },
        "returned": {
            "submitted": Mover.SCHOOL_ADMIN,
            "under_review": Mover.SCHOOL_ADMIN,
            "withdrawn": Mover.SCHOOL_ADMIN,
        },
        "under_review": {
            "returned": Mover.OFFICE,
            "approved": Mover.OFFICE,
            "rejected": Mover.OFFICE,
        },
        "approved": {},
        "rejected": {},
        "withdrawn": {},
    }

    class Source(models.TextChoices):
        GUIDE = "guide", _("项目指南")
        SELF_SELECTED = "self_selected", _("自选")

    round = models.ForeignKey(
        ApplicationRound,
        verbose_name=_("申报批次"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    school = models.ForeignKey(
        School, verbose_name=_("申报学校"), on_delete=models.PROTECT, related_name="applications"
    )
    project_name = models.CharField(_("项目名称"), max_length=100, blank=True)
    leader_name = models.CharField(_("项目负责人"), max_length=50, blank=True)
    liaison_name = models.CharField(_("项目联络员"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    applied_on = models.DateField(_("申报日期"), null=True, blank=True)
    source = models.CharField(_("项目来源"), max_length=20, choices=Source.choices, blank=True)
    guide_item = models.ForeignKey(
        GuideItem,
        verbose_name=_("指南项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("所属领域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    goals = models.TextField(_("研究目标"), blank=True)
    challenges = models.TextField(_("问题与挑战"), blank=True)
    content = models.TextField(_("研究内容"), blank=True)
    methods = models.TextField(_("研究过程与方法"), blank=True)
    outcomes = models.TextField(_("预期成果"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("最后保存"), auto_now=True)

    class Meta:
        verbose_name = _("引领项目申报")
        verbose_name_plural = _("引领项目申报")
        ordering = ["round", "school__code"]
        constraints = [
            # One application per school per round: the school chooses one leading project. A
            # withdrawn application no longer counts, so the school may start afresh.
            models.UniqueConstraint(
                fields=["round", "school"],
                condition=~Q(status="withdrawn"),
                name="application_one_active_per_school",
            ),
            models.CheckConstraint(
                name="application_withdrawn_with_reason",
                condition=~Q(status="withdrawn")
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
            ),
            models.CheckConstraint(
                name="application_guide_item_only_from_guide",
                condition=Q(guide_item__isnull=True) | Q(source="guide"),
            ),
        ]

    def __str__(self) -> str:
        return self.project_name or gettext("%(school)s（%(status)s）") % {
            "school": self.school,
            "status": self.get_status_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("programmes:application_detail", args=[self.pk])

    @property
    def programme(self) -> Programme:
        return self.round.programme

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}

    @property
    def reached_office(self) -> bool:
        """Has the school ever sent it in? Until then it is the school's own work: a draft, or a
        draft the school withdrew without submitting. See `REACHED_OFFICE` for querysets."""
        return self.status != self.Status.DRAFT and not (
            self.status == self.Status.WITHDRAWN and self.submitted_at is None
        )

    @property
    def is_active(self) -> bool:
        """Counted as an application of the round: sent in and not withdrawn. See
        `ACTIVE_APPLICATION` for querysets."""
        return self.reached_office and self.status != self.Status.WITHDRAWN

    def result_released(self) -> bool:
        """Has the office released a decision on the current submission? Until then its scores
        and comments stay hidden from the school and from other experts, and experts may still
        change their scores. A resubmission after "revise" starts a new review."""
        decisions = self.decisions.filter(released_at__isnull=False)
        if self.submitted_at is not None:
            decisions = decisions.filter(released_at__gte=self.submitted_at)
        return decisions.exists()

    @property
    def display_id(self) -> str:
        """The stable ID printed in exports and read back on import."""
        return f"SB-{self.pk:05d}"


# Querysets' forms of `Application.reached_office` and `Application.is_active`.
REACHED_OFFICE = ~Q(status=Application.Status.DRAFT) & ~Q(
    status=Application.Status.WITHDRAWN, submitted_at__isnull=True
)
ACTIVE_APPLICATION = ~Q(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])


class ApplicationVersion(models.Model):
    """A snapshot of the form. Each submission is kept as it was; the working draft is the latest
    draft version, updated in place until the next submission freezes it."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("提交稿")

    application = models.ForeignKey(
        Application, verbose_name=_("申报"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    data = models.JSONField(_("内容"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保存人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("保存时间"))
    return_comment = models.TextField(_("退回意见"), blank=True)
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申报版本")
        verbose_name_plural = _("申报版本")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="application_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return gettext("v%(number)s（%(kind)s）") % {
            "number": self.number,
            "kind": self.get_kind_display(),
        }
