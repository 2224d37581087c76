"""Reading what a test client answered, whatever its form."""

from __future__ import annotations

import io
import zipfile
from typing import Any


def body_text(response: Any) -> str:
    """The answer as text: streamed or not; a ZIP (a data package) as its files' texts."""
    content = b"".join(response) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return str(content.decode())
