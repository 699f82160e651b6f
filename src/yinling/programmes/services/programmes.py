"""Setting up a programme: its rules, domains, guide, targets, pairings and application rounds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yinling.core.audit import audit_record, audited_update, changed, snapshot
from yinling.core.models import Region, School
from yinling.programmes.models import (
    DEFAULT_DOMAINS,
    TEXT_FIELDS,
    ApplicationRound,
    Domain,
    GuideItem,
    Pairing,
    Programme,
    ProgrammeTarget,
    Rubric,
)
from yinling.programmes.services._common import clean, raise_if

ERR_NAME_REQUIRED = gettext_noop("请填写名称")
ERR_PERIOD_ORDER = gettext_noop("实施截止不能早于实施起始")
ERR_DISTRICT_FOR_LEVEL = gettext_noop("区级项目必须指定所属区，市级项目不指定区")
ERR_DOMAIN_TAKEN = gettext_noop("本项目已有领域“%(name)s”")
ERR_GUIDE_TAKEN = gettext_noop("该领域已有指南项目“%(title)s”")
ERR_ROUND_DATES = gettext_noop("截止日期不能早于开始日期")
ERR_RUBRIC_OTHER_PROGRAMME = gettext_noop("评分细则不属于本项目")
ERR_LIMITS = gettext_noop("“%(field)s”的参考字数必须是正整数")
ERR_STAGES = gettext_noop("请至少选择一个可申报学段")
ERR_OWNERSHIPS = gettext_noop("请至少选择一种可申报办学性质")
ERR_PAIR_SELF = gettext_noop("学校不能与自己结对")
ERR_PAIR_TAKEN = gettext_noop("这两所学校已有此类结对关系")
ERR_TARGET_VALUE = gettext_noop("目标值必须大于 0")

PROGRAMME_FIELDS = (
    "name",
    "kind",
    "level",
    "district",
    "document_number",
    "description",
    "period_start",
    "period_end",
    "exhibitions_per_year",
    "exhibition_warning_days",
    "reevaluation_years",
    "text_tolerance_percent",
    "text_limits",
    "eligible_stages",
    "eligible_ownerships",
    "is_active",
)


def _validate_programme(programme: Programme) -> None:
    errors: dict[str, list[str]] = {}
    if not programme.name:
        errors.setdefault("name", []).append(_(ERR_NAME_REQUIRED))
    if programme.period_end < programme.period_start:
        errors.setdefault("period_end", []).append(_(ERR_PERIOD_ORDER))
    is_city = programme.level == Programme.Level.CITY
    if is_city == (programme.district_id is not None) or (
        programme.district_id is not None and programme.district.kind != Region.Kind.DISTRICT
    ):
        errors.setdefault("district", []).append(_(ERR_DISTRICT_FOR_LEVEL))
    labels = {name: label for name, label, _limit in TEXT_FIELDS}
    for name, label in labels.items():
        value = programme.text_limits.get(name)
        if not isinstance(value, int) or value <= 0:
            errors.setdefault("text_limits", []).append(_(ERR_LIMITS) % {"field": label})
    if not programme.eligible_stages:
        errors.setdefault("eligible_stages", []).append(_(ERR_STAGES))
    if not programme.eligible_ownerships:
        errors.setdefault("eligible_ownerships", []).append(_(ERR_OWNERSHIPS))
    raise_if(errors)


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    level: str,
    period_start: date,
    period_end: date,
    district: Region | None = None,
    domains: list[str] | tuple[str, ...] | None = None,
    **rules: Any,
) -> Programme:
    """Set up a programme; without `domains` it gets the five domains of seed 000's form."""
    unknown = set(rules) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    programme = Programme(
        name=name.strip(),
        kind=kind,
        level=level,
        district=district,
        period_start=period_start,
        period_end=period_end,
        **{k: clean(v) for k, v in rules.items()},
    )
    _validate_programme(programme)
    programme.save()
    audit_record(
        actor=actor,
        action="programme.create",
        obj=programme,
        after=snapshot(programme, PROGRAMME_FIELDS),
    )
    for order, domain_name in enumerate(DEFAULT_DOMAINS if domains is None else domains):
        domain_create(actor=actor, programme=programme, name=domain_name, order=order)
    return programme


