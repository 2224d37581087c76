"""Checks for uploaded files: size and real type (by content, not by name).

A file named "slides.pdf" that is really an executable is refused; so is one
over the size limit. Messages are in Spanish and say what is allowed.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# extension -> (media type, magic-byte prefixes; empty tuple means "text")
MATERIAL_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "odp": ("application/vnd.oasis.opendocument.presentation", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "csv": ("text/csv", ()),
    "txt": ("text/plain", ()),
    "zip": ("application/zip", (b"PK\x03\x04",)),
}
IMAGE_TYPES = {key: MATERIAL_TYPES[key] for key in ("png", "jpg", "jpeg")} | {
    "webp": ("image/webp", (b"RIFF",)),
}


def media_type_for(name: str) -> str:
    extension = PurePath(name).suffix.lower().lstrip(".")
    known = MATERIAL_TYPES.get(extension) or IMAGE_TYPES.get(extension)
    return known[0] if known else "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


@deconstructible
class FileCheck:
    """Validator for FileField/ImageField: size limit and content-checked type."""

    def __init__(self, kind: str = "material"):
        self.kind = kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileCheck) and other.kind == self.kind

    def __call__(self, value) -> None:  # type: ignore[no-untyped-def]
        types = IMAGE_TYPES if self.kind == "image" else MATERIAL_TYPES
        limit = (
            settings.DATACON_MAX_IMAGE_BYTES
            if self.kind == "image"
            else settings.DATACON_MAX_MATERIAL_BYTES
        )
        size = getattr(value, "size", 0) or 0
        if size > limit:
            raise ValidationError(
                _("El archivo pesa %(size)s y el máximo permitido es %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        if size == 0:
            raise ValidationError(_("El archivo está vacío."), code="file_empty")
        extension = PurePath(value.name or "").suffix.lower().lstrip(".")
        allowed = ", ".join(sorted(types))
        if extension not in types:
            raise ValidationError(
                _("Tipo de archivo no permitido (.%(ext)s). Tipos aceptados: %(allowed)s.")
                % {"ext": extension or "?", "allowed": allowed},
                code="file_type",
            )
        position = value.tell() if hasattr(value, "tell") else 0
        value.seek(0)
        head = value.read(2048)
        value.seek(position)
        _media_type, signatures = types[extension]
        matches = (
            any(head.startswith(signature) for signature in signatures)
            if signatures
            else _looks_like_text(head)
        )
        if extension == "webp":
            matches = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
        if not matches:
            raise ValidationError(
                _(
                    "El contenido del archivo no corresponde a un .%(ext)s; revise que no esté dañado."
                )
                % {"ext": extension},
                code="file_content",
            )
