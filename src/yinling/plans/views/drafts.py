"""The draft editor: correct a parsed (or imported, or typed) breakdown, then publish it.

Every action works as a plain form post with a redirect; with HTMX the same URLs answer with
the fragment to swap (one item, or the whole tree after a structural change).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yinling.core.models import Department
from yinling.core.permissions import permission_required
from yinling.core.views._forms import add_service_errors
from yinling.plans import selectors, services
from yinling.plans.forms import (
    BaselinesForm,
    DepartmentsForm,
    ItemAddForm,
    ItemForm,
    PlanDetailsForm,
    ResolveForm,
    SplitForm,
    TargetForm,
)
from yinling.plans.models import Plan, PlanItem, PlanItemDepartment, Target
from yinling.plans.services.items import MOVES
from yinling.plans.services.matching import split_names
from yinling.plans.views._common import error_messages, get_item, get_plan, get_target, htmx

EDIT = "plans.plan_edit"


def _editor_url(plan: Plan, item: PlanItem | None = None) -> str:
    url = reverse("plans:plan_edit", args=[plan.pk])
    return f"{url}#item-{item.pk}" if item is not None else url


def _district_departments(plan: Plan) -> list[Department]:
    return list(
        Department.objects.filter(district=plan.district_id, is_active=True).order_by("name")
    )


def _tree_context(plan: Plan) -> dict[str, Any]:
    return {
        "plan": plan,
        "nodes": selectors.plan_view(plan).nodes,
        "departments": _district_departments(plan),
    }


def _item_fragment(request: HttpRequest, item: PlanItem) -> HttpResponse:
    node = selectors.task_node(item)
    return render(
        request,
        "plans/_draft_item.html",
        {"node": node, "plan": item.plan, "departments": _district_departments(item.plan)},
    )


def _after_change(request: HttpRequest, plan: Plan, item: PlanItem | None = None) -> HttpResponse:
    """HTMX gets the fresh tree to swap in; a plain post goes back to the editor."""
    if htmx(request):
        return render(request, "plans/_draft_tree.html", _tree_context(plan))
    return redirect(_editor_url(plan, item))


def _not_draft(request: HttpRequest, plan: Plan) -> HttpResponse | None:
    if plan.is_draft:
        return None
    messages.info(request, _("规划已发布，不能再修改"))
    return redirect("plans:plan_detail", plan.pk)


@permission_required("plans.view")
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk, EDIT)
    if (refused := _not_draft(request, plan)) is not None:
        return refused
    form = PlanDetailsForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("plans:plan_edit", plan.pk)
    context = _tree_context(plan)
    context.update(form=form, problems=services.publish_problems(plan))
    return render(request, "plans/plan_edit.html", context)


def _form_page(
    request: HttpRequest,
    form: Any,
    title: str,
    plan: Plan,
    item: PlanItem | None = None,
    **extra: Any,
) -> HttpResponse:
    template = "plans/_inline_form.html" if htmx(request) else "plans/form.html"
    return render(
        request,
        template,
        {"form": form, "title": title, "back_url": _editor_url(plan, item), "item": item, **extra},
    )


@permission_required("plans.view")
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk, EDIT)
    if (refused := _not_draft(request, item.plan)) is not None:
        return refused
    initial = {
        "number": item.number,
        "heading": item.heading,
        "text": item.text,
        "is_task": item.is_task,
    }
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if htmx(request):
                return _item_fragment(request, item)
            return redirect(_editor_url(item.plan, item))
    return _form_page(request, form, _("编辑条目 %(path)s") % {"path": item.path}, item.plan, item)


@permission_required("plans.view")
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(request, pk, EDIT)
    if (refused := _not_draft(request, plan)) is not None:
        return refused
    parent = plan.items.filter(pk=request.GET.get("parent") or 0).first()
    form = ItemAddForm(request.POST or None, plan=plan, initial={"parent": parent, "is_task": True})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_editor_url(plan, item))
    return _form_page(request, form, _("新增条目"), plan)


@require_POST
@permission_required("plans.view")
def item_structure(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge into the previous item, move, indent, outdent or delete (``action`` in the post)."""
    item = get_item(request, pk, EDIT)
    plan = item.plan
    action = request.POST.get("action", "")
    try:
        if action == "merge":
            item = services.item_merge(actor=request.user, item=item)
        elif action == "delete":
            services.item_delete(actor=request.user, item=item)
            item = None
        elif action in MOVES:
            item = services.item_move(actor=request.user, item=item, direction=action)
        else:
            messages.error(request, _("未知操作"))
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return _after_change(request, plan, item)


