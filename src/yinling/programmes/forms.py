"""Forms check the shape of input; the services enforce the rules across objects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.models import (
    TEXT_FIELDS,
    Application,
    ApplicationRound,
    Decision,
    Domain,
    Event,
    EventAttachment,
    ExpertTie,
    GuideItem,
    Pairing,
    PracticeCommunity,
    Programme,
    ProgrammeSchool,
    ProgrammeTarget,
    Rubric,
)
from yinling.programmes.services.programmes import ROUND_FIELDS
from yinling.programmes.services.review_outcomes import plain
from yinling.programmes.textcount import check_length

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    eligible_stages = forms.MultipleChoiceField(
        label=_("可申报学段"), choices=School.Stage.choices, widget=forms.CheckboxSelectMultiple
    )
    eligible_ownerships = forms.MultipleChoiceField(
        label=_("可申报办学性质"),
        choices=School.Ownership.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "kind",
            "level",
            "district",
            "document_number",
            "period_start",
            "period_end",
            "description",
            "exhibitions_per_year",
            "exhibition_warning_days",
            "reevaluation_years",
            "text_tolerance_percent",
            "eligible_stages",
            "eligible_ownerships",
            "is_active",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        for name, label, limit in TEXT_FIELDS:
            initial = self.instance.limit_for(name) if self.instance.pk else limit
            self.fields[f"limit_{name}"] = forms.IntegerField(
                label=_("“%(field)s”参考字数") % {"field": label}, min_value=1, initial=initial
            )

    def validate_unique(self) -> None:
        """The service checks the rules, with its own messages."""

    def _post_clean(self) -> None:
        """The service validates the programme; the form only shapes the input."""

    def service_fields(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("limit_")}
        data["text_limits"] = {
            name: self.cleaned_data[f"limit_{name}"] for name, _label, _limit in TEXT_FIELDS
        }
        return data


class DomainForm(forms.Form):
    name = forms.CharField(label=_("领域名称"), max_length=60)
    order = forms.IntegerField(label=_("顺序"), min_value=0, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class GuideItemForm(forms.Form):
    title = forms.CharField(label=_("指南项目"), max_length=120)
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    order = forms.IntegerField(label=_("顺序"), min_value=0, required=False)


class TargetForm(forms.ModelForm):
    class Meta:
        model = ProgrammeTarget
        fields = ["name", "metric", "value", "unit", "due_on", "manual_value", "note"]
        widgets = {"due_on": DATE}


class RoundForm(forms.ModelForm):
    class Meta:
        model = ApplicationRound
        fields = list(ROUND_FIELDS)  # what round_update may change
        widgets = {"opens_on": DATE, "closes_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = Rubric.objects.filter(programme=programme)
        self.fields["rubric"].empty_label = _("请选择评分细则")

    def _post_clean(self) -> None:
        """The service validates the round."""


class GuideItemSelect(forms.Select):
    """Each guide item's option carries its domain (data-domain), so that the page's script can
    fill in 所属领域 as soon as the school picks an item; the service does it again on save."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        item = getattr(option["value"], "instance", None)
        if isinstance(item, GuideItem):
            option["attrs"]["data-domain"] = str(item.domain_id)
        return option


class GuideItemChoiceField(forms.ModelChoiceField):
    widget = GuideItemSelect

    def label_from_instance(self, obj: GuideItem) -> str:
        return f"{obj.domain.name} · {obj.title}"


