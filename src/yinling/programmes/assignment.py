"""Automatic reviewer assignment: a pure function, with no Django, so it can be tested alone.

The office asks for `per_application` reviewers for each application. The algorithm
- never assigns an expert to an application they have a conflict with (own school, same
  education group, a paired school, a declared tie: the caller computes the pairs);
- never goes beyond an expert's workload limit (assignments they already hold count);
- never assigns the same expert twice to one application;
- balances workloads (the least-loaded eligible expert first), then balances domains (among equal
  loads, the expert who has seen fewest applications of this domain, so each domain is read by
  several experts and each expert reads several domains, which the leniency calibration needs),
  then prefers an expert who declared the domain as expertise; ties break by expert id, so the
  result is reproducible.
Applications with the fewest eligible experts are served first, so scarce experts go where they
are needed. Whatever cannot be filled is reported, never forced.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    id: int
    capacity: int  # the workload limit for this campaign
    load: int = 0  # assignments already held
    expertise: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Item:
    id: int
    domain: str
    assigned: frozenset[int] = frozenset()  # experts already assigned to it


@dataclass
class Plan:
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (item id, expert id)
    short: dict[int, int] = field(default_factory=dict)  # item id -> reviewers still missing


def plan_assignments(
    items: Sequence[Item],
    experts: Sequence[Candidate],
    conflicts: Iterable[tuple[int, int]],  # (expert id, item id)
    *,
    per_application: int,
) -> Plan:
    conflicted = set(conflicts)
    load = {e.id: e.load for e in experts}
    seen: dict[int, Counter[str]] = defaultdict(Counter)

    def eligible(item: Item) -> list[Candidate]:
        return [
            e
            for e in experts
            if (e.id, item.id) not in conflicted
            and e.id not in item.assigned
            and load[e.id] < e.capacity
        ]

    plan = Plan()
    queue = sorted(items, key=lambda i: (len(eligible(i)), i.id))
    for item in queue:
        wanted = per_application - len(item.assigned)
        chosen: list[int] = []
        for _ in range(max(wanted, 0)):
            pool = [e for e in eligible(item) if e.id not in chosen]
            if not pool:
                break
            best = min(
                pool,
                key=lambda e: (
                    load[e.id],
                    seen[e.id][item.domain],
                    item.domain not in e.expertise,
                    e.id,
                ),
            )
            chosen.append(best.id)
            load[best.id] += 1
            seen[best.id][item.domain] += 1
        plan.pairs.extend((item.id, expert_id) for expert_id in chosen)
        missing = wanted - len(chosen)
        if missing > 0:
            plan.short[item.id] = missing
    return plan
