"""Forms of project schools, communities and their events, pairings, evidence and the round
re-import. They check the shape of input; the services enforce the rules across objects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models import School
from yinling.programmes.forms import DATE
from yinling.programmes.models import (
    Domain,
    Event,
    EventAttachment,
    Pairing,
    PracticeCommunity,
    Programme,
    ProgrammeSchool,
)


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
