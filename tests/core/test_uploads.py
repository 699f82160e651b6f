"""Every upload is checked for size and type before anything reads it; refusals name the file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yinling.core.uploads import UploadRejected, check_upload

MB = 1024 * 1024


def _upload(name: str, size: int = 10) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"x" * size)


def test_a_file_over_the_limit_is_refused_by_name() -> None:
    with pytest.raises(UploadRejected) as refused:
        check_upload(_upload("佐证材料.pdf", MB + 1), extensions={".pdf"}, max_bytes=MB)
    assert refused.value.errors == ["文件超过 1 MB 上限（佐证材料.pdf）"]


def test_a_file_of_another_type_is_refused_by_name_with_the_allowed_types() -> None:
    with pytest.raises(UploadRejected) as refused:
        check_upload(_upload("setup.exe"), extensions={".pdf", ".docx"})
    assert refused.value.errors == ["不支持的文件类型“.exe”（setup.exe），允许：.docx、.pdf"]


def test_a_file_within_the_limit_and_of_an_allowed_type_passes() -> None:
    check_upload(_upload("方案.docx"), extensions={".docx"})
