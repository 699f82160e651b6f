"""Forms check the shape of input; the services enforce the rules across objects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.models import (
    TEXT_FIELDS,
    Application,
    ApplicationRound,
    Domain,
    GuideItem,
    Programme,
    ProgrammeTarget,
    Rubric,
)
from yinling.programmes.services.programmes import ROUND_FIELDS
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