@permission_required("plans.view")
def item_split(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk, EDIT)
    if (refused := _not_draft(request, item.plan)) is not None:
        return refused
    form = SplitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.item_split(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已拆分为两个条目"))
            return redirect(_editor_url(item.plan, new))
    return _form_page(
        request,
        form,
        _("拆分条目 %(path)s") % {"path": item.path},
        item.plan,
        item,
        source=item.text,
    )


def _names(item: PlanItem, role: str) -> str:
    names = [
        a.department.name
        for a in item.assignments.select_related("department").order_by("position")
        if a.role == role
    ]
    names += [e["name"] for e in item.unmatched_departments if e["role"] == role]
    return "、".join(names)


@permission_required("plans.view")
def item_departments(request: HttpRequest, pk: int) -> HttpResponse:
    """Fix a task's lead and co-operating departments, typed as names and matched by name."""
    item = get_item(request, pk, EDIT)
    if (refused := _not_draft(request, item.plan)) is not None:
        return refused
    initial = {
        "lead": _names(item, PlanItemDepartment.Role.LEAD),
        "cooperating": _names(item, PlanItemDepartment.Role.COOPERATING),
    }
    form = DepartmentsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unknown = services.item_set_departments(
                actor=request.user,
                item=item,
                lead=split_names(form.cleaned_data["lead"]),
                cooperating=split_names(form.cleaned_data["cooperating"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if unknown:
                messages.warning(
                    request,
                    _("以下名称在本区责任部门中找不到：%(names)s。可新建、对应到已有部门或移除。")
                    % {"names": "、".join(unknown)},
                )
            if htmx(request):
                return _item_fragment(request, item)
            return redirect(_editor_url(item.plan, item))
    return _form_page(
        request,
        form,
        _("责任部门 %(path)s") % {"path": item.path},
        item.plan,
        item,
        departments=_district_departments(item.plan),
    )


@require_POST
@permission_required("plans.view")
def item_department_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Settle an unknown department name: create the department, map it, or drop it."""
    item = get_item(request, pk, EDIT)
    form = ResolveForm(request.POST, district=item.plan.district)
    if not form.is_valid():
        messages.error(request, _("请选择处理方式"))
        return _after_change(request, item.plan, item)
    action, name = form.cleaned_data["action"], form.cleaned_data["name"]
    department = form.cleaned_data.get("department")
    try:
        if action == "create":
            created = services.item_department_create(actor=request.user, item=item, name=name)
            messages.success(request, _("已新建部门“%(name)s”") % {"name": created.name})
        elif action == "map" and department is not None:
            services.item_department_map(
                actor=request.user, item=item, name=name, department=department
            )
        elif action == "dismiss":
            services.item_department_dismiss(actor=request.user, item=item, name=name)
        else:
            messages.error(request, _("请选择要对应的部门"))
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return _after_change(request, item.plan, item)


@permission_required("plans.view")
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk, EDIT)
    if (refused := _not_draft(request, item.plan)) is not None:
        return refused
    form = TargetForm(request.POST or None, initial={"due_on": item.plan.period_end})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_editor_url(item.plan, item))
    return _form_page(request, form, _("新增目标 %(path)s") % {"path": item.path}, item.plan, item)


@permission_required("plans.view")
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_target(request, pk, EDIT)
    item = target.item
    if (refused := _not_draft(request, item.plan)) is not None:
        return refused
    form = TargetForm(request.POST or None, instance=Target.objects.get(pk=target.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(actor=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_editor_url(item.plan, item))
    return _form_page(
        request,
        form,
        _("编辑目标 %(path)s %(indicator)s")
        % {"path": item.path, "indicator": target.indicator_label},
        item.plan,
        item,
        source=target.source_text,
    )


@require_POST
@permission_required("plans.view")
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_target(request, pk, EDIT)
    item = target.item
    try:
        services.target_delete(actor=request.user, target=target)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    return _after_change(request, item.plan, item)


@permission_required("plans.view")
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The publishing checklist: what still stops the plan, missing baselines to fill, publish."""
    plan = get_plan(request, pk, EDIT)
    if (refused := _not_draft(request, plan)) is not None:
        return refused
    missing = list(
        Target.objects.filter(item__plan=plan, item__is_task=True, baseline=None)
        .select_related("item__plan")
        .order_by("item__position", "position")
    )
    baselines = BaselinesForm(
        request.POST if "save_baselines" in request.POST else None, targets=missing
    )
    errors: list[str] = []
    if request.method == "POST" and "save_baselines" in request.POST:
        if baselines.is_valid():
            count = services.target_set_baselines(
                actor=request.user, baselines=baselines.baselines()
            )
            messages.success(request, _("已填写 %(n)d 个基线值") % {"n": count})
            return redirect("plans:plan_publish", plan.pk)
    elif request.method == "POST":
        try:
            services.plan_publish(actor=request.user, plan=plan)
        except ValidationError as error:
            errors = error_messages(error)
        else:
            messages.success(request, _("规划已发布，各责任部门现在可以报送进展"))
            return redirect("plans:plan_detail", plan.pk)
    return render(
        request,
        "plans/plan_publish.html",
        {
            "plan": plan,
            "problems": errors or services.publish_problems(plan),
            "baselines": baselines,
            "refused": bool(errors),
        },
    )
