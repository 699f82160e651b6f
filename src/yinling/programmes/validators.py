"""Shape checks shared by forms, services and the import: telephone numbers."""

from __future__ import annotations

import re

# A mobile number: 11 digits starting 13-19, optionally +86 / 86, spaces or hyphens allowed.
MOBILE = re.compile(r"^(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$")
# A landline: an optional area code (0 + 2 or 3 digits, in brackets or not), a 7- or 8-digit
# number not starting with 0 or 1, and an optional extension (-801, 转801, 分机801, ext 801).
LANDLINE = re.compile(
    r"^(?:[(（]?0\d{2,3}[)）]?[\s-]?)?[2-9]\d{2,3}[\s-]?\d{4}"
    r"(?:\s*(?:-|转|分机|ext\.?|#)\s*\d{1,6})?$",
    re.IGNORECASE,
)


def is_mainland_phone(value: str) -> bool:
    """A mainland China mobile or landline number, as people write them on forms."""
    value = value.strip()
    return bool(MOBILE.match(value) or LANDLINE.match(value))
