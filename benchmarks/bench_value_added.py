"""Speed and memory of the value-added command (prints figures; asserts nothing).

    python benchmarks/bench_value_added.py                      # 1,500,000 students, 1,600 schools
    python benchmarks/bench_value_added.py --students 150000 --schools 160

Measures, on a simulated CSV written to a temporary directory (fixed seed):
  (1) polars reading the file and averaging the scores by school (the reference),
  (2) the whole ``value_added --model ri`` command, CSV in, results CSV out, and
      the model alone (in-memory frame to results table); both again on the same
      rows shuffled, because a file listed school by school is summed run by run
      and any other order takes a hash group-by,
  (3) the peak resident memory of (2) in a fresh process (VmHWM),
  (4) statsmodels MixedLM on the same data in the same run, called as a user
      would (the exact call is printed): pandas read, model build (formula) and
      the default REML fit, each timed.  A slice of schools runs first; if it
      predicts more than the budget for the full data, the full run is skipped
      and the figure is a linear extrapolation in the number of students.
Targets: (2)/(1) < 4, memory < 2 GB, statsmodels/ours >= 50.

Ratios against statsmodels, like for like:
  model only     - ours from a polars frame to the results table, against
                   statsmodels' build + fit from a pandas frame;
  whole command  - ours from CSV to results CSV, against statsmodels' pandas
                   read + build + fit (results not even written);
  strict         - our whole command against statsmodels' build + fit alone;
  fit alone      - our model against statsmodels' fit without its formula build.

Every timing is wall-clock seconds and CPU seconds (all threads): the machine
is shared, so the CPU figure is the steadier one and the verdict uses it.
Timings are the best of ``--repeats`` runs after a warm-up (statsmodels: the
best of ``--statsmodels-repeats`` builds and fits in one process).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from yinling.stats import fit_value_added, read_scores
from yinling.stats.cli import main as value_added
from yinling.stats.simulate import simulate_scores

CHILD = Path(__file__).with_name("va_child.py")
TARGET = 50.0


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.3f} s wall / {self.cpu:.3f} s CPU"

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)

    def __mul__(self, factor: float) -> Timing:
        return Timing(self.wall * factor, self.cpu * factor)

    def over(self, other: Timing) -> str:
        return f"{self.wall / other.wall:.2f} wall, {self.cpu / other.cpu:.2f} CPU"


@dataclass(frozen=True)
class Ours:
    label: str
    whole: Timing
    model: Timing


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, default=1_500_000)
    parser.add_argument("--schools", type=int, default=1_600)
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--repeats", type=int, default=5, help="in-process timings keep the best")
    parser.add_argument("--statsmodels-repeats", type=int, default=2, help="builds and fits")
    parser.add_argument("--statsmodels-budget", type=float, default=240.0, help="seconds")
    parser.add_argument("--slice-schools", type=int, default=160, help="schools in the slice")
    parser.add_argument("--skip-statsmodels", action="store_true")
    parser.add_argument("--skip-shuffled", action="store_true")
    return parser.parse_args(argv)


def best_of(repeats: int, action: Callable[[], object]) -> Timing:
    walls, cpus = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return Timing(min(walls), min(cpus))


def child(*args: str, timeout: float | None = None) -> tuple[dict, float]:
    """Run va_child.py; return its JSON report and the wall time of the whole process."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1]), time.perf_counter() - start


def reference(path: Path) -> None:
    pl.read_csv(path).group_by("school_id").agg(pl.col("prior").mean(), pl.col("score").mean())


def read_needed(path: Path) -> None:
    """What the command reads, as it reads it: the floor under the whole command."""
    read_scores(
        path,
        columns=("student_id", "school_id", "prior", "score"),
        number_columns=("prior", "score"),
    )


