"""A self-contained static copy of one edition that outlives the platform.

The body that organised DATACON 2021-2024 no longer exists and its site is
gone. `manage.py archive_edition <edition> <folder>` renders every public page
of an edition through Django's test client (no server, no network): the
edition, its program, every session, the people and organisations involved,
the memoria (page and PDF), the data page with every CSV/JSON, the data
package and ZIP, the schedule files, the calendars and the DCAT catalogue.
Links are rewritten to relative paths ending in index.html, so the folder
works from any static host or straight from disk (file://); the static
assets and uploaded materials it references are copied next to it. Links to
pages outside the archive point to the platform's public address instead.

Deterministic: files are written in sorted order, nothing carries the time
of the run (calendar DTSTAMPs are set to the data's last change), so two runs
on unchanged data give byte-identical folders.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db.models import Exists, OuterRef
from django.test import Client
from django.urls import reverse
from django.utils import translation

from datacon.common.urls import public_base, public_host
from datacon.common.versions import public_versions_read
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_get_public
from datacon.opendata import exporters, schedule
from datacon.program.models import Participation
from datacon.program.people_selectors import persons_public
from datacon.program.selectors import program_sessions

ATTRIBUTE_RE = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>[^"]*)"')
CSS_URL_RE = re.compile(r"url\((?P<quote>['\"]?)(?P<url>[^'\")]+)(?P=quote)\)")
SCRIPT_DROP_RE = re.compile(r'<script src="[^"]*opendata(?:\.[0-9a-f]+)?\.js" defer></script>')
DTSTAMP_RE = re.compile(rb"^DTSTAMP:[0-9TZ]+\r?$", re.MULTILINE)
TEXT_SUFFIXES = (".html",)


@dataclass
class ArchiveReport:
    folder: Path
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # path and why

    @property
    def file_count(self) -> int:
        return len(self.files)


def _file_for(path: str) -> str:
    """/ediciones/2021/ -> ediciones/2021/index.html; /x/y.csv -> x/y.csv"""
    clean = path.lstrip("/")
    if not clean or clean.endswith("/"):
        return clean + "index.html"
    return clean


class _Archiver:
    def __init__(self, edition: Edition, folder: Path) -> None:
        self.edition = edition
        self.folder = folder
        self.public = public_base()
        self.host = public_host()
        self.client = Client(HTTP_HOST=self.host)
        self.pages: dict[str, str] = {}  # URL path -> archive file
        self.outputs: dict[str, bytes] = {}
        self.missing: set[str] = set()
        self.report = ArchiveReport(folder=folder)
        _key, changed = public_versions_read(edition.public_scopes())
        stamp = (changed.strftime("%Y%m%dT%H%M%SZ") if changed else "20000101T000000Z").encode()
        self.dtstamp = b"DTSTAMP:" + stamp

    # --- what to archive -----------------------------------------------------------------
    def plan(self) -> None:
        edition = self.edition
        slug = edition.slug
        paths = [
            reverse("public:edition", kwargs={"edition": slug}),
            reverse("public:program", kwargs={"edition": slug}),
            reverse("public:memoria", kwargs={"edition": slug}),
            reverse("public:memoria_pdf", kwargs={"edition": slug}),
            reverse("public:opendata_edition", kwargs={"edition": slug}),
            reverse("public:opendata_edition_datapackage", kwargs={"edition": slug}),
            reverse("public:opendata_edition_zip", kwargs={"edition": slug}),
            reverse("public:opendata_catalog_file", kwargs={"fmt": "ttl"}),
            reverse("public:opendata_catalog_file", kwargs={"fmt": "jsonld"}),
        ]
        if schedule.schedule_available(edition):
            paths += [
                reverse("public:opendata_schedule_xml", kwargs={"edition": slug}),
                reverse("public:opendata_schedule_json", kwargs={"edition": slug}),
                reverse("public:opendata_edition_ics", kwargs={"edition": slug}),
            ]
        sessions = list(program_sessions(edition=edition))
        for session in sessions:
            paths.append(reverse("public:session", kwargs={"edition": slug, "code": session.code}))
            if session.starts_at and session.ends_at:
                paths.append(
                    reverse(
                        "public:opendata_session_ics",
                        kwargs={"edition": slug, "code": session.code},
                    )
                )
        for dataset in exporters.datasets_for(edition):
            folder = exporters.theme_folder(dataset.theme)
            paths.append(reverse("public:opendata_dataset", kwargs={"dataset": dataset.slug}))
            for fmt in ("csv", "json"):
                paths.append(
                    reverse(
                        "public:opendata_edition_download",
                        kwargs={
                            "edition": slug,
                            "folder": folder,
                            "dataset": dataset.slug,
                            "fmt": fmt,
                        },
                    )
                )
        people = persons_public().filter(
            Exists(
                Participation.objects.public().filter(
                    person=OuterRef("pk"), session__edition=edition
                )
            )
        )
        paths += [
            reverse("public:person", kwargs={"slug": p.slug}) for p in people.order_by("slug")
        ]
        for row in exporters.dataset_for("organizaciones", edition).rows(edition):  # type: ignore[union-attr]
            paths.append(reverse("public:organisation", kwargs={"slug": row["organizacion"]}))
        for path in sorted(set(paths)):
            self.pages[path] = _file_for(path)

    # --- rendering -----------------------------------------------------------------------
    def render(self) -> None:
        for path, target in sorted(self.pages.items()):
            response = self.client.get(path)
            if response.status_code != 200:
                self.report.skipped.append(f"{path}: HTTP {response.status_code}")
                continue
            content = b"".join(response) if response.streaming else response.content
            if target.endswith(".html"):
                content = self.rewrite_html(content.decode("utf-8"), target).encode("utf-8")
            elif target.endswith(".ics"):
                content = DTSTAMP_RE.sub(self.dtstamp, content)
            self.outputs[target] = content

    def rewrite_html(self, html: str, current: str) -> str:
        html = SCRIPT_DROP_RE.sub("", html)  # the personal selection needs the live site

        def replace(match: re.Match[str]) -> str:
            return f'{match.group("attr")}="{self.link(match.group("url"), current)}"'

        return ATTRIBUTE_RE.sub(replace, html)

    def link(self, url: str, current: str) -> str:
        if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            if url:
                return url
            # A form that submits to its own page (the program's filters): the live page.
            folder = posixpath.dirname(current)
            return f"{self.public}/{folder}/" if folder else f"{self.public}/"
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc != urlsplit(self.public).netloc:
            return url  # another site
        path = parts.path
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if not path.startswith("/"):
            return url
        if path.startswith(settings.STATIC_URL):
            target = self.copy_static(path[len(settings.STATIC_URL) :])
            if target:
                return self.relative(current, target) + fragment
        elif path.startswith(settings.MEDIA_URL):
            target = self.copy_media(path[len(settings.MEDIA_URL) :])
            if target:
                return self.relative(current, target) + fragment
        elif path in self.pages and not parts.query:
            return self.relative(current, self.pages[path]) + fragment
        query = f"?{parts.query}" if parts.query else ""
        return self.public + path + query + fragment

    @staticmethod
    def relative(current: str, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(current) or ".")

    # --- assets --------------------------------------------------------------------------
    def copy_static(self, name: str) -> str | None:
        target = f"static/{name}"
        if target in self.outputs:
            return target
        source = self._static_source(name)
        if source is None:
            self.report.skipped.append(f"/static/{name}: no se encontró el archivo")
            return None
        content = source.read_bytes()
        if name.endswith(".css"):
            content = self.rewrite_css(content.decode("utf-8"), name).encode("utf-8")
        self.outputs[target] = content
        return target

    @staticmethod
    def _static_source(name: str) -> Path | None:
        try:
            collected = Path(staticfiles_storage.path(name))
            if collected.is_file():
                return collected
        except NotImplementedError:
            pass
        found = finders.find(name)
        return Path(str(found)) if found else None

    def rewrite_css(self, css: str, name: str) -> str:
        def replace(match: re.Match[str]) -> str:
            url = match.group("url")
            if url.startswith(("data:", "http:", "https:", "#")):
                return match.group(0)
            resolved = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), url))
                if not url.startswith("/")
                else url.removeprefix(settings.STATIC_URL)
            )
            target = self.copy_static(resolved.split("?")[0].split("#")[0])
            if not target:
                return match.group(0)
            return f"url({self.relative('static/' + name, target)})"

        return CSS_URL_RE.sub(replace, css)

    def copy_media(self, name: str) -> str | None:
        """Uploaded materials come along; a missing file keeps its platform address."""
        target = f"media/{name}"
        if target in self.outputs:
            return target
        if target in self.missing:
            return None
        try:
            if not default_storage.exists(name):
                self.missing.add(target)
                self.report.skipped.append(f"/media/{name}: el archivo no existe")
                return None
            with default_storage.open(name, "rb") as handle:
                self.outputs[target] = handle.read()
        except OSError as error:
            self.missing.add(target)
            self.report.skipped.append(f"/media/{name}: {error}")
            return None
        return target

    # --- writing -------------------------------------------------------------------------
    def index(self) -> None:
        start = self.pages[reverse("public:edition", kwargs={"edition": self.edition.slug})]
        memoria = self.pages[reverse("public:memoria", kwargs={"edition": self.edition.slug})]
        data = self.pages[reverse("public:opendata_edition", kwargs={"edition": self.edition.slug})]
        title = self.edition.title
        self.outputs["index.html"] = (
            '<!doctype html>\n<html lang="es-MX">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title} · archivo</title>\n"
            f'<meta http-equiv="refresh" content="0; url={start}">\n'
            "</head>\n<body>\n"
            f"<h1>{title}</h1>\n"
            f'<p><a href="{start}">Entrar al archivo de {title}</a> · <a href="{memoria}">Memoria</a> · '
            f'<a href="{data}">Datos abiertos</a></p>\n'
            "</body>\n</html>\n"
        ).encode()
        pdf = self.pages[reverse("public:memoria_pdf", kwargs={"edition": self.edition.slug})]
        zip_file = self.pages[
            reverse("public:opendata_edition_zip", kwargs={"edition": self.edition.slug})
        ]
        self.outputs["LEEME.txt"] = (
            f"Archivo estático de {title}\n"
            f"{'=' * (22 + len(title))}\n\n"
            "Copia autosuficiente de las páginas públicas, la memoria y los datos abiertos de la\n"
            f"edición, generada por la plataforma DATACON ({self.public}/).\n\n"
            "Ábrala con cualquier navegador desde el disco (index.html) o publíquela tal cual en\n"
            "cualquier servidor de archivos estáticos: no necesita programas del lado del servidor.\n\n"
            f"- Inicio: {start}\n- Memoria: {memoria} (PDF: {pdf})\n- Datos abiertos: {data}\n"
            f"- Todos los datos en un ZIP con su datapackage.json: {zip_file}\n\n"
            "Los enlaces a páginas que no forman parte de este archivo apuntan a la dirección\n"
            "pública de la plataforma. Licencia de los datos y textos: CC BY 4.0.\n"
        ).encode()

    def write(self) -> None:
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        for target in sorted(self.outputs):
            path = self.folder / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.outputs[target])
            self.report.files.append(target)


def archive_edition(*, slug: str, folder: Path) -> ArchiveReport:
    """Write the static archive of a public edition into `folder` (replacing what is there)."""
    edition = edition_get_public(slug=slug)
    with translation.override(settings.LANGUAGE_CODE):
        archiver = _Archiver(edition, folder)
        archiver.plan()
        archiver.render()
        archiver.index()
        archiver.write()
    return archiver.report
