"""The one exception the engine raises, with stable, bilingual messages.

Callers (the CLI, the upload view) match on ``code`` rather than on the text, so the
messages may be reworded without breaking anyone; the constants stay importable.
"""

from __future__ import annotations

EMPTY_DOCUMENT = "文档为空 / the document is empty"
NO_ITEMS = "未找到编号条目 / no numbered items found"
UNDECODABLE = "无法识别文本编码（既不是 UTF-8 也不是 GB18030） / cannot decode the text (neither UTF-8 nor GB18030)"
UNSUPPORTED_TYPE = "不支持的文件类型 / unsupported file type"
NO_TEXT_LAYER = "PDF 没有文字层（可能是扫描件） / the PDF has no text layer (a scan?)"
UNREADABLE_FILE = "文件已损坏或无法读取 / the file is damaged or unreadable"
PICTURES_ONLY = "Word 文档中只有图片，没有文字（可能是扫描件） / the Word document holds pictures, no text (a scan?)"


class PolicyParseError(ValueError):
    """A document that cannot be turned into a task breakdown.

    ``code`` is one of: "empty", "no_items", "undecodable", "unsupported_type",
    "no_text_layer", "unreadable".
    """

    def __init__(self, message: str, *, code: str, detail: str | None = None) -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{message}: {detail}" if detail else message)
