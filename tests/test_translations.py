"""The English catalogue is complete: Spanish first, English second, nothing half-done."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "datacon/locale/en/LC_MESSAGES/django.po"


def test_english_catalogue_has_no_empty_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    pending = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert pending == []


def test_english_catalogue_compiled_file_is_current():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))
    compiled_ids = {entry.msgid for entry in compiled}
    assert {e.msgid for e in source.translated_entries()} - compiled_ids == set()
