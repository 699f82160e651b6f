"""Checks every upload passes before anything reads it: size and type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Both name the file: a form may take several at once.
ERR_TOO_LARGE = gettext_noop("文件超过 %(mb)d MB 上限（%(name)s）")
ERR_TYPE = gettext_noop("不支持的文件类型“%(ext)s”（%(name)s），允许：%(allowed)s")

EVIDENCE_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".jpg",
    ".jpeg",
    ".png",
    ".txt",
    ".zip",
}


class UploadRejected(Exception):
    def __init__(self, message: str) -> None:
        self.errors = [message]
        super().__init__(message)


def check_upload(upload: Any, *, extensions: set[str], max_bytes: int | None = None) -> None:
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise UploadRejected(
            _(ERR_TOO_LARGE) % {"mb": limit // (1024 * 1024), "name": Path(upload.name).name}
        )
    ext = Path(upload.name).suffix.lower()
    if ext not in extensions:
        raise UploadRejected(
            _(ERR_TYPE)
            % {
                "ext": ext or upload.name,
                "name": Path(upload.name).name,
                "allowed": "、".join(sorted(extensions)),
            }
        )
