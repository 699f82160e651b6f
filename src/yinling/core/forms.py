from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yinling.core.models import Department, Region, Role, School, User


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "short_name",
            "code",
            "stage",
            "ownership",
            "district",
            "address",
            "education_group",
            "is_active",
        ]

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = (
            districts if districts is not None else Region.objects.none()
        )
        self.fields["district"].empty_label = _("请选择区域")

    def validate_unique(self) -> None:
        """Uniqueness is the service's to check, with its own message."""


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "short_name", "kind", "district", "is_active"]

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = (
            districts if districts is not None else Region.objects.none()
        )
        self.fields["district"].empty_label = _("请选择区域")

    def validate_unique(self) -> None:
        """Uniqueness is the service's to check, with its own message."""


class UserForm(forms.ModelForm):
    password = forms.CharField(
        label=_("初始密码"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("至少 10 位，不能过于简单；留空则该账号暂不能登录。"),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "phone", "title", "email", "is_active"]

    def validate_unique(self) -> None:
        """Uniqueness is the service's to check, with its own message."""


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    region = forms.ModelChoiceField(
        label=_("区域"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("请选择区域"),
    )
    school = forms.ModelChoiceField(
        label=_("学校"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("请选择学校"),
    )
    department = forms.ModelChoiceField(
        label=_("部门"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("请选择部门"),
    )

    def __init__(self, *args: Any, district_ids: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = Region.objects.all()
        if district_ids is not None:
            regions = regions.filter(pk__in=district_ids)
        self.fields["region"].queryset = regions
        self.fields["school"].queryset = School.objects.filter(district__in=regions).select_related(
            "district"
        )
        self.fields["department"].queryset = Department.objects.filter(district__in=regions)


class SchoolImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
    update_existing = forms.BooleanField(label=_("更新已有学校（按学校代码）"), required=False)


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("操作人或对象"), required=False)
    action = forms.CharField(
        label=_("操作"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("名称或代码")}),
    )
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