class ApplicationForm(forms.ModelForm):
    """The 申报表. Every field is optional here: a draft may be incomplete; submission checks
    completeness in the service and the messages come back onto the fields."""

    class Meta:
        model = Application
        fields = [
            "project_name",
            "leader_name",
            "liaison_name",
            "phone",
            "applied_on",
            "source",
            "guide_item",
            "domain",
            *[name for name, _label, _limit in TEXT_FIELDS],
        ]
        widgets = {
            "applied_on": DATE,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "source": forms.RadioSelect,
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        for field in self.fields.values():
            field.required = False
        self.fields["source"].choices = Application.Source.choices
        self.fields["domain"].queryset = Domain.objects.filter(programme=programme, is_active=True)
        self.fields["domain"].empty_label = _("请选择领域")
        self.fields["guide_item"] = GuideItemChoiceField(
            label=_("指南项目"),
            required=False,
            empty_label=_("请选择指南项目"),
            queryset=GuideItem.objects.filter(domain__programme=programme).select_related("domain"),
            help_text=_("项目来源为“项目指南”时选择；选择后自动带出所属领域。"),
        )
        self.fields["guide_item"].widget.attrs.update(
            {
                "data-domain-field": self["domain"].auto_id,
                "data-source-field": "source",
                "data-source-value": Application.Source.GUIDE,
            }
        )
        tolerance = programme.text_tolerance_percent
        for name, _label, _limit in TEXT_FIELDS:
            limit = programme.limit_for(name)
            check = check_length(self.initial.get(name) or "", limit, tolerance)
            self.fields[name].widget = forms.Textarea(
                attrs={
                    "rows": max(4, limit // 60),
                    "data-charcount": "",
                    "data-limit": limit,
                    "data-hard": check.hard,
                    "aria-describedby": f"count-{name}",
                }
            )
            self.fields[name].help_text = _("参考字数 %(limit)d 字，最多 %(hard)d 字") % {
                "limit": limit,
                "hard": check.hard,
            }

    def validate_unique(self) -> None:
        """One application per school per round: the service checks it."""

    def _post_clean(self) -> None:
        """The service validates the form's content and its references."""

    def text_checks(self) -> list[tuple[Any, Any]]:
        """(bound field, length check) for each long-text field, for the server-rendered counter."""
        values = self.data if self.is_bound else self.initial
        return [
            (
                self[name],
                check_length(
                    values.get(name) or "",
                    self.programme.limit_for(name),
                    self.programme.text_tolerance_percent,
                ),
            )
            for name, _label, _limit in TEXT_FIELDS
        ]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：校长岗位调整；项目并入集团项目统一推进。项目组会看到撤回原因。"),
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + Application.Status.choices
    )
    domain = forms.ModelChoiceField(
        label=_("领域"), required=False, queryset=Domain.objects.none(), empty_label=_("全部")
    )
    q = forms.CharField(label=_("学校或项目"), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = programme.domains.all()


# --- experts and review -------------------------------------------------------------------------

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


# --- project schools, communities and events ----------------------------------------------------


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("新状态"), choices=ProgrammeSchool.Status.choices)
    reason = forms.CharField(label=_("原因"), max_length=300)


class CommunityForm(forms.Form):
    name = forms.CharField(label=_("共同体名称"), max_length=100)
    level = forms.ChoiceField(label=_("层级"), choices=PracticeCommunity.Level.choices)
    domain = forms.ModelChoiceField(
        label=_("领域"), queryset=Domain.objects.none(), required=False, empty_label=_("不限领域")
    )
    lead_school = forms.ModelChoiceField(
        label=_("牵头学校"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("暂不指定"),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("成员学校"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("区级共同体一般由项目校组成；市级共同体登记本区加入的学校。"),
    )
    description = forms.CharField(
        label=_("简介"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = (
            programme.eligible_schools()
            if programme.district_id
            else School.objects.filter(programme_memberships__programme=programme)
        )
        self.fields["domain"].queryset = programme.domains.all()
        self.fields["lead_school"].queryset = schools
        self.fields["members"].queryset = schools


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Event.Kind.choices)
    level = forms.ChoiceField(label=_("级别"), choices=Event.Level.choices)
    title = forms.CharField(label=_("主题"), max_length=150)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=150)
    description = forms.CharField(
        label=_("活动简述"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("参与学校"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        community: PracticeCommunity | None = None,
        recorded: Any = (),
        **kwargs: Any,
    ) -> None:
        """The participants are chosen among the community's member schools, plus the schools
        already `recorded` on the event (kept when they have left the community since)."""
        super().__init__(*args, **kwargs)
        if community is not None:
            schools = School.objects.filter(
                Q(communities=community) | Q(pk__in=[school.pk for school in recorded])
            ).distinct()
        elif programme.district_id:
            schools = programme.eligible_schools()
        else:
            schools = School.objects.filter(programme_memberships__programme=programme)
        self.fields["participants"].queryset = schools.order_by("code")


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=EventAttachment.Kind.choices)
    file = forms.FileField(label=_("文件"))


class RoundImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"), help_text=_("请上传从本批次“导出 Excel”得到并修改过的文件")
    )


class PairingForm(forms.Form):
    school = forms.ModelChoiceField(
        label=_("学校"), queryset=School.objects.none(), empty_label=_("请选择学校")
    )
    partner = forms.ModelChoiceField(
        label=_("结对/支援学校"), queryset=School.objects.none(), empty_label=_("请选择学校")
    )
    kind = forms.ChoiceField(label=_("类型"), choices=Pairing.Kind.choices)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["partner"].queryset = schools


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("事项"), max_length=150)
    happened_on = forms.DateField(label=_("日期"), widget=DATE)
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("附件（可选）"), required=False)
