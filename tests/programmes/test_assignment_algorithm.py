"""The automatic assignment, as a pure function: properties that must hold for any input."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from yinling.programmes.assignment import Candidate, Item, plan_assignments

DOMAINS = ["育人方式", "治理能力", "教师能力", "信息技术", "其它"]


@st.composite
def problems(draw: st.DrawFn) -> tuple[list[Item], list[Candidate], set[tuple[int, int]], int]:
    n_experts = draw(st.integers(1, 8))
    n_items = draw(st.integers(0, 25))
    experts = [
        Candidate(
            id=e,
            capacity=draw(st.integers(0, 10)),
            load=draw(st.integers(0, 3)),
            expertise=frozenset(draw(st.lists(st.sampled_from(DOMAINS), max_size=2))),
        )
        for e in range(1, n_experts + 1)
    ]
    items = [
        Item(
            id=100 + i,
            domain=draw(st.sampled_from(DOMAINS)),
            assigned=frozenset(draw(st.sets(st.integers(1, n_experts), max_size=1))),
        )
        for i in range(n_items)
    ]
    conflicts = draw(
        st.sets(st.tuples(st.integers(1, n_experts), st.sampled_from([i.id for i in items] or [0])))
    )
    return items, experts, conflicts, draw(st.integers(1, 4))


@settings(max_examples=200, deadline=None)
@given(problems())
def test_it_never_assigns_a_conflicted_expert(problem: tuple) -> None:  # type: ignore[type-arg]
    items, experts, conflicts, k = problem
    plan = plan_assignments(items, experts, conflicts, per_application=k)
    assert not {(expert, item) for item, expert in plan.pairs} & conflicts


@settings(max_examples=200, deadline=None)
@given(problems())
def test_it_respects_workloads_and_never_assigns_an_expert_twice(problem: tuple) -> None:  # type: ignore[type-arg]
    items, experts, conflicts, k = problem
    plan = plan_assignments(items, experts, conflicts, per_application=k)
    assert len(set(plan.pairs)) == len(plan.pairs)
    already = {(i.id, e) for i in items for e in i.assigned}
    assert not set(plan.pairs) & already
    added = Counter(expert for _, expert in plan.pairs)
    for expert in experts:
        assert added[expert.id] == 0 or expert.load + added[expert.id] <= expert.capacity


@settings(max_examples=200, deadline=None)
@given(problems())
def test_it_fills_what_it_can_and_reports_the_rest(problem: tuple) -> None:  # type: ignore[type-arg]
    items, experts, conflicts, k = problem
    plan = plan_assignments(items, experts, conflicts, per_application=k)
    per_item = Counter(item for item, _ in plan.pairs)
    for item in items:
        wanted = max(k - len(item.assigned), 0)
        assert per_item[item.id] + plan.short.get(item.id, 0) == wanted


def test_it_balances_workloads_across_experts() -> None:
    experts = [Candidate(id=e, capacity=20) for e in (1, 2, 3)]
    items = [Item(id=i, domain=DOMAINS[i % 5]) for i in range(12)]
    plan = plan_assignments(items, experts, set(), per_application=2)
    assert sorted(Counter(e for _, e in plan.pairs).values()) == [8, 8, 8]


def test_it_spreads_each_domain_over_several_experts() -> None:
    experts = [Candidate(id=e, capacity=20) for e in (1, 2, 3, 4)]
    items = [Item(id=i, domain="育人方式") for i in range(4)]
    plan = plan_assignments(items, experts, set(), per_application=1)
    assert len({e for _, e in plan.pairs}) == 4


def test_it_prefers_an_expert_who_declared_the_domain_when_loads_are_equal() -> None:
    experts = [
        Candidate(id=1, capacity=5),
        Candidate(id=2, capacity=5, expertise=frozenset({"信息技术"})),
    ]
    plan = plan_assignments([Item(id=9, domain="信息技术")], experts, set(), per_application=1)
    assert plan.pairs == [(9, 2)]
