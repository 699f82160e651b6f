from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Department, Region
from yinling.plans.periods import Frequency, school_year_of
from yinling.plans.status import Comparator

# The target a task gets when its text sets no numeric one. Stored in Chinese, like the
# documents it comes from; pages show it in the reader's language (Target.indicator_label).
COMPLETION_INDICATOR = gettext_noop("完成进度")


class Plan(models.Model):
    """A district plan (规划 / 实施意见 / 工作意见) broken down into tasks with targets.

    A plan starts as a draft (parsed from a document, typed in, or imported from the XLSX task
    breakdown), is corrected by the programme office, and is then published; only published
    plans take progress reports.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    class Source(models.TextChoices):
        DOCUMENT = "document", _("上传文件解析")
        MANUAL = "manual", _("手工录入")
        SPREADSHEET = "spreadsheet", _("Excel 导入")

    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("标题"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=200, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    period_start = models.DateField(_("起始日期"), null=True, blank=True)
    period_end = models.DateField(_("截止日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    source_file = models.FileField(_("原始文件"), upload_to="plans/sources/%Y/%m/", blank=True)
    source_filename = models.CharField(_("原始文件名"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("规划")
        verbose_name_plural = _("规划")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "doc_number"],
                condition=Q(status="published") & ~Q(doc_number=""),
                name="plan_doc_number_unique_when_published",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(period_start__isnull=False, period_end__isnull=False),
                name="plan_published_has_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）" if self.doc_number else self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.State.DRAFT

    @property
    def school_years(self) -> list[int]:
        """The school years (学年) the plan's period spans."""
        if self.period_start is None or self.period_end is None:
            return []
        return list(range(school_year_of(self.period_start), school_year_of(self.period_end) + 1))


class PlanItem(models.Model):
    """One numbered item of a plan: a heading, a measure, or a task that departments carry out.

    ``position`` is the item's place in document order across the whole plan; ``path`` joins
    the numbering labels from the top (三/（六）/5) and ``depth`` counts them. Both are kept in
    step with ``parent`` and ``number`` by the services whenever the tree changes.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("规划"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级条目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("顺序"), default=0)
    depth = models.PositiveSmallIntegerField(_("层级"), default=1)
    number = models.CharField(_("序号"), max_length=20, blank=True)
    path = models.CharField(_("编号路径"), max_length=200, blank=True)
    heading = models.CharField(_("标题"), max_length=300, blank=True)
    text = models.TextField(_("具体内容"), blank=True)
    is_task = models.BooleanField(_("作为任务跟踪"), default=False)
    # Department names read from the document that match no department of the district yet;
    # each is {"name": ..., "role": "lead" | "cooperating"}. A plan publishes only when empty.
    unmatched_departments = models.JSONField(_("未匹配的部门名称"), default=list, blank=True)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("责任部门"),
        through="PlanItemDepartment",
        related_name="plan_items",
        blank=True,
    )

    class Meta:
        verbose_name = _("规划条目")
        verbose_name_plural = _("规划条目")
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["plan", "position"], name="planitem_plan_position")]

    def __str__(self) -> str:
        return f"{self.path} {self.heading or self.text[:30]}".strip()

    @property
    def district_id(self) -> int:
        return self.plan.district_id

    @property
    def title(self) -> str:
        """The heading, or the start of the text when the item has no heading."""
        if self.heading:
            return self.heading
        return self.text[:40] + ("…" if len(self.text) > 40 else "")

    @property
    def label(self) -> str:
        """Number and title as a heading prints them: 一、总体要求 / （四）加强领导 / 1. 构建机制."""
        number = self.number.strip()
        joiner = "" if not number or number.endswith(("、", "）", ")")) else " "
        return f"{number}{joiner}{self.title}"


class PlanItemDepartment(models.Model):
    """A department responsible for a task, as its lead (牵头) or co-operating (配合) unit."""

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        COOPERATING = "cooperating", _("配合")

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("职责"), max_length=20, choices=Role.choices, default=Role.LEAD)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("任务责任部门")
        verbose_name_plural = _("任务责任部门")
        ordering = ["item", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "department"], name="planitem_department_once"),
        ]

    def __str__(self) -> str:
        return f"{self.department}（{self.get_role_display()}）"


class Target(models.Model):
    """A quantitative target of a task, with the trajectory its status is measured against."""

    class Kind(models.TextChoices):
        ADDITION = "addition", _("新增（数量）")
        LEVEL = "level", _("达到水平")

    item = models.ForeignKey(
        PlanItem, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="targets"
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    indicator = models.CharField(_("指标"), max_length=200)
    source_text = models.CharField(_("原文"), max_length=500, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.LEVEL)
    comparator = models.CharField(
        _("比较方式"), max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    baseline = models.DecimalField(
        _("基线值"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    value = models.DecimalField(_("目标值"), max_digits=16, decimal_places=4)
    value_max = models.DecimalField(
        _("目标上限"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("目标为区间（如 2-3 所）时的上限；达到下限即算完成。"),
    )
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    due_on = models.DateField(_("完成时限"), null=True, blank=True)
    frequency = models.CharField(
        _("报送周期"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["item", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=F("value")),
                name="target_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.describe()

    @property
    def district_id(self) -> int:
        return self.item.plan.district_id

    def describe(self) -> str:
        """The target as the document states it, in Chinese (object names, audit records)."""
        symbol = {">=": "≥", "<=": "≤", "~": "约", "=": ""}.get(self.comparator, "")
        return f"{self.indicator} {self._symbol(symbol)}{self._amount()}".strip()

    @property
    def indicator_label(self) -> str:
        """The indicator as pages show it: the generated default in the reader's language."""
        if self.indicator == COMPLETION_INDICATOR:
            return gettext(COMPLETION_INDICATOR)
        return self.indicator

    @property
    def goal(self) -> str:
        """What the target asks for, in the reader's language: ≥95%, ≤5, 2-3所, 约2-3所 / ≈2-3所."""
        symbol = {
            ">=": "≥",
            "<=": "≤",
            "~": pgettext("target comparator symbol", "约"),
            "=": "",
        }.get(self.comparator, "")
        return f"{self._symbol(symbol)}{self._amount()}"

    @property
    def is_range(self) -> bool:
        return self.value_max is not None

    def _symbol(self, symbol: str) -> str:
        """A range (1-2所) speaks for itself: ≥ or ≤ before it would misread it; 约 stays."""
        if self.is_range and self.comparator != "~":
            return ""
        return symbol

    def _amount(self) -> str:
        amount = format_number(self.value)
        if self.value_max is not None:
            amount = f"{amount}-{format_number(self.value_max)}"
        return f"{amount}{self.unit}"


def format_number(value: object) -> str:
    """A decimal without trailing zeros: 95.0000 -> 95, 12.5000 -> 12.5."""
    text = f"{value:f}" if value is not None else ""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
