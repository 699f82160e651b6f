"""The expert register, rubrics, assignments, scores and decisions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Region, School
from yinling.programmes.models.application import Application
from yinling.programmes.models.programme import Programme


class ExpertProfile(models.Model):
    """An expert's standing facts, reused by every review campaign and year."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("专家"),
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="+"
    )
    affiliation_school = models.ForeignKey(
        School,
        verbose_name=_("所在学校"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    affiliation = models.CharField(
        _("工作单位"), max_length=100, blank=True, help_text=_("不在学校任职时填写，如区教育学院")
    )
    education_group = models.CharField(_("所属教育集团"), max_length=100, blank=True)
    subject = models.CharField(_("学科/专长"), max_length=60, blank=True)
    expertise = models.JSONField(_("擅长领域"), default=list, blank=True)
    workload_limit = models.PositiveSmallIntegerField(_("每批次评审上限"), default=12)
    is_active = models.BooleanField(_("在库"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("专家档案")
        verbose_name_plural = _("专家档案")
        ordering = ["district", "user__username"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def group(self) -> str:
        """The education group the expert belongs to, declared or through their school."""
        if self.education_group:
            return self.education_group
        return self.affiliation_school.education_group if self.affiliation_school else ""


class ExpertTie(models.Model):
    """A tie the expert declared with a school (a former post, a relative, a mentoring role)."""

    class Kind(models.TextChoices):
        FORMER_POST = "former_post", _("曾在该校任职")
        RELATIVE = "relative", _("亲属在该校")
        ADVISOR = "advisor", _("担任该校指导专家")
        OTHER = "other", _("其他利害关系")

    profile = models.ForeignKey(
        ExpertProfile, verbose_name=_("专家"), on_delete=models.CASCADE, related_name="ties"
    )
    school = models.ForeignKey(
        School, verbose_name=_("学校"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("关系"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("利害关系申报")
        verbose_name_plural = _("利害关系申报")
        constraints = [
            models.UniqueConstraint(fields=["profile", "school"], name="expert_tie_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.school}"


class Rubric(models.Model):
    """The office's scoring rubric (评分细则): weighted criteria on one scale."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="rubrics"
    )
    name = models.CharField(_("名称"), max_length=100)
    scale_min = models.DecimalField(_("最低分"), max_digits=5, decimal_places=1, default=0)
    scale_max = models.DecimalField(_("最高分"), max_digits=5, decimal_places=1, default=10)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评分细则")
        verbose_name_plural = _("评分细则")
        constraints = [
            models.CheckConstraint(
                name="rubric_scale_in_order", condition=Q(scale_max__gt=F("scale_min"))
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("评分细则"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("评分项"), max_length=60)
    description = models.CharField(_("评分要点"), max_length=300, blank=True)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2, default=Decimal(1))
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        ordering = ["rubric", "order", "pk"]
        constraints = [
            models.CheckConstraint(name="criterion_weight_positive", condition=Q(weight__gt=0)),
            models.UniqueConstraint(fields=["rubric", "name"], name="criterion_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewAssignment(models.Model):
    class Method(models.TextChoices):
        MANUAL = "manual", _("人工指派")
        AUTO = "auto", _("自动分配")

    class Status(models.TextChoices):
        PENDING = "pending", _("待评审")
        SUBMITTED = "submitted", _("已评审")

    application = models.ForeignKey(
        Application, verbose_name=_("申报"), on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("专家"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("指派人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("指派时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("评审时间"), null=True, blank=True)
    total = models.DecimalField(
        _("加权得分"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    comment_to_school = models.TextField(_("给学校的意见"), blank=True)
    comment_to_office = models.TextField(_("给项目组的意见（不公开）"), blank=True)

    class Meta:
        verbose_name = _("评审任务")
        verbose_name_plural = _("评审任务")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.application}"


class ReviewScore(models.Model):
    assignment = models.ForeignKey(
        ReviewAssignment,
        verbose_name=_("评审任务"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        RubricCriterion, verbose_name=_("评分项"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class Decision(models.Model):
    """The office's decision on an application. It takes effect, and the school sees it with the
    released scores and comments, when the office releases it."""

    class Outcome(models.TextChoices):
        APPROVE = "approve", _("同意立项")
        REJECT = "reject", _("不予立项")
        REVISE = "revise", _("修改后再审")

    application = models.ForeignKey(
        Application, verbose_name=_("申报"), on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(_("结论"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("理由"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("决定时间"))
    released_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("评审结论")
        verbose_name_plural = _("评审结论")
        ordering = ["application", "decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(released_at__isnull=True),
                name="decision_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"
