"""Speed of the policy parser on a ~30,000-character document.

Run ``python benchmarks/bench_policytext.py [--repeat N]``. The document is the five seed
documents joined (repeated until it reaches the size). The reference, measured in the same
run on the same text, is a trivial pass: ``str.splitlines`` plus one precompiled regex scan
for numbers. Target: under 20 ms per document.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "src/yinling/core/demo/seeds"
TARGET_CHARS = 30_000
TARGET_MS = 20.0

try:
    from yinling.policytext import parse_text
except ImportError:  # run without the project installed
    sys.path.insert(0, str(REPO / "src"))
    from yinling.policytext import parse_text

_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


def build_document(target_chars: int = TARGET_CHARS) -> str:
    """The seeds joined, repeated as needed, until the text has ``target_chars`` characters."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = []
    while sum(map(len, parts)) < target_chars:
        parts.extend(seeds)
    text = "\n\n".join(parts)
    # Cut at a line end so that no sentence is left half way.
    cut = text.rfind("\n", 0, target_chars + 2_000)
    return text[: cut if cut > target_chars else len(text)]


def trivial_pass(text: str) -> int:
    """The reference: split into lines and scan once for numbers."""
    lines = text.splitlines()
    return len(lines) + len(_NUMBERS.findall(text))


def time_runs(
    function: Callable[[str], object], text: str, repeat: int
) -> tuple[list[float], list[float]]:
    """(wall-clock ms, CPU ms) of each of ``repeat`` calls, after one warm-up call.

    CPU time (process_time) is reported too because wall-clock time on a shared machine
    also counts the time other processes hold the CPU.
    """
    function(text)  # warm-up: imports, regex compilation
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        function(text)
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - wall_start) * 1000)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)

    text = build_document()
    parse_wall, parse_cpu = time_runs(parse_text, text, args.repeat)
    trivial_wall, trivial_cpu = time_runs(trivial_pass, text, args.repeat)
    items = len(parse_text(text).items)

    median_wall = statistics.median(parse_wall)
    median_cpu = statistics.median(parse_cpu)
    reference_wall = statistics.median(trivial_wall)
    reference_cpu = statistics.median(trivial_cpu)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"document: {len(text):,} characters, {items} items; {args.repeat} runs; load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"parse_text: {median_wall:.2f} ms per document (median wall), best {min(parse_wall):.2f} ms, CPU {median_cpu:.2f} ms"
    )
    print(f"documents per second: {1000 / median_wall:.1f} (wall), {1000 / median_cpu:.1f} (CPU)")
    print(
        f"reference pass (splitlines + regex scan): {reference_wall:.3f} ms wall, {reference_cpu:.3f} ms CPU"
    )
    print(
        f"ratio parse / reference: {median_wall / reference_wall:.0f}x wall, {median_cpu / reference_cpu:.0f}x CPU"
    )
    met = median_cpu < TARGET_MS
    print(f"target {TARGET_MS:.0f} ms per document (CPU): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
