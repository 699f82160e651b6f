"""Work that outlives its request: score imports and value-added runs on large data.

A job runs in a daemon thread started when the caller's transaction commits (so the thread sees
the rows that describe the job), and reports its progress in a small file rather than the
database, whose writes it would otherwise have to share with the job itself.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import close_old_connections, connections, transaction
from django.utils import timezone

STALE_SECONDS = 600  # a job silent this long has probably died with its process


def start_after_commit(work: Callable[[], object], *, name: str) -> threading.Thread:
    """Run `work` in a daemon thread once the current transaction commits (at once outside
    one). The thread is returned so that a caller that must wait for it (a test) can join it."""
    thread = threading.Thread(target=_in_thread, args=(work,), name=name, daemon=True)
    transaction.on_commit(thread.start)
    return thread


def _in_thread(work: Callable[[], object]) -> None:
    close_old_connections()
    try:
        work()
    finally:
        connections.close_all()  # this thread's connections only: they are per thread


def write_progress(path: Path, phase: str, fraction: float) -> None:
    """Replace the progress file in one step: a reader never sees half a file."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    with os.fdopen(fd, "w") as stream:
        stream.write(json.dumps({"phase": phase, "fraction": round(fraction, 4)}))
    os.replace(temporary, path)


def read_progress(path: Path) -> tuple[dict[str, Any], float | None]:
    """The last progress written and its age in seconds; ({}, None) when there is none yet."""
    try:
        data = json.loads(path.read_text())
        age = timezone.now().timestamp() - path.stat().st_mtime
    except (OSError, ValueError):
        return {}, None
    return data, age


def job_progress(path: Path, *, silent_since: datetime | None, active: bool) -> dict[str, Any]:
    """{"phase": ..., "fraction": 0..1, "stale": bool} for a job's progress bar, as its file last
    said ("waiting" before it has said anything). An active job is stale when nothing has been
    heard from it for STALE_SECONDS: by its file's age, or before there is a file, since
    `silent_since` (not at all when that is None)."""
    data, age = read_progress(path)
    if age is None:
        data = {"phase": "waiting", "fraction": 0.0}
        age = 0.0 if silent_since is None else (timezone.now() - silent_since).total_seconds()
    return {
        "phase": str(data.get("phase", "waiting")),
        "fraction": float(data.get("fraction", 0.0)),
        "stale": active and age > STALE_SECONDS,
    }
