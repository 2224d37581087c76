"""The English catalogue is complete: Spanish first, English second, nothing half-done."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "datacon/locale/en/LC_MESSAGES/django.po"


def _keys(catalogue: polib.POFile) -> set[tuple[str, str, str]]:
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        for entry in catalogue
        if not entry.obsolete and entry.msgid
    }


def test_english_catalogue_has_no_empty_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    pending = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert pending == []


def test_english_catalogue_compiled_file_is_current():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))
    compiled_ids = {entry.msgid for entry in compiled}
    assert {e.msgid for e in source.translated_entries()} - compiled_ids == set()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_english_catalogue_lists_exactly_the_messages_in_the_code(tmp_path):
    """A copy of the code is run through makemessages; the committed catalogue must match it.

    If this fails, run `python3 scripts/messages.py` and translate what it lists.
    """
    shutil.copytree(ROOT / "datacon", tmp_path / "datacon")
    shutil.copy2(ROOT / "manage.py", tmp_path / "manage.py")
    committed = CATALOGUE.read_bytes()
    env = {**os.environ, "PYTHONPATH": "", "DJANGO_SETTINGS_MODULE": "datacon.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    assert CATALOGUE.read_bytes() == committed  # only the copy was rewritten
    fresh = _keys(polib.pofile(str(tmp_path / "datacon/locale/en/LC_MESSAGES/django.po")))
    current = _keys(polib.pofile(str(CATALOGUE)))
    missing_from_catalogue = sorted(fresh - current)
    no_longer_in_code = sorted(current - fresh)
    assert (missing_from_catalogue, no_longer_in_code) == ([], [])
