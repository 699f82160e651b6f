"""Document metadata: issuer, document number, title and date.

The title is the first block of short lines after the red head ("…文件") and the number;
the date is the signature date of the body, else the printing date (…印发), else any
signature date, else a "发文日期：" line of a website's copy. The issuer is read from the title ("XX关于…", which names joint issuers),
else the red head, else the signature above the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yinling.policytext.closing import ORG_SUFFIX, is_organisation_line
from yinling.policytext.dates import parse_date_line
from yinling.policytext.model import PolicyDate
from yinling.policytext.parts import RawPart, take_title

_RED_HEAD = re.compile(r"^(?P<issuer>[^\s，。：:]{2,30}?)\s*文\s*件$")
DOC_NUMBER = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*(?P<year>(?:19|20)\d{2})\s*"
    r"[〕\]］】)）]\s*第?\s*(?P<n>\d{1,5})\s*号"
)
_HEADER_NOISE = re.compile(
    r"^(?:签发人|签发|密级|紧急程度|特急|加急|平急|急件|★|机密|秘密|绝密|公开方式|主动公开|依申请公开|不予公开|[（(]?此件)"
)
# "文号：宝教〔2023〕70号", "发文日期：2025-06-13": key–value lines of a government website's
# copy of a document. Other keys (索引号, 发布机构, 当前位置 …) are skipped as noise.
_KEY_VALUE = re.compile(r"^(?P<key>[\u4e00-\u9fff]{2,8})\s*[:：]\s*(?P<value>.*)$")
_NUMBER_FIELD = re.compile(r"(?:文号|发文字号|发文号)\s*[:：]\s*")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_DATE_KEYS = ("成文日期", "发文日期", "印发日期")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[-—–－~～至到]\s*((?:19|20)\d{2})\s*年")
# "2023年下半年工作补充意见", "2024年闵行区…实施方案", "关于做好2024年招生工作的通知": a year
# that is no date (2023年12月) and no end of a range names the plan's year.
_YEAR_PLAN = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*(?:\d|[-—–－~～至到]))")
_FIVE_YEAR_PLANS = {"十四五": 2025, "十五五": 2030}
HEADER_SCAN_LINES = 12
SIGNATURE_LINES = 3
MAX_JOINT_ISSUERS = 4


@dataclass(frozen=True, slots=True)
class Header:
    red_head: str | None
    doc_number: str | None
    title: str | None
    rest: list[str]


def read_doc_number(line: str) -> str | None:
    """ "闵委发〔2023〕6号" from a line that opens with a document number, in any bracket style."""
    match = DOC_NUMBER.match(line)
    if match is None:
        return None
    return f"{match.group('prefix')}〔{match.group('year')}〕{int(match.group('n'))}号"


def _joint_red_head(lines: list[str], index: int) -> tuple[str, int] | None:
    """A red head of joint issuers, one per line, the last ending on 文件 (or 文件 alone)."""
    names: list[str] = []
    position = index
    while position < len(lines) and len(names) <= MAX_JOINT_ISSUERS:
        line = lines[position]
        position += 1
        if not line:
            continue
        head = _RED_HEAD.match(line)
        if names and (head or line == "文件"):
            return "、".join([*names, head.group("issuer")] if head else names), position
        if not is_organisation_line(line):
            return None
        names.append(line)
    return None


def read_header(lines: list[str]) -> Header:
    """Red head, document number and title at the top of the body, and the lines after."""
    red_head = doc_number = None
    index = 0
    joint = _joint_red_head(lines, 0)
    if joint is not None:
        red_head, index = joint
    while index < min(len(lines), HEADER_SCAN_LINES):
        line = lines[index]
        head = _RED_HEAD.match(line) if line and "关于" not in line else None
        key_value = _KEY_VALUE.match(line) if line else None
        if head and red_head is None and doc_number is None:
            red_head = head.group("issuer")
        elif red_head is None and doc_number is None and _head_without_wenjian(lines, index):
            red_head = line
        elif line and read_doc_number(line):
            doc_number = doc_number or read_doc_number(line)
        elif key_value:
            doc_number = doc_number or read_doc_number(key_value.group("value"))
        elif line and not _HEADER_NOISE.match(line):
            break
        index += 1
    title, rest = take_title(lines[index:])
    if doc_number is None:
        doc_number = _number_field(lines[:index] + rest[:HEADER_SCAN_LINES])
    return Header(red_head, doc_number, title, rest)


def _head_without_wenjian(lines: list[str], index: int) -> bool:
    """A red head that omits 文件 ("宝山区教育局"): an organisation's name on its own line,
    directly above the document number."""
    line = lines[index]
    if not line or "关于" in line or not is_organisation_line(line):
        return False
    following = next((other for other in lines[index + 1 : index + 3] if other), "")
    return read_doc_number(following) is not None


def _number_field(lines: list[str]) -> str | None:
    """The number in a "文号：" field, which a website may put anywhere on a line of fields
    ("索引号：…　文号：静教〔2023〕21号"), before or after the title."""
    for line in lines:
        field = _NUMBER_FIELD.search(line) if "号" in line else None
        if field:
            found = read_doc_number(line[field.end() :])
            if found:
                return found
    return None


def _signature_before(lines: list[str], index: int) -> list[str]:
    names: list[str] = []
    for line in reversed(lines[max(0, index - 2 * SIGNATURE_LINES) : index]):
        if not line:
            continue
        if not is_organisation_line(line) or len(names) == SIGNATURE_LINES:
            break
        names.insert(0, line)
    return names


@dataclass(frozen=True, slots=True)
class Dating:
    date: PolicyDate | None
    signature: list[str]


def find_dating(parts: list[RawPart]) -> Dating:
    """The document date and the signature above it (see the module docstring for the order)."""
    signed: list[tuple[int, PolicyDate, list[str]]] = []
    printed: list[PolicyDate] = []
    for part_index, part in enumerate(parts):
        for index, line in enumerate(part.lines):
            parsed = parse_date_line(line) if line else None
            if parsed is None:
                continue
            date, is_printing_date = parsed
            if is_printing_date:
                printed.append(date)
            else:
                signed.append((part_index, date, _signature_before(part.lines, index)))
    in_body = [entry for entry in signed if entry[0] == 0]
    if in_body:
        return Dating(in_body[0][1], in_body[0][2])
    if printed:
        return Dating(printed[0], signed[0][2] if signed else [])
    if signed:
        return Dating(signed[0][1], signed[0][2])
    return Dating(_keyed_date(parts[0].lines if parts else []), [])


def _keyed_date(lines: list[str]) -> PolicyDate | None:
    """The date of a "发文日期：2025-06-13" line at the head of a website's copy."""
    for line in lines[:HEADER_SCAN_LINES]:
        key_value = _KEY_VALUE.match(line)
        if key_value and key_value.group("key") in _DATE_KEYS:
            found = _ISO_DATE.search(key_value.group("value"))
            if found:
                year, month, day = map(int, found.groups())
                return PolicyDate(year, month, day)
    return None


def find_issuer(title: str | None, red_head: str | None, signature: list[str]) -> str | None:
    """Who issued the document; joint issuers are joined with "、"."""
    if title and "关于" in title:
        names = title.split("关于", 1)[0].split()
        if names and all(ORG_SUFFIX.search(name) for name in names):
            return "、".join(names)
    if red_head:
        return red_head.replace(" ", "")
    if signature:
        return "、".join(signature)
    return None


def period_end_year(title: str | None) -> int | None:
    """The year a plan's title runs to: "（2015—2017年）" -> 2017, "2023年下半年" -> 2023,
    "2024年闵行区…实施方案" -> 2024, "“十四五”规划" -> 2025."""
    if not title:
        return None
    period = _PERIOD.search(title)
    if period:
        return int(period.group(2))
    for plan, end in _FIVE_YEAR_PLANS.items():
        if plan in title:
            return end  # "某区教育发展“十四五”规划": the plan runs to 2025
    plan = _YEAR_PLAN.search(title)
    return int(plan.group(1)) if plan else None
