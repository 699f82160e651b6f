"""Forms check the shape of input; the services check the rules (and name the field in errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Department, Region
from yinling.plans.models import Plan, PlanItem, SupervisionNotice, Target
from yinling.plans.periods import Period
from yinling.plans.services._common import TARGET_FIELDS
from yinling.plans.status import Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class DistrictField(forms.ModelChoiceField):
    def __init__(self, districts: Any, **kwargs: Any) -> None:
        super().__init__(queryset=districts, label=_("所属区"), empty_label=None, **kwargs)


class ShapeModelForm(forms.ModelForm):
    """A model form that checks the shape of the input and leaves the model's rules to the services.

    A plain ModelForm also runs the model's constraints and answers in the database's words
    (约束 “plan_period_in_order” 是无效的); the services check the same rules first, with a
    message on the field (截止日期：不能早于起始日期)."""

    def _post_clean(self) -> None:  # ModelForm's hook: fill the instance, validate its fields
        try:
            self.instance = construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
        except ValidationError as error:
            self._update_errors(error)
        try:
            self.instance.full_clean(
                exclude=self._get_validation_exclusions(),
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            self._update_errors(error)


class PlanDetailsForm(ShapeModelForm):
    class Meta:
        model = Plan
        fields = ["title", "doc_number", "issuer", "issued_on", "period_start", "period_end"]
        widgets = {"issued_on": DATE, "period_start": DATE, "period_end": DATE}
        help_texts = {
            "period_start": _("进度轨迹的起点；完成时限须在起止日期之间。"),
        }

    def __init__(self, *args: Any, districts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if districts is not None:
            self.fields["district"] = DistrictField(districts)
            self.order_fields(["district"])


class PlanUploadForm(forms.Form):
    # An empty file reaches the engine, which answers "no numbered items found".
    file = forms.FileField(
        allow_empty_file=True,
        label=_("政策文件"),
        help_text=_("支持 .txt（UTF-8 或 GB18030）、.docx、带文字层的 .pdf，不超过 20 MB。"),
    )

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"] = DistrictField(districts)
        self.order_fields(["district", "file"])


class PlanImportForm(forms.Form):
    title = forms.CharField(label=_("规划标题"), max_length=200)
    doc_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    issuer = forms.CharField(label=_("发文机关"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("成文日期"), required=False, widget=DATE)
    file = forms.FileField(label=_("任务分解表（.xlsx）"))

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"] = DistrictField(districts)
        self.order_fields(["district"])


class ItemForm(forms.Form):
    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    heading = forms.CharField(label=_("标题"), max_length=300, required=False)
    text = forms.CharField(
        label=_("具体内容"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    is_task = forms.BooleanField(label=_("作为任务跟踪"), required=False)


class ItemAddForm(ItemForm):
    parent = forms.ModelChoiceField(
        label=_("上级条目"),
        queryset=PlanItem.objects.none(),
        required=False,
        empty_label=_("（顶层）"),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = plan.items.order_by("position")
        parent.label_from_instance = lambda item: f"{item.path} {item.title}"  # type: ignore[attr-defined]
        self.order_fields(["parent"])


class SplitForm(forms.Form):
    split_from = forms.CharField(
        label=_("从这段文字起拆为新条目"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("复制第二部分开头的一句话（原文中的文字）。"),
    )
    number = forms.CharField(label=_("新条目序号"), max_length=20, required=False)
    heading = forms.CharField(label=_("新条目标题"), max_length=300, required=False)


class DepartmentsForm(forms.Form):
    lead = forms.CharField(
        label=_("牵头部门"),
        required=False,
        widget=forms.TextInput(attrs={"list": "district-departments"}),
        help_text=_("多个部门用“、”分隔；写部门全称或简称。"),
    )
    cooperating = forms.CharField(
        label=_("配合部门"),
        required=False,
        widget=forms.TextInput(attrs={"list": "district-departments"}),
    )


class ResolveForm(forms.Form):
    ACTIONS = [
        ("create", _("新建部门")),
        ("map", _("对应到已有部门")),
        ("dismiss", _("不是部门，移除")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    name = forms.CharField(max_length=100)
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False)

    def __init__(self, *args: Any, district: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(district=district)


class TargetForm(ShapeModelForm):
    class Meta:
        model = Target
        fields = list(TARGET_FIELDS)
        widgets = {"due_on": DATE}


class BaselinesForm(forms.Form):
    """One baseline field per target that still lacks one (the publishing checklist)."""

    def __init__(self, *args: Any, targets: list[Target], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {f"baseline_{t.pk}": t for t in targets}
        for name, target in self.targets.items():
            self.fields[name] = forms.DecimalField(
                label=f"{target.item.path} {target.indicator_label}（{target.unit}）",
                max_digits=16,
                decimal_places=4,
                required=False,
            )

    def baselines(self) -> dict[Target, Any]:
        return {
            target: self.cleaned_data[name]
            for name, target in self.targets.items()
            if self.cleaned_data.get(name) is not None
        }


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("报告期"))
    value = forms.CharField(label=_("当前值"), max_length=40)
    narrative = forms.CharField(
        label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    files = MultipleFileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("可多选；每个文件不超过 20 MB，限常见文档、表格、图片和压缩包。"),
    )

    def __init__(
        self,
        *args: Any,
        periods: list[Period],
        departments: list[Department],
        states: dict[str, str] | None = None,
        target: Target | None = None,
        **kwargs: Any,
    ) -> None:
        """``states`` names the state of the department's report for a period, shown beside it
        in the list (2026年第三季度（已退回）) so that a revision goes to the right period.
        ``target`` tells the reporter what the value is: a total so far, or a level, and in
        which unit."""
        super().__init__(*args, **kwargs)
        if target is not None:
            self.fields["value"].help_text = _value_help(target)
        states = states or {}
        self.fields["period"].choices = [
            (p.key, _period_choice(p, states.get(p.key))) for p in reversed(periods)
        ]
        if len(departments) > 1:
            self.fields["department"] = forms.TypedChoiceField(
                label=_("报送部门"), choices=[(d.pk, d.name) for d in departments], coerce=int
            )
            self.order_fields(["department"])


def _value_help(target: Target) -> str:
    unit = target.unit or pgettext("target unit", "无")
    if target.kind == Target.Kind.ADDITION:
        return gettext(
            "填写截至报告期末的累计数（从规划起始算起，不是本期新增数），只填数字；单位：%(unit)s"
        ) % {"unit": unit}
    return gettext("填写报告期末达到的数值，只填数字；单位：%(unit)s") % {"unit": unit}


def _period_choice(period: Period, state: str | None) -> str:
    if not state:
        return period.label
    return gettext("%(period)s（%(state)s）") % {"period": period.label, "state": state}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("采纳")), ("return", _("退回"))])
    comment = forms.CharField(
        label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NoticeForm(forms.ModelForm):
    class Meta:
        model = SupervisionNotice
        fields = ["departments", "reply_deadline", "body"]
        widgets = {"reply_deadline": DATE, "departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, item: PlanItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(plan_items=item).order_by(
            "name"
        )


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("回复内容"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, departments: list[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(departments) > 1:
            self.fields["department"] = forms.TypedChoiceField(
                label=_("回复部门"), choices=[(d.pk, d.name) for d in departments], coerce=int
            )
            self.order_fields(["department"])


class PlanFilterForm(forms.Form):
    department = forms.TypedChoiceField(
        label=_("部门"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=_("状态"), required=False)
    year = forms.TypedChoiceField(label=_("完成年份"), required=False, coerce=int, empty_value=None)

    def __init__(
        self, *args: Any, departments: list[Department], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["department"].choices = everything + [(d.pk, d.name) for d in departments]
        self.fields["status"].choices = everything + list(Status.choices)
        self.fields["year"].choices = everything + [(y, str(y)) for y in years]
