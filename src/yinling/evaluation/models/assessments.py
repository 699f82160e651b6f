"""Assessments (district tests, 中考, green-indicator tests) and their pseudonymised scores."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Region, School


class Grade(models.IntegerChoices):
    G1 = 1, _("一年级")
    G2 = 2, _("二年级")
    G3 = 3, _("三年级")
    G4 = 4, _("四年级")
    G5 = 5, _("五年级")
    G6 = 6, _("六年级")
    G7 = 7, _("七年级")
    G8 = 8, _("八年级")
    G9 = 9, _("九年级")
    G10 = 10, _("高一")
    G11 = 11, _("高二")
    G12 = 12, _("高三")


class Gender(models.TextChoices):
    FEMALE = "F", _("女")
    MALE = "M", _("男")


class Assessment(models.Model):
    """One test sat by one grade of a district's schools, e.g. 2023学年六年级入学测试."""

    class Kind(models.TextChoices):
        DISTRICT_TEST = "district_test", _("区统一测试")
        ZHONGKAO = "zhongkao", _("中考")
        GREEN_INDICATOR = "green_indicator", _("绿色指标测试")

    district = models.ForeignKey(
        Region, verbose_name=_("所属区"), on_delete=models.PROTECT, related_name="assessments"
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    grade = models.PositiveSmallIntegerField(_("年级"), choices=Grade.choices)
    subjects = models.JSONField(_("科目"), default=list)
    school_year = models.PositiveSmallIntegerField(
        _("学年"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("学年起始年份：2023 表示 2023学年（2023年9月至2024年8月）"),
    )
    held_on = models.DateField(_("考试日期"))
    score_min = models.FloatField(_("最低分"), default=0)
    score_max = models.FloatField(_("满分"), default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("测试")
        verbose_name_plural = _("测试")
        ordering = ["-school_year", "grade", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="assessment_name_unique_in_district"
            ),
            models.CheckConstraint(
                condition=Q(score_max__gt=F("score_min")), name="assessment_score_range_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:assessment_detail", kwargs={"pk": self.pk})

    @property
    def school_year_label(self) -> str:
        return gettext("%(year)d学年") % {"year": self.school_year}

    @property
    def current_version(self) -> DataVersion | None:
        return self.versions.filter(status=DataVersion.Status.ACTIVE).first()


class DataVersion(models.Model):
    """One complete import of an assessment's scores, fingerprinted so that runs are reproducible.

    Rows are written while the version is `staging` and become visible only when it is published
    (`active`); a later import supersedes it, but its rows stay for the runs that used them.
    """

    class Status(models.TextChoices):
        STAGING = "staging", _("导入中")
        ACTIVE = "active", _("当前")
        SUPERSEDED = "superseded", _("已被替换")
        DISCARDED = "discarded", _("已作废")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("测试"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.STAGING
    )
    digest = models.CharField(_("数据指纹"), max_length=64, blank=True)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    student_count = models.PositiveIntegerField(_("学生数"), default=0)
    school_count = models.PositiveIntegerField(_("学校数"), default=0)
    subjects = models.JSONField(_("科目"), default=list)
    source_name = models.CharField(_("来源文件"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("生效时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")
        ordering = ["assessment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="data_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=Q(status="active"),
                name="data_version_one_active_per_assessment",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(assessment)s · 第 %(number)d 版") % {
            "assessment": self.assessment,
            "number": self.number,
        }

    @property
    def district_id(self) -> int:
        return self.assessment.district_id

    @property
    def short_digest(self) -> str:
        return self.digest[:12]


class AssessmentResult(models.Model):
    """One student's score in one subject. `student_key` is a keyed hash, never the real ID.

    The one index is the unique (version, subject, student_key), filled in order by the import:
    every read is by version, and an index on school would turn a two-million-row import's
    appends into random writes (three times slower on SQLite).
    """

    version = models.ForeignKey(
        DataVersion,
        verbose_name=_("数据版本"),
        on_delete=models.CASCADE,
        related_name="results",
        db_index=False,  # the unique index below starts with it
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("学校"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # see the class docstring
    )
    student_key = models.CharField(_("学生编号（脱敏）"), max_length=64)
    subject = models.CharField(_("科目"), max_length=20)
    score = models.FloatField(_("成绩"))
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    ses = models.FloatField(_("家庭社会经济地位指数"), null=True, blank=True)
    special_needs = models.BooleanField(_("特殊教育需要"), null=True, blank=True)

    class Meta:
        verbose_name = _("测试成绩")
        verbose_name_plural = _("测试成绩")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "subject", "student_key"],
                name="result_one_score_per_student_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_key[:8]} {self.subject} {self.score}"
