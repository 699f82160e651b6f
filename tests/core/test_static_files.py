from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders


def test_htmx_and_echarts_are_served_from_the_npm_packages() -> None:
    for name in ("vendor/htmx.min.js", "vendor/echarts.min.js"):
        found = finders.find(name)
        assert found and "node_modules" in str(found), name


def test_no_front_end_library_is_committed_as_a_copy() -> None:
    static_roots = Path(__file__).resolve().parents[2] / "src"
    copies = [p for p in static_roots.rglob("*.js") if p.name.startswith(("htmx", "echarts"))]
    assert not copies
