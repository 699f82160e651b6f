"""Reading an app's English catalogue (its .po file) in tests: which messages it translates,
and which of them a template uses, as the page would show them untranslated."""

from __future__ import annotations

import re
from pathlib import Path

import yinling

APPS = Path(yinling.__file__).parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def english_catalogue(app: str) -> Path:
    return APPS / app / "locale/en/LC_MESSAGES/django.po"


def entries(catalogue: Path) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every live entry of the catalogue."""
    found = []
    for entry in catalogue.read_text(encoding="utf-8").split("\n\n")[1:]:
        if entry.startswith("#~"):
            continue  # obsolete
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.M)
        if msgid is None:
            continue
        text = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        found.append(
            (text, ["".join(re.findall(r'"(.*)"', s)) for s in strings], "#, fuzzy" in entry)
        )
    return found


def msgids_of(catalogue: Path, template: str, *, chinese_only: bool = False) -> list[str]:
    """The catalogue's msgids used by one template, as the page would show them untranslated.
    Those with placeholders are left out (they are filled in on the page); so, with
    `chinese_only`, is punctuation alone (、), which also occurs in data."""
    found = []
    for entry in catalogue.read_text(encoding="utf-8").split("\n\n"):
        if f"templates/{template}:" not in entry:
            continue
        match = re.search(r'^msgid ((?:".*"\n)+)', entry + "\n", re.M)
        msgid = "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""
        if not msgid or "%(" in msgid or (chinese_only and not CHINESE.search(msgid)):
            continue
        found.append(msgid.replace("%%", "%").replace('\\"', '"'))
    return found
