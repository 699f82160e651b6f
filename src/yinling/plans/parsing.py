"""The one place that talks to the policytext engine.

Everything else in the app works on the engine's JSON shape (a plain dict):
``{"title", "doc_number", "issuer", "date", "items": [{"path", "heading", "text", "departments",
"lead_departments", "targets": [{"text", "indicator", "value", "unit", "comparator", "year"}]}]}``
(items may carry more keys, such as "number", "level", "is_leaf", "part", "deadline"; targets
"kind" and "value_max"). Tests hand the services such dicts directly.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

ERR_NO_ITEMS = gettext_noop(
    "未找到编号条目（no numbered items found）：请上传带有“一、”“（一）”“1.”等编号条目的政策文件"
)
ERR_UNREADABLE = gettext_noop(
    "无法读取“%(name)s”：文件已损坏，请用 Word 或 WPS 打开后重新保存再上传"
)
ERR_UNSUPPORTED = gettext_noop(
    "不支持的文件类型：“%(name)s”不是 .txt、.docx 或带文字层的 .pdf 文件"
)
ERR_UNDECODABLE = gettext_noop(
    "无法识别“%(name)s”的文字编码，请另存为 UTF-8 或 GB18030 编码的文本文件，或上传 .docx"
)
ERR_NO_TEXT_LAYER = gettext_noop(
    "“%(name)s”没有文字层（可能是扫描件），请上传原始 Word 文件或带文字的 PDF"
)
ERR_PICTURES_ONLY = gettext_noop(
    "“%(name)s”中只有图片、没有文字（可能是扫描件），请上传原始 Word 文件"
)
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What to do with a file of a kind people often have at hand instead (the engine names them too,
# but in both languages at once).
HINTS = {
    ".doc": gettext_noop("旧版 Word 文件请另存为 .docx 后上传"),
    ".wps": gettext_noop("WPS 文件请另存为 .docx 后上传"),
    ".rtf": gettext_noop("请另存为 .docx 后上传"),
    ".ofd": gettext_noop("OFD 文件请另存为 PDF 后上传"),
    ".ppt": gettext_noop("演示文稿请另存为 PDF 后上传"),
    ".dps": gettext_noop("演示文稿请另存为 PDF 后上传"),
    ".xls": gettext_noop("Excel 任务分解表请用“从任务分解表导入”"),
    ".xlsx": gettext_noop("Excel 任务分解表请用“从任务分解表导入”"),
    ".et": gettext_noop("Excel 任务分解表请用“从任务分解表导入”"),
}

Breakdown = dict[str, Any]


class DocumentRejected(Exception):
    """The document cannot become a task breakdown; the message says why, for the person."""

    def __init__(self, message: str) -> None:
        self.errors = [message]
        super().__init__(message)


def parse_policy(data: bytes, *, filename: str) -> Breakdown:
    """The breakdown of an uploaded policy document (.txt, .docx or .pdf with a text layer)."""
    from yinling.policytext import parse_document
    from yinling.policytext.errors import PolicyParseError

    try:
        breakdown = parse_document(data, filename=filename).to_dict()
    except PolicyParseError as error:
        raise DocumentRejected(_refusal(error, filename, data)) from error
    if not breakdown.get("items"):
        raise DocumentRejected(_(ERR_NO_ITEMS))
    return breakdown


def _refusal(error: Exception, filename: str, data: bytes) -> str:
    """The engine's refusal in the reader's language, naming the file. The engine's own message
    is bilingual and may carry a library's technical detail, so it is not shown as it is."""
    from yinling.policytext.errors import PICTURES_ONLY

    code = getattr(error, "code", "")
    name = {"name": filename}
    if code == "empty" and getattr(error, "detail", None) == PICTURES_ONLY:
        return _(ERR_PICTURES_ONLY) % name
    if code in {"empty", "no_items"}:
        return _(ERR_NO_ITEMS)
    if code == "unsupported_type":
        message = _(ERR_UNSUPPORTED) % name
        # A legacy Word or WPS file (an OLE2 compound file) renamed to .docx is common.
        suffix = ".doc" if data.startswith(OLE2_SIGNATURE) else PurePath(filename).suffix.lower()
        hint = HINTS.get(suffix)
        return (
            _("%(message)s；%(hint)s") % {"message": message, "hint": _(hint)} if hint else message
        )
    if code == "undecodable":
        return _(ERR_UNDECODABLE) % name
    if code == "no_text_layer":
        return _(ERR_NO_TEXT_LAYER) % name
    return _(ERR_UNREADABLE) % name


def run_cli(argv: list[str]) -> int:
    """The engine's own command line (``yinling parse_policy``)."""
    from yinling.policytext.cli import main

    return main(argv)
