"""The apps' English catalogues agree with one another.

Django merges every app's catalogue into one; when two apps translate the same Chinese text
differently, one of them silently wins on every page. Texts whose meaning really differs carry
a context (pgettext), which gives them a key of their own.
"""

from __future__ import annotations

import gettext
from collections import defaultdict
from pathlib import Path

import yinling

APPS = Path(yinling.__file__).parent


def _catalogues() -> dict[str, dict[str, str]]:
    catalogues = {}
    for path in sorted(APPS.glob("*/locale/en/LC_MESSAGES/django.mo")):
        with path.open("rb") as stream:
            catalogue = gettext.GNUTranslations(stream)._catalog  # type: ignore[attr-defined]
        catalogues[path.parents[3].name] = {k: v for k, v in catalogue.items() if k}
    return catalogues


def test_every_app_has_an_english_catalogue() -> None:
    assert set(_catalogues()) >= {"core", "plans", "programmes", "evaluation"}


def test_a_text_shared_by_two_apps_has_one_english_translation() -> None:
    translations: dict[str, dict[str, str]] = defaultdict(dict)
    for app, catalogue in _catalogues().items():
        for msgid, msgstr in catalogue.items():
            translations[msgid][app] = msgstr
    disagreements = {
        msgid: by_app for msgid, by_app in translations.items() if len(set(by_app.values())) > 1
    }
    assert disagreements == {}
