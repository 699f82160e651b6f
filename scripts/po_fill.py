"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: translation}.

Usage: python scripts/po_fill.py path/to/django.po translations.json
Entries already translated are kept; untranslated ones not in the dictionary are listed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(r'(msgid ((?:".*"\n)+))msgstr ""\n(?!")', re.M)


def _unquote(block: str) -> str:
    return (
        "".join(re.findall(r'"(.*)"', block))
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode()
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(po_path: Path, translations: dict[str, str]) -> list[str]:
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        msgid = _unquote(match.group(2))
        if not msgid:
            return match.group(0)
        if msgid in translations:
            return f"{match.group(1)}msgstr {_quote(translations[msgid])}\n"
        missing.append(msgid)
        return match.group(0)

    text = po_path.read_text(encoding="utf-8")
    po_path.write_text(ENTRY.sub(replace, text).replace("#, fuzzy\n", "", 1), encoding="utf-8")
    return missing


if __name__ == "__main__":
    missing = fill(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    for msgid in missing:
        print(f"untranslated: {msgid}")
