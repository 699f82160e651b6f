"""Numbers written the Chinese way: 十, 二十五, 两, 一百零五, 二〇二三, 百分之九十."""

from __future__ import annotations

import re

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral, or None when ``text`` is not one.

    A run of bare digits without units is read positionally ("二〇二三" -> 2023), which is
    how years are written; otherwise units multiply as usual ("二十五" -> 25).
    """
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            # A bare unit means one of it: 十 is ten, 十五 is fifteen.
            section += (digit or 1) * CN_SMALL_UNITS[ch]
            digit = 0
        else:
            section += digit
            total += (section or 1) * CN_BIG_UNITS[ch]
            section = digit = 0
    return total + section + digit


def parse_number(text: str) -> float | None:
    """Arabic ("12", "2.5", "１２") or Chinese ("十二", "三点五") number as a float."""
    text = text.strip().translate(_FULL_WIDTH_DIGITS)
    if _ARABIC.fullmatch(text):
        return float(text)
    if "点" in text:
        whole, _, fraction = text.partition("点")
        whole_value = chinese_to_int(whole) if whole else 0
        if whole_value is None or not fraction or any(ch not in CN_DIGITS for ch in fraction):
            return None
        return float(f"{whole_value}.{''.join(str(CN_DIGITS[ch]) for ch in fraction)}")
    value = chinese_to_int(text)
    return None if value is None else float(value)


def int_to_chinese(value: int) -> str:
    """Chinese numeral for 0 <= value < 10000, as written in document numbering (十一, 二十)."""
    if not 0 <= value < 10_000:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "零"
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    pending_zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit_value)
        if digit:
            if pending_zero and parts:
                parts.append("零")
            parts.append(digits[digit] + unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    text = "".join(parts)
    # Ten to nineteen drop the leading one: 十一, not 一十一.
    return text[1:] if text.startswith("一十") else text
