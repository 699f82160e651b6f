"""The numbering tokens of Chinese official documents, recognised at a paragraph's start.

GB/T 9704 sets the order 一、 / （一） / 1. / （1）, and documents add ① and 第一章 /
第一条. This module only says what a token is; which level it stands for is decided by
the order tokens appear in (see ``outline``), because real documents skip or swap levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yinling.policytext.numerals import chinese_to_int, int_to_chinese

CN_NUMERAL = "一二三四五六七八九十"

# Styles, named by how they are written.
CHAPTER = "chapter"  # 第一章 / 第一部分 / 第一篇
SECTION = "section"  # 第一节
ARTICLE = "article"  # 第一条
CN = "cn"  # 一、
CN_PAREN = "cn_paren"  # （一）
NUM = "num"  # 1. 1． 1、
NUM_PAREN = "num_paren"  # （1） ⑴
NUM_HALF_PAREN = "num_half_paren"  # 1）
CIRCLED = "circled"  # ①
DECIMAL = "decimal"  # 1.1 / 1.1.1 (outlines of indicators and standards): "decimal2" / "decimal3"
ROW = "row"  # an unnumbered table row, numbered by its position

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"

# A digit after the mark makes a decimal ("1.5万人"), unless a year begins there:
# "4．2024年底前，…" is item 4.
_TOKEN = re.compile(
    rf"""^(?:
      第(?P<ordinal>[{CN_NUMERAL}百零〇两\d]{{1,4}})\s*(?P<kind>章|部分|篇|节|条)
     |(?P<cn>[{CN_NUMERAL}]{{1,3}})\s*[、．.](?!\d(?!\d{{3}}\s*年))
     |[（(]\s*(?P<cn_paren>[{CN_NUMERAL}]{{1,3}})\s*[）)]
     |[（(]\s*(?P<num_paren>\d{{1,3}})\s*[）)]
     |(?P<dec>\d{{1,2}}(?:[.．]\d{{1,2}}){{1,2}})(?![\d.．%])
     |(?P<num>\d{{1,3}})\s*[.．、](?!\d(?!\d{{3}}\s*年))
     |(?P<num_half_paren>\d{{1,3}})[）)]
     |(?P<circled>[{_CIRCLED}])
     |(?P<paren_digit>[{_PAREN_DIGITS}])
     |(?P<dot_digit>[{_DOT_DIGITS}])
    )[ \t]*""",
    re.VERBOSE,
)
# "一、二年级学生" begins a sentence about grades, not item one.
_GRADE_LIST = re.compile(rf"^[{CN_NUMERAL}]+(?:、|年级|至|到)")
# "1.5万人参加", "2.5小时": a decimal amount, not the outline number 1.1.
_AMOUNT_AFTER_DECIMAL = re.compile(
    r"[万亿千百倍个所名人元门节项家次岁年月天周]|课时|学时|小时|分钟|平方米|公里|米"
)
_DECIMAL_CELL = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,2}$")
_BARE_NUMBER = re.compile(rf"^(?:(?P<digits>\d{{1,3}})|(?P<cn>[{CN_NUMERAL}]{{1,3}}))[.．、]?$")


@dataclass(frozen=True, slots=True)
class Numbering:
    """A recognised numbering token: its style, value, path label and the text after it."""

    style: str
    value: int
    label: str
    display: str
    rest: str


def _chapter(match: re.Match[str], rest: str) -> Numbering | None:
    ordinal, kind = match.group("ordinal"), match.group("kind")
    value = int(ordinal) if ordinal.isdigit() else chinese_to_int(ordinal)
    if value is None:
        return None
    style = {"条": ARTICLE, "节": SECTION}.get(kind, CHAPTER)
    label = f"第{ordinal}{kind}"
    return Numbering(style, value, label, label, rest)


def _decimal(token: str, space: str, rest: str) -> Numbering | None:
    if not space and (not rest or _AMOUNT_AFTER_DECIMAL.match(rest)):
        return None
    parts = token.replace("．", ".").split(".")
    if any(part.startswith("0") for part in parts):
        return None
    label = ".".join(parts)
    return Numbering(f"{DECIMAL}{len(parts)}", int(parts[-1]), label, label, rest)


def _make(style: str, value: int, rest: str) -> Numbering:
    label, display = labels_for(style, value)
    return Numbering(style, value, label, display, rest)


@lru_cache(maxsize=512)
def labels_for(style: str, value: int) -> tuple[str, str]:
    """(path label, printed form) for a style and value: ("（六）", "（六）"), ("5", "5.")."""
    if style == CN:
        return int_to_chinese(value), f"{int_to_chinese(value)}、"
    if style == CN_PAREN:
        text = f"（{int_to_chinese(value)}）"
        return text, text
    if style == NUM_PAREN:
        return f"（{value}）", f"（{value}）"
    if style == NUM_HALF_PAREN:
        return f"{value}）", f"{value}）"
    if style == CIRCLED:
        return _CIRCLED[value - 1], _CIRCLED[value - 1]
    return str(value), f"{value}."


@lru_cache(maxsize=256)  # lines are looked at several times in a row while paragraphs form
def match_numbering(text: str) -> Numbering | None:
    """The numbering token that opens ``text``, or None.

    >>> match_numbering("（六）推动教育基本建设").label
    '（六）'
    """
    match = _TOKEN.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if match.group("ordinal"):
        return _chapter(match, rest)
    if match.group("dec"):
        return _decimal(match.group("dec"), text[match.end("dec") : match.end()], rest)
    for style in (CN, CN_PAREN):
        numeral = match.group(style)
        if numeral:
            value = chinese_to_int(numeral)
            if value is None or (style == CN and _GRADE_LIST.match(rest)):
                return None
            return _make(style, value, rest)
    for style in (NUM_PAREN, NUM, NUM_HALF_PAREN):
        if match.group(style):
            return _make(style, int(match.group(style)), rest)
    if match.group("circled"):
        return _make(CIRCLED, _CIRCLED.index(match.group("circled")) + 1, rest)
    if match.group("paren_digit"):
        return _make(NUM_PAREN, _PAREN_DIGITS.index(match.group("paren_digit")) + 1, rest)
    return _make(NUM, _DOT_DIGITS.index(match.group("dot_digit")) + 1, rest)


def match_cell_number(cell: str) -> Numbering | None:
    """The number in a table's 序号 cell, which is often bare: "1", "一", "（一）"."""
    cell = cell.strip()
    numbering = match_numbering(cell)
    if numbering is not None and not numbering.rest:
        return numbering
    if _DECIMAL_CELL.match(cell):
        return _decimal(cell, " ", "")  # a sub-row "1.2" of a task table
    bare = _BARE_NUMBER.match(cell)
    if bare is None:
        return None
    if bare.group("digits"):
        return _make(NUM, int(bare.group("digits")), "")
    value = chinese_to_int(bare.group("cn"))
    return None if value is None else _make(CN, value, "")
