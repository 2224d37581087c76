#!/usr/bin/env python3
"""Refresh the English catalogue after changing user-facing text, then compile it.

    python3 scripts/messages.py          # makemessages + list what still needs English + compile

Needs GNU gettext (Debian: apt-get install gettext). Messages are written in
Spanish in the code; translate each new entry in
datacon/locale/en/LC_MESSAGES/django.po (tests fail on an empty or fuzzy one).
"""

from __future__ import annotations

import subprocess
import sys

from _bootstrap import ROOT, ensure_venv, manage

CATALOGUE = ROOT / "datacon" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def main() -> None:
    ensure_venv("test,dev")
    manage(
        "makemessages",
        "-l",
        "en",
        "--add-location=file",
        "--no-obsolete",
        "-i",
        ".venv/*",
        "-i",
        "var/*",
        "-i",
        "tests/*",
        "-i",
        "bench/*",
        "-i",
        "build/*",
    )
    pending = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries = [block for block in pending.split("\n\n") if "msgid" in block][1:]
    if entries:
        print(f"{len(entries)} mensajes sin traducir al inglés:")
        print("\n\n".join(entries))
    manage("compilemessages", "-l", "en", "--ignore", ".venv")
    sys.exit(1 if entries else 0)


if __name__ == "__main__":
    main()
