#!/usr/bin/env python3
"""Fill English translations from a JSON file: {"Spanish msgid": "English text", ...}.

    .venv/bin/python scripts/translate.py my-translations.json

Plural entries take a two-item list: {"Sede": ["Venue", "Venues"]}; an entry
with a context is keyed "context::msgid". Entries
not in the catalogue are reported; run scripts/messages.py first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "datacon/locale/en/LC_MESSAGES/django.po"


def main() -> None:
    mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    catalogue = polib.pofile(str(CATALOGUE), wrapwidth=79)
    by_id = {
        (f"{entry.msgctxt}::{entry.msgid}" if entry.msgctxt else entry.msgid): entry
        for entry in catalogue
    }
    unknown = []
    for msgid, english in mapping.items():
        entry = by_id.get(msgid)
        if entry is None:
            unknown.append(msgid)
            continue
        if entry.msgid_plural:
            singular, plural = english if isinstance(english, list) else (english, english)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = english
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save()
    catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    left = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
    print(f"{len(mapping) - len(unknown)} traducidos; {len(left)} pendientes.")
    for msgid in unknown:
        print(f"  no está en el catálogo: {msgid!r}")


if __name__ == "__main__":
    main()
