"""Forms of the expert register and of review: profiles, ties, rubrics, assignments, scores and
decisions. They check the shape of input; the services enforce the rules across objects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.models import (
    Decision,
    ExpertTie,
    Rubric,
)
from yinling.programmes.services.review_outcomes import plain

SPLIT = r"[、,，;；\s]+"


class ExpertProfileForm(forms.Form):
    affiliation_school = forms.ModelChoiceField(
        label=_("所在学校"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("（不在学校任职）"),
    )
    affiliation = forms.CharField(
        label=_("工作单位"),
        max_length=100,
        required=False,
        help_text=_("不在学校任职时填写，如区教育学院"),
    )
    education_group = forms.CharField(
        label=_("所属教育集团"),
        max_length=100,
        required=False,
        help_text=_("留空则取所在学校的集团"),
    )
    subject = forms.CharField(label=_("学科/专长"), max_length=60, required=False)
    expertise = forms.CharField(
        label=_("擅长领域"), required=False, help_text=_("多个领域用顿号分隔；自动分配时优先匹配")
    )
    workload_limit = forms.IntegerField(label=_("每批次评审上限"), min_value=0, initial=12)
    is_active = forms.BooleanField(label=_("在库"), required=False, initial=True)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args: Any, district: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["affiliation_school"].queryset = School.objects.filter(district=district)

    def clean_expertise(self) -> list[str]:
        import re

        return [part for part in re.split(SPLIT, self.cleaned_data["expertise"] or "") if part]


class ExpertTieForm(forms.Form):
    school = forms.ModelChoiceField(
        label=_("学校"), queryset=School.objects.none(), empty_label=_("请选择学校")
    )
    kind = forms.ChoiceField(label=_("关系"), choices=ExpertTie.Kind.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args: Any, district: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(district=district)


class RubricForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    scale_min = forms.DecimalField(label=_("最低分"), max_digits=5, decimal_places=1, initial=0)
    scale_max = forms.DecimalField(label=_("最高分"), max_digits=5, decimal_places=1, initial=10)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("评分项"), max_length=60)
    description = forms.CharField(label=_("评分要点"), max_length=300, required=False)
    weight = forms.DecimalField(label=_("权重"), max_digits=5, decimal_places=2, initial=1)


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("专家"),
        queryset=None,  # type: ignore[arg-type]
        empty_label=_("请选择专家"),
    )

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class ScoreForm(forms.Form):
    """One field per criterion; the service checks each against the scale with a named error."""

    comment_to_school = forms.CharField(
        label=_("评审意见（结果发布后学校可见）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    comment_to_office = forms.CharField(
        label=_("给项目组的意见（不公开）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, rubric: Rubric, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        low, high = rubric.scale_min, rubric.scale_max
        criteria = {}
        for criterion in rubric.criteria.all():
            criteria[f"criterion_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s（权重 %(weight)s）")
                % {"criterion": criterion.name, "weight": plain(criterion.weight)},
                required=False,
                help_text=criterion.description,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "data-min": low, "data-max": high}
                ),
            )
        self.fields = {**criteria, **self.fields}

    def scores(self) -> dict[int, Any]:
        return {
            int(name.removeprefix("criterion_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("criterion_")
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("结论"), choices=Decision.Outcome.choices)
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