@transaction.atomic
def programme_update(*, actor: Any, programme: Programme, **fields: Any) -> Programme:
    """Change a programme's details and rules; only the named fields are written."""
    audited_update(
        programme,
        fields,
        actor=actor,
        action="programme.update",
        tracked=PROGRAMME_FIELDS,
        validate=_validate_programme,
    )
    return programme


@transaction.atomic
def domain_create(
    *, actor: Any, programme: Programme, name: str, order: int | None = None
) -> Domain:
    """Add a domain (所属领域) to the programme."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _(ERR_NAME_REQUIRED)})
    if programme.domains.filter(name=name).exists():
        raise ValidationError({"name": _(ERR_DOMAIN_TAKEN) % {"name": name}})
    if order is None:
        order = programme.domains.count()
    domain = Domain.objects.create(programme=programme, name=name, order=order)
    audit_record(actor=actor, action="domain.create", obj=domain, after={"name": name})
    return domain


@transaction.atomic
def domain_update(
    *, actor: Any, domain: Domain, name: str, order: int, is_active: bool = True
) -> Domain:
    """Rename, reorder or retire a domain; applications keep the domain they chose."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _(ERR_NAME_REQUIRED)})
    if (
        Domain.objects.filter(programme=domain.programme_id, name=name)
        .exclude(pk=domain.pk)
        .exists()
    ):
        raise ValidationError({"name": _(ERR_DOMAIN_TAKEN) % {"name": name}})
    fields = ("name", "order", "is_active")
    before = snapshot(domain, fields)
    domain.name, domain.order, domain.is_active = name, order, is_active
    old, new = changed(before, snapshot(domain, fields))
    if new:
        domain.save(update_fields=list(new))
        audit_record(actor=actor, action="domain.update", obj=domain, before=old, after=new)
    return domain