def ours(path: Path, out: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        if value_added(["--input", str(path), "--model", "ri", "-o", str(out)]) != 0:
            raise SystemExit("value_added failed")


def model_only(path: Path, repeats: int) -> Timing:
    """Our model from an in-memory frame to the results table (no file I/O)."""
    frame = read_scores(path)
    fit_value_added(frame, model="ri")  # warm-up
    return best_of(repeats, lambda: fit_value_added(frame, model="ri"))


def measure(label: str, path: Path, out: Path, repeats: int) -> Ours:
    ours(path, out)  # warm-up: page cache and first-call costs
    return Ours(label, best_of(repeats, lambda: ours(path, out)), model_only(path, repeats))


def generate(args: argparse.Namespace, folder: Path) -> Path:
    start = time.perf_counter()
    frame = simulate_scores(args.students, args.schools, seed=args.seed).frame
    path = folder / "scores.csv"
    frame.write_csv(path)
    print(
        f"data: {frame.height:,} students in {args.schools:,} schools, "
        f"{path.stat().st_size / 2**20:.0f} MiB CSV listed school by school (generated in "
        f"{time.perf_counter() - start:.1f} s, seed {args.seed})"
    )
    return path


def _read_all(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, schema_overrides={"school_id": pl.String, "student_id": pl.String})


def shuffled_copy(path: Path, folder: Path, seed: int) -> Path:
    shuffled = folder / "shuffled.csv"
    _read_all(path).sample(fraction=1.0, shuffle=True, seed=seed).write_csv(shuffled)
    return shuffled


def slice_of(path: Path, schools: int, folder: Path) -> Path:
    frame = _read_all(path)
    keep = frame.get_column("school_id").unique().sort().head(schools)
    sliced = folder / "slice.csv"
    frame.filter(pl.col("school_id").is_in(keep.implode())).write_csv(sliced)
    return sliced


def import_overhead() -> str:
    """A fresh process pays once for its imports, whatever the data."""
    walls = {}
    for module in ("polars", "yinling.stats.cli"):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        walls[module] = time.perf_counter() - start
    return (
        f"python + import polars {walls['polars']:.2f} s; python + import yinling.stats.cli "
        f"(polars, numpy; no scipy) {walls['yinling.stats.cli']:.2f} s"
    )


def ratio_line(theirs: Timing, label: str, ours_timing: Timing, note: str = "") -> str:
    wall, cpu = theirs.wall / ours_timing.wall, theirs.cpu / ours_timing.cpu
    verdict = "meets" if cpu >= TARGET else "MISSES"
    return (
        f"    {label}{note}: {cpu:.0f}x CPU, {wall:.0f}x wall "
        f"({verdict} the target >= {TARGET:.0f} on CPU)"
    )


def statsmodels_ratios(
    report: dict, runs: list[Ours], floor: Timing, note: str = "", scale: float = 1.0
) -> None:
    read = Timing(report["read_seconds"], report["read_cpu_seconds"]) * scale
    build = Timing(report["build_seconds"], report["build_cpu_seconds"]) * scale
    fit = Timing(report["seconds"], report["cpu_seconds"]) * scale
    print(f"    statsmodels: pandas read {read}; build {build}; fit {fit}")
    print(
        f"    ceiling for any command that reads the CSV with polars (a model costing nothing): "
        f"{(read + build + fit).cpu / floor.cpu:.0f}x CPU like for like, "
        f"{(build + fit).cpu / floor.cpu:.0f}x CPU strict"
    )
    for run in runs:
        print(f"  against ours, {run.label}:")
        print(ratio_line(build + fit, "model only   (build + fit / our model)", run.model, note))
        print(
            ratio_line(
                read + build + fit,
                "whole command (read + build + fit / our command)",
                run.whole,
                note,
            )
        )
        print(ratio_line(build + fit, "strict       (build + fit / our command)", run.whole, note))
        print(ratio_line(fit, "fit alone    (fit / our model)", run.model, note))


def statsmodels_figures(
    args: argparse.Namespace, path: Path, folder: Path, runs: list[Ours], floor: Timing
) -> None:
    repeats = str(args.statsmodels_repeats)
    sliced = slice_of(path, args.slice_schools, folder)
    small, _ = child("statsmodels", str(sliced), "1")
    print(
        f"(4) statsmodels {_version('statsmodels')}, pandas {_version('pandas')}: {small['call']}"
    )
    small_total = small["build_seconds"] + small["seconds"]
    print(
        f"    slice of {small['students']:,} students in {small['schools']} schools: build + fit "
        f"{small_total:.2f} s wall / {small['build_cpu_seconds'] + small['cpu_seconds']:.2f} s CPU"
    )
    scale = args.students / small["students"]
    if small_total * scale > args.statsmodels_budget:
        print(
            f"    full data not run: the slice predicts {small_total * scale:.0f} s, over the "
            f"budget of {args.statsmodels_budget:.0f} s; extrapolated linearly in N:"
        )
        statsmodels_ratios(small, runs, floor, " (extrapolated)", scale)
        return
    try:
        report, _ = child("statsmodels", str(path), repeats, timeout=args.statsmodels_budget * 4)
    except subprocess.TimeoutExpired:
        print(f"    full data: statsmodels did not finish in {args.statsmodels_budget * 4:.0f} s")
        return
    print(
        f"    full data, {report['students']:,} students (best of {report['repeats']} builds and "
        f"fits): peak {report['max_rss_mb']:.0f} MiB, converged {report['converged']}; school "
        f"variance {report['school_variance']:.6g}, residual variance "
        f"{report['residual_variance']:.6g}"
    )
    statsmodels_ratios(report, runs, floor)


def _version(module: str) -> str:
    from importlib import metadata

    return metadata.version(module)


def run(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="va_bench_") as tmp:
        folder = Path(tmp)
        path = generate(args, folder)
        out = folder / "results.csv"
        reference(path)  # warm the page cache and the imports
        ref = best_of(args.repeats, lambda: reference(path))
        floor = best_of(args.repeats, lambda: read_needed(path))
        runs = [measure("file listed school by school", path, out, args.repeats)]
        if not args.skip_shuffled:
            shuffled = shuffled_copy(path, folder, args.seed)
            runs.append(measure("same rows shuffled", shuffled, folder / "out2.csv", args.repeats))
        ours_result = pl.read_csv(out)
        print(f"(1) polars read + mean by school, in-process (best of {args.repeats}): {ref}")
        print(f"    reading only the four columns the command needs, as it does: {floor}")
        for run_ in runs:
            verdict = "meets" if run_.whole.cpu / ref.cpu < 4 else "MISSES"
            print(
                f"(2) value_added --model ri, CSV to CSV, {run_.label} (best of {args.repeats}): "
                f"{run_.whole}\n    model only (in-memory frame to results table): {run_.model}\n"
                f"    (2)/(1) = {run_.whole.over(ref)} ({verdict} the target < 4 on CPU)"
            )
        print(f"    {ours_result.height:,} school rows written")
        ref_child, ref_wall = child("reference", str(path))
        cmd_child, cmd_wall = child("command", str(path), str(folder / "child.csv"))
        print(
            f"    as fresh processes (start-up included): (1) {ref_wall:.2f} s, (2) {cmd_wall:.2f} "
            f"s, ratio {cmd_wall / ref_wall:.2f}; start-up alone: {import_overhead()}"
        )
        peak = cmd_child["max_rss_mb"]
        verdict = "meets" if peak < 2048 else "MISSES"
        print(
            f"(3) peak memory of (2) in a fresh process: {peak:.0f} MiB ({verdict} the target "
            f"< 2 GB); the reference peaks at {ref_child['max_rss_mb']:.0f} MiB"
        )
        if not args.skip_statsmodels:
            statsmodels_figures(args, path, folder, runs, floor)
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
