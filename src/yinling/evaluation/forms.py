"""Forms check the shape of input; the services check the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yinling.core.models import Region, School
from yinling.evaluation.column_mapping import FIELD_LABELS, ColumnMapping
from yinling.evaluation.models import Assessment, Grade, GreenIndicator, ValueAddedModel

SUBJECT_SEPARATORS = re.compile(r"[,，、;；\s]+")


class AssessmentForm(forms.Form):
    district = forms.ModelChoiceField(label=_("所属区"), queryset=Region.objects.none())
    name = forms.CharField(
        label=_("名称"), max_length=100, help_text=_("例如：2023学年六年级入学测试")
    )
    kind = forms.ChoiceField(label=_("类型"), choices=Assessment.Kind.choices)
    grade = forms.TypedChoiceField(label=_("年级"), choices=Grade.choices, coerce=int)
    subjects = forms.CharField(
        label=_("科目"), max_length=200, help_text=_("用顿号或逗号分隔，例如：语文、数学、英语")
    )
    school_year = forms.IntegerField(
        label=_("学年"),
        min_value=2000,
        max_value=2100,
        help_text=_("学年起始年份：2023 表示 2023学年（2023年9月至2024年8月）"),
    )
    held_on = forms.DateField(label=_("考试日期"), widget=forms.DateInput(attrs={"type": "date"}))
    score_min = forms.FloatField(label=_("最低分"), initial=0)
    score_max = forms.FloatField(label=_("满分"), initial=100)

    def __init__(self, *args: Any, districts: Any = None, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        field.queryset = districts if districts is not None else Region.objects.none()
        if editing:
            del self.fields["district"]
        elif districts is not None and districts.count() == 1:
            field.initial = districts.first()

    def clean_subjects(self) -> list[str]:
        return [s for s in SUBJECT_SEPARATORS.split(self.cleaned_data["subjects"]) if s]


class ScoreUploadForm(forms.Form):
    file = forms.FileField(
        label=_("成绩文件"),
        help_text=_("Excel（.xlsx）或 CSV（UTF-8 或 GB18030 编码）；第 1 行为表头"),
    )


class MappingForm(forms.Form):
    """Which column of the uploaded file holds which field; built from the file's headers."""

    def __init__(self, *args: Any, headers: list[str], subjects: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "——")] + [(h, h) for h in headers]
        self.subjects = subjects
        for name in ("student", "school", "subject", "score"):
            self.fields[name] = forms.ChoiceField(
                label=_(FIELD_LABELS[name]), choices=choices, required=False
            )
        for index, subject in enumerate(subjects):
            self.fields[f"subject_{index}"] = forms.ChoiceField(
                label=_("%(subject)s成绩列") % {"subject": subject},
                choices=choices,
                required=False,
            )
        for name in ("gender", "ses", "special_needs"):
            self.fields[name] = forms.ChoiceField(
                label=_(FIELD_LABELS[name]), choices=choices, required=False
            )
        self.fields["student"].help_text = _("学籍号等真实编号，导入时即替换为不可逆的加密编号")
        self.fields["subject"].help_text = _("每行一个科目时选择；每行一名学生时改选下方各科成绩列")
        self.fields["school"].help_text = _("该列可填学校代码，也可填本区学校的全称或简称")

    @classmethod
    def initial_for(cls, mapping: ColumnMapping, subjects: list[str]) -> dict[str, str]:
        data = {k: v for k, v in mapping.to_json().items() if isinstance(v, str)}
        for index, subject in enumerate(subjects):
            data[f"subject_{index}"] = mapping.subject_columns.get(subject, "")
        return data

    def mapping(self) -> ColumnMapping:
        data = self.cleaned_data
        columns = {
            subject: data.get(f"subject_{index}", "")
            for index, subject in enumerate(self.subjects)
            if data.get(f"subject_{index}")
        }
        return ColumnMapping(
            student=data.get("student", ""),
            school=data.get("school", ""),
            subject=data.get("subject", ""),
            score=data.get("score", ""),
            subject_columns=columns,
            gender=data.get("gender", ""),
            ses=data.get("ses", ""),
            special_needs=data.get("special_needs", ""),
        )

    def subject_fields(self) -> list[forms.BoundField]:
        return [self[f"subject_{i}"] for i in range(len(self.subjects))]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("student", "school", "subject", "score")]

    def covariate_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("gender", "ses", "special_needs")]


