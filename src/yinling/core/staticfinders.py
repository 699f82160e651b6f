"""Serves the few front-end files the pages use straight from node_modules (npm registry)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class NpmFinder(BaseFinder):
    def _mapping(self) -> dict[str, Path]:
        root = Path(settings.NODE_MODULES_DIR)
        return {url: root / source for url, source in settings.NPM_STATIC_FILES.items()}

    def check(self, **kwargs: Any) -> list[Error]:
        missing = [str(p) for p in self._mapping().values() if not p.exists()]
        if missing:
            return [
                Error(
                    f"front-end files missing, run `npm ci`: {', '.join(missing)}",
                    id="yinling.E001",
                )
            ]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        source = self._mapping().get(path)
        if source is None or not source.exists():
            return [] if find_all else ""
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for url, source in self._mapping().items():
            if source.exists():
                storage = _PrefixedStorage(location=str(source.parent), url_path=url)
                yield source.name, storage


class _PrefixedStorage(FileSystemStorage):
    """Storage whose one file is collected under its public path (vendor/…)."""

    def __init__(self, *, location: str, url_path: str) -> None:
        super().__init__(location=location)
        self.prefix = str(Path(url_path).parent)