@transaction.atomic
def guide_item_create(
    *, actor: Any, domain: Domain, title: str, description: str = "", order: int | None = None
) -> GuideItem:
    """Add a suggested project to the programme guide (项目指南) under a domain."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": _(ERR_NAME_REQUIRED)})
    if domain.guide_items.filter(title=title).exists():
        raise ValidationError({"title": _(ERR_GUIDE_TAKEN) % {"title": title}})
    item = GuideItem.objects.create(
        domain=domain,
        title=title,
        description=description.strip(),
        order=domain.guide_items.count() if order is None else order,
    )
    audit_record(actor=actor, action="guide_item.create", obj=item, after={"title": title})
    return item


@transaction.atomic
def guide_item_update(
    *, actor: Any, item: GuideItem, title: str, description: str, order: int
) -> GuideItem:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _(ERR_NAME_REQUIRED)})
    if GuideItem.objects.filter(domain=item.domain_id, title=title).exclude(pk=item.pk).exists():
        raise ValidationError({"title": _(ERR_GUIDE_TAKEN) % {"title": title}})
    fields = ("title", "description", "order")
    before = snapshot(item, fields)
    item.title, item.description, item.order = title, description.strip(), order
    old, new = changed(before, snapshot(item, fields))
    if new:
        item.save(update_fields=list(new))
        audit_record(actor=actor, action="guide_item.update", obj=item, before=old, after=new)
    return item


TARGET_FIELDS = ("name", "metric", "value", "unit", "due_on", "manual_value", "note")


def _validate_target(target: ProgrammeTarget) -> None:
    errors: dict[str, list[str]] = {}
    if not target.name:
        errors["name"] = [_(ERR_NAME_REQUIRED)]
    if target.value is None or Decimal(target.value) <= 0:
        errors["value"] = [_(ERR_TARGET_VALUE)]
    raise_if(errors)


@transaction.atomic
def target_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    metric: str,
    value: Decimal | int | float,
    due_on: date,
    unit: str = "",
    note: str = "",
    manual_value: Decimal | None = None,
) -> ProgrammeTarget:
    """Hold the programme to a target, e.g. about 60 project schools by 2026-12-31."""
    target = ProgrammeTarget(
        programme=programme,
        name=name.strip(),
        metric=metric,
        value=Decimal(str(value)),
        unit=unit.strip(),
        due_on=due_on,
        note=note.strip(),
        manual_value=manual_value,
    )
    _validate_target(target)
    target.save()
    audit_record(
        actor=actor, action="target.create", obj=target, after=snapshot(target, TARGET_FIELDS)
    )
    return target


@transaction.atomic
def target_update(*, actor: Any, target: ProgrammeTarget, **fields: Any) -> ProgrammeTarget:
    audited_update(
        target,
        fields,
        actor=actor,
        action="target.update",
        tracked=TARGET_FIELDS,
        validate=_validate_target,
    )
    return target


@transaction.atomic
def pairing_create(
    *,
    actor: Any,
    school: School,
    partner: School,
    kind: str,
    programme: Programme | None = None,
    note: str = "",
) -> Pairing:
    """Record that two schools are paired (结对) or that one supports the other (支援)."""
    if school.pk == partner.pk:
        raise ValidationError({"partner": _(ERR_PAIR_SELF)})
    if Pairing.objects.filter(school=school, partner=partner, kind=kind).exists():
        raise ValidationError({"partner": _(ERR_PAIR_TAKEN)})
    pairing = Pairing.objects.create(
        school=school,
        partner=partner,
        kind=kind,
        programme=programme,
        note=note.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="pairing.create",
        obj=pairing,
        after={"school": school.pk, "partner": partner.pk, "kind": kind},
    )
    return pairing


@transaction.atomic
def pairing_end(*, actor: Any, pairing: Pairing) -> Pairing:
    """End a pairing; it no longer bars reviewers (the record stays for the history)."""
    if pairing.is_active:
        pairing.is_active = False
        pairing.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="pairing.end",
            obj=pairing,
            before={"is_active": True},
            after={"is_active": False},
        )
    return pairing


ROUND_FIELDS = (
    "name",
    "opens_on",
    "closes_on",
    "reviewers_per_application",
    "rubric",
    "note",
    "admits_project_schools",
)


def _validate_round(round_: ApplicationRound) -> None:
    errors: dict[str, list[str]] = {}
    if not round_.name:
        errors["name"] = [_(ERR_NAME_REQUIRED)]
    if round_.closes_on < round_.opens_on:
        errors["closes_on"] = [_(ERR_ROUND_DATES)]
    if round_.rubric is not None and round_.rubric.programme_id != round_.programme_id:
        errors["rubric"] = [_(ERR_RUBRIC_OTHER_PROGRAMME)]
    raise_if(errors)


@transaction.atomic
def round_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    opens_on: date,
    closes_on: date,
    reviewers_per_application: int = 3,
    rubric: Rubric | None = None,
    note: str = "",
    admits_project_schools: bool = False,
) -> ApplicationRound:
    """Open an application round (申报批次) from `opens_on` to the end of `closes_on`. Unless
    `admits_project_schools`, a school already a project school of the programme may not apply."""
    round_ = ApplicationRound(
        programme=programme,
        name=name.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        reviewers_per_application=reviewers_per_application,
        rubric=rubric,
        note=note.strip(),
        admits_project_schools=admits_project_schools,
    )
    _validate_round(round_)
    round_.save()
    audit_record(
        actor=actor, action="round.create", obj=round_, after=snapshot(round_, ROUND_FIELDS)
    )
    return round_


@transaction.atomic
def round_update(*, actor: Any, round_: ApplicationRound, **fields: Any) -> ApplicationRound:
    audited_update(
        round_,
        fields,
        actor=actor,
        action="round.update",
        tracked=ROUND_FIELDS,
        validate=_validate_round,
    )
    return round_