class RunForm(forms.Form):
    entry = forms.ModelChoiceField(label=_("入口测试"), queryset=Assessment.objects.none())
    exit = forms.ModelChoiceField(label=_("出口测试"), queryset=Assessment.objects.none())
    model = forms.ChoiceField(
        label=_("模型"),
        choices=ValueAddedModel.choices,
        initial=ValueAddedModel.RI,
        help_text=_(
            "OLS：学校学生残差的均值；随机截距：两水平模型，学校效应按信度收缩；"
            "背景增值：在随机截距基础上加入学生背景与学校入口均分。"
        ),
    )
    covariates = forms.MultipleChoiceField(
        label=_("学生背景变量"),
        choices=[
            ("gender", _("性别")),
            ("ses", _("家庭社会经济地位指数")),
            ("special_needs", _("特殊教育需要")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_n = forms.IntegerField(
        label=_("提示人数下限"),
        initial=30,
        min_value=1,
        max_value=1000,
        help_text=_("有效人数少于此数的学校照常估计，但标注“人数偏少”"),
    )
    suppress_below = forms.IntegerField(
        label=_("报告人数下限"),
        initial=10,
        min_value=1,
        max_value=1000,
        help_text=_("有效人数少于此数的学校不报告估计值"),
    )
    band_low = forms.FloatField(label=_("“高于/低于”的 |z| 界值"), initial=1.0, min_value=0.01)
    band_high = forms.FloatField(label=_("“显著”的 |z| 界值"), initial=1.96, min_value=0.02)

    def __init__(self, *args: Any, assessments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = assessments if assessments is not None else Assessment.objects.none()
        self.fields["entry"].queryset = queryset
        self.fields["exit"].queryset = queryset


class IndicatorConfigForm(forms.Form):
    level_cuts = forms.CharField(
        label=_("等级划分点"),
        required=False,
        help_text=_("8 个由小到大的原始分，用逗号分隔，划出 1–9 级；留空表示直接填写等级"),
    )
    raw_direction = forms.ChoiceField(
        label=_("原始分方向"), choices=GreenIndicator.Direction.choices
    )
    weight = forms.FloatField(
        label=_("综合权重"), min_value=0, help_text=_("0 表示不计入综合；全部为 0 时不计算综合")
    )

    def clean_level_cuts(self) -> list[float]:
        text = self.cleaned_data["level_cuts"].strip()
        try:
            return [float(part) for part in SUBJECT_SEPARATORS.split(text) if part]
        except ValueError as exc:
            raise forms.ValidationError(_("请填写数字")) from exc


def test_year_field(**options: Any) -> forms.IntegerField:
    """A test year from 2000 to the current school year, built per form: the bound moves."""
    from yinling.evaluation.services.green import FIRST_TEST_YEAR, latest_test_year

    return forms.IntegerField(
        label=_("测试年度"), min_value=FIRST_TEST_YEAR, max_value=latest_test_year(), **options
    )


class GreenEntryForm(forms.Form):
    """One school's results in one test year: a level, raw score and standard error per index."""

    school = forms.ModelChoiceField(label=_("学校"), queryset=School.objects.none())
    test_year = forms.IntegerField(label=_("测试年度"))

    def __init__(
        self, *args: Any, schools: Any, indicators: list[GreenIndicator], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["test_year"] = test_year_field()
        self.fields["school"].queryset = schools
        self.indicators = indicators
        for indicator in indicators:
            prefix = f"i{indicator.pk}"
            self.fields[f"{prefix}_level"] = forms.IntegerField(
                label=pgettext_lazy("green indicator", "等级"),
                min_value=1,
                max_value=9,
                required=False,
            )
            self.fields[f"{prefix}_raw"] = forms.FloatField(label=_("原始分"), required=False)
            self.fields[f"{prefix}_se"] = forms.FloatField(
                label=_("标准误"), min_value=0, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not self.values():
            raise forms.ValidationError(_("没有填写任何指数：请至少为一个指数填写等级或原始分"))
        return data

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "indicator": i,
                "level": self[f"i{i.pk}_level"],
                "raw": self[f"i{i.pk}_raw"],
                "se": self[f"i{i.pk}_se"],
            }
            for i in self.indicators
        ]

    def values(self) -> dict[GreenIndicator, dict[str, Any]]:
        data = self.cleaned_data
        result = {}
        for indicator in self.indicators:
            prefix = f"i{indicator.pk}"
            entry = {
                "level": data.get(f"{prefix}_level"),
                "raw_score": data.get(f"{prefix}_raw"),
                "se": data.get(f"{prefix}_se"),
            }
            if any(v is not None for v in entry.values()):
                result[indicator] = entry
        return result


class GreenImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class SesComputeForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("指标"), queryset=GreenIndicator.objects.none())
    assessment = forms.ModelChoiceField(
        label=_("学生数据（测试）"),
        queryset=Assessment.objects.none(),
        help_text=_("需含学生的家庭社会经济地位指数"),
    )
    test_year = forms.IntegerField(label=_("测试年度"))
    min_n = forms.IntegerField(
        label=_("每校最少学生数"), initial=30, min_value=4, help_text=_("少于此数的学校不计算")
    )

    def __init__(self, *args: Any, indicators: Any, assessments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["test_year"] = test_year_field(
            help_text=_("须与所选测试的学年一致，例如 2023学年的测试填 2023")
        )
        self.fields["indicator"].queryset = indicators
        self.fields["assessment"].queryset = assessments
