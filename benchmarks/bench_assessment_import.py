"""Speed and memory of the assessment-score import (prints figures; asserts nothing).

    python benchmarks/bench_assessment_import.py                 # 2,000,000 score rows
    python benchmarks/bench_assessment_import.py --rows 200000

Writes a simulated long CSV (student ID, school code, subject, score, gender, SES; three
subjects per student) to a temporary directory, then measures, each in a fresh process:
  (1) the reference: polars reading the same file and averaging the scores by school;
  (2) the product's import on a fresh SQLite database: read, pseudonymise (HMAC-SHA256), check
      every row, write every row, publish the data version - the whole `run_import_job`.
Each child reports its wall time and its peak resident memory (ru_maxrss), and for the import
also the resident memory before the import started (Django, migrations, schools).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ("语文", "数学", "英语")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_scores(path: Path, rows: int, schools: int, seed: int) -> None:
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    students = rows // len(SUBJECTS)
    school = rng.integers(0, schools, students)
    ability = rng.normal(0, 1, students)
    frame = pl.DataFrame(
        {
            "学籍号": [f"G3101{i:013d}" for i in range(students)],
            "学校代码": [f"BENCH-{j:04d}" for j in school.tolist()],
            "性别": rng.choice(["男", "女"], students),
            "家庭社会经济地位指数": np.round(rng.normal(0, 1, students), 3),
        }
    )
    parts = []
    for subject in SUBJECTS:
        score = np.clip(np.round(70 + 12 * ability + rng.normal(0, 8, students), 1), 0, 100)
        parts.append(frame.with_columns(pl.lit(subject).alias("科目"), pl.Series("成绩", score)))
    pl.concat(parts).select(
        "学籍号", "学校代码", "科目", "成绩", "性别", "家庭社会经济地位指数"
    ).write_csv(path)


def child_reference(path: str) -> dict[str, float]:
    import polars as pl

    start = time.perf_counter()
    frame = pl.read_csv(path, schema_overrides={"学籍号": pl.String, "学校代码": pl.String})
    frame.group_by("学校代码").agg(pl.col("成绩").mean())
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(), "rows": frame.height}


def child_import(path: str, workdir: str, schools: int) -> dict[str, float]:
    os.environ["YINLING_VAR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yinling.settings")
    import datetime
    import io

    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command

    from yinling.core.models import Region, School
    from yinling.evaluation.importing import ColumnMapping
    from yinling.evaluation.models import Assessment
    from yinling.evaluation.services import assessment_create
    from yinling.evaluation.services.imports import (
        import_job_map,
        import_job_upload,
        run_import_job,
    )

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    district = Region.objects.create(name="基准区", code="319999", kind=Region.Kind.DISTRICT)
    School.objects.bulk_create(
        School(
            district=district,
            name=f"基准学校{j}",
            code=f"BENCH-{j:04d}",
            stage=School.Stage.JUNIOR,
        )
        for j in range(schools)
    )
    assessment = assessment_create(
        actor=None,
        district=district,
        name="基准测试",
        kind=Assessment.Kind.DISTRICT_TEST,
        grade=6,
        subjects=list(SUBJECTS),
        school_year=2023,
        held_on=datetime.date(2023, 9, 15),
    )
    before_mb = _peak_mb()
    start = time.perf_counter()
    with open(path, "rb") as stream:
        upload = File(stream, name=Path(path).name)
        job = import_job_upload(actor=None, assessment=assessment, upload=upload)
    mapping = ColumnMapping(
        student="学籍号",
        school="学校代码",
        subject="科目",
        score="成绩",
        gender="性别",
        ses="家庭社会经济地位指数",
    )
    job = import_job_map(actor=None, job=job, mapping=mapping)
    job = run_import_job(job.pk)
    seconds = time.perf_counter() - start
    if job.status != "succeeded":
        raise SystemExit(f"import failed: {job.errors[:5]}")
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "before_mb": before_mb,
        "rows": job.version.row_count,
    }


def _child(*args: str) -> dict[str, float]:
    completed = subprocess.run(  # noqa: S603  (our own script, our own arguments)
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--schools", type=int, default=1_600)
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "reference":
            result = child_reference(rest[0])
        else:
            result = child_import(rest[0], rest[1], int(rest[2]))
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="bench-import-") as workdir:
        path = Path(workdir) / "scores.csv"
        start = time.perf_counter()
        write_scores(path, args.rows, args.schools, args.seed)
        size_mb = path.stat().st_size / 2**20
        print(f"file: {args.rows:,} rows, {size_mb:.0f} MB ({time.perf_counter() - start:.1f} s)")
        reference = _child("reference", str(path))
        imported = _child("import", str(path), workdir, str(args.schools))
    rows = imported["rows"]
    print(
        f"reference (polars read + mean by school): {reference['seconds']:.2f} s, "
        f"{reference['rows'] / reference['seconds']:,.0f} rows/s, peak {reference['peak_mb']:.0f} MB"
    )
    print(
        f"import (read, pseudonymise, check, write, publish): {imported['seconds']:.2f} s, "
        f"{rows / imported['seconds']:,.0f} rows/s, peak {imported['peak_mb']:.0f} MB "
        f"(of which {imported['before_mb']:.0f} MB before the import began)"
    )
    print(f"import / reference time: {imported['seconds'] / reference['seconds']:.1f}x")


if __name__ == "__main__":
    main()
