"""What surrounds a document's text without being part of it: running headers and footers
between PDF pages, and the navigation, tools and footer of a web page the text was copied
from.

* A running header repeats a short line (the issuer, the gazette's name) next to every page
  number. A line that stands next to at least two page numbers, on the same side each time,
  is furniture wherever it stands next to one; elsewhere (a signature) it stays.
* A web page adds a breadcrumb (首页 > 政务公开 > …), tools (【字体：大 中 小】 打印本页
  关闭窗口, 分享到, 扫一扫…), a footer (版权所有, ICP备…) and a list of related links
  (相关文件：…) between the text and the footer. Those lines go.
"""

from __future__ import annotations

import re

# Lines next to page numbers are looked at this far (blank lines not counted).
_NEIGHBOUR_REACH = 1
MAX_RUNNING_HEAD = 30
MIN_REPEATS = 2

# Only a text with one of these near its head or tail is looked at line by line.
WEB_CHROME_REACH = 1500
_WEB_HINTS = (
    "打印本页",
    "关闭窗口",
    "字体：",
    "字体:",
    "ICP",
    "当前位置",
    "您的位置",
    "您现在的位置",
    "扫一扫",
    "版权所有",
    "分享到",
    "首页>",
    "首页 >",
    "首页＞",
    "首页 ＞",
    "首页»",
    "首页 »",
)
_BREADCRUMB = re.compile(
    r"^(?:(?:网站)?首页|主页)\s*[>＞»›→/]|^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]"
)
_FOOTER = re.compile(r"版权所有|ICP[备证]|公网安备|网站标识码|网站地图|技术支持\s*[:：]")
# A tool line is nothing but tool names, brackets and separators.
_TOOL = re.compile(
    r"字体\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?"
    r"|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏本页|收藏|分享到\s*[:：]?|分享"
    r"|扫一扫在手机(?:上)?打开当前页|扫一扫|在手机(?:上)?打开当前页|微信|微博|QQ空间"
    r"|[【】\[\]|｜\s:：]"
)
_RELATED = re.compile(
    r"^(?:相关(?:文件|链接|阅读|新闻|政策|附件|稿件|解读)|政策解读|延伸阅读)\s*[:：]?$"
)
RELATED_REACH = 8


def _same_side_neighbours(lines: list[str], breaks: list[int], step: int) -> dict[str, list[int]]:
    """For each line next to a page break (before it for step -1, after it for +1): where."""
    found: dict[str, list[int]] = {}
    for index in breaks:
        position, seen = index + step, 0
        while 0 <= position < len(lines) and seen < _NEIGHBOUR_REACH:
            line = lines[position]
            if line:
                seen += 1
                if len(line) <= MAX_RUNNING_HEAD and "\t" not in line:
                    found.setdefault(line, []).append(position)
            position += step
    return found


def drop_running_heads(lines: list[str], page_breaks: list[int]) -> list[str]:
    """``lines`` without headers and footers repeated next to page numbers (at ``page_breaks``)."""
    if len(page_breaks) < MIN_REPEATS:
        return lines
    doomed: set[int] = set()
    for step in (-1, 1):
        for positions in _same_side_neighbours(lines, page_breaks, step).values():
            if len(positions) >= MIN_REPEATS:
                doomed.update(positions)
    if not doomed:
        return lines
    return ["" if index in doomed else line for index, line in enumerate(lines)]


def might_be_web_page(text: str) -> bool:
    """Whether the text's head or tail, where a web page's chrome sits, has any."""
    ends = text[:WEB_CHROME_REACH] + text[-WEB_CHROME_REACH:]
    return any(hint in ends for hint in _WEB_HINTS)


def is_web_chrome(line: str) -> bool:
    """A breadcrumb, tool or footer line of a web page."""
    if _BREADCRUMB.match(line) or _FOOTER.search(line):
        return True
    return len(line) <= 60 and not _TOOL.sub("", line) and any(ch > "\u3000" for ch in line)


def drop_web_chrome(lines: list[str]) -> list[str]:
    """``lines`` without a web page's navigation, tools, footer and related links."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line and _RELATED.match(line):
            # Related links run from here to the next piece of chrome (the footer).
            end = next(
                (
                    position
                    for position in range(index + 1, min(len(lines), index + RELATED_REACH + 1))
                    if lines[position] and is_web_chrome(lines[position])
                ),
                index + 1,
            )
            index = end
            continue
        if not (line and is_web_chrome(line)):
            kept.append(line)
        index += 1
    return kept
