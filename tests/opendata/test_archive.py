import filecmp
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from datacon.demo.loader import demo_load
from datacon.opendata.archive import archive_edition
from datacon.program.models import Material
from tests import factories as core
from tests.memoria.factories import seeded_edition

pytestmark = pytest.mark.django_db
LINK_RE = re.compile(r'(?:href|src)="([^"]*)"')


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_archive_twice_gives_byte_identical_folders_with_pages_memoria_data_and_catalog(tmp_path):
    """One archive of the demo's 2021 written by the function, a second by the command:
    the same bytes, and every part of an edition in them (one test: each archive of
    2021 renders its pages and its memoria PDF, seconds each)."""
    demo_load(with_demo_users=False)
    report = archive_edition(slug="2021", folder=tmp_path / "a")
    call_command("archive_edition", "2021", str(tmp_path / "b"))
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert list(first) == list(second)
    assert first == second
    assert filecmp.dircmp(tmp_path / "a", tmp_path / "b").diff_files == []
    files = set(first)
    for expected in (
        "index.html",
        "LEEME.txt",
        "ediciones/2021/index.html",
        "ediciones/2021/programa/index.html",
        "ediciones/2021/sesiones/S0207/index.html",
        "ediciones/2021/memoria/index.html",
        "ediciones/2021/memoria.pdf",
        "ediciones/2021/datos/index.html",
        "ediciones/2021/datos/datapackage.json",
        "ediciones/2021/datos/datos-abiertos.zip",
        "ediciones/2021/datos/conferencia/sesiones.csv",
        "ediciones/2021/schedule.xml",
        "ediciones/2021/schedule.json",
        "ediciones/2021/calendario.ics",
        "datos/catalogo.ttl",
        "datos/catalogo.jsonld",
        "datos/conjuntos/sesiones/index.html",
        "organizaciones/inai/index.html",
    ):
        assert expected in files, expected
    assert report.skipped == []
    assert any(f.startswith("static/public/site") and f.endswith(".css") for f in files)


def test_archive_links_are_relative_and_resolve_on_disk(tmp_path):
    edition = seeded_edition(sessions=3)
    folder = tmp_path / "arch"
    archive_edition(slug=edition.slug, folder=folder)
    broken = []
    for page in folder.rglob("*.html"):
        for link in LINK_RE.findall(page.read_text()):
            if link.startswith(("http://", "https://", "mailto:", "#")):
                continue
            assert not link.startswith("/"), (page, link)
            target = (page.parent / link.split("#")[0]).resolve()
            if not target.is_file():
                broken.append((page.relative_to(folder).as_posix(), link))
    assert broken == []
    people = list((folder / "personas").iterdir())
    assert len(people) == 6


def test_archive_survives_missing_material_file(tmp_path):
    edition = seeded_edition(sessions=1)
    Material.objects.create(
        session=edition.sessions.first(), kind="document", file="materials/2031/perdido.pdf"
    )
    report = archive_edition(slug=edition.slug, folder=tmp_path / "arch")
    assert report.skipped == ["/media/materials/2031/perdido.pdf: el archivo no existe"]
    assert (tmp_path / "arch" / "ediciones" / edition.slug / "memoria.pdf").is_file()


def test_archive_copies_uploaded_material_files(tmp_path, settings):
    edition = seeded_edition(sessions=1)
    stored = settings.MEDIA_ROOT / "materials" / "2031" / "presentacion.pdf"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"%PDF-1.4 presentacion")
    Material.objects.create(
        session=edition.sessions.first(), kind="slides", file="materials/2031/presentacion.pdf"
    )
    archive_edition(slug=edition.slug, folder=tmp_path / "arch")
    assert (
        tmp_path / "arch" / "media" / "materials" / "2031" / "presentacion.pdf"
    ).read_bytes() == b"%PDF-1.4 presentacion"


def test_archive_of_unpublished_edition_is_refused(tmp_path):
    edition = core.EditionFactory(status="draft")
    with pytest.raises(CommandError, match="No hay una edición publicada"):
        call_command("archive_edition", edition.slug, str(tmp_path / "x"))


def test_archive_refuses_a_folder_with_foreign_files(tmp_path):
    edition = seeded_edition(sessions=1)
    (tmp_path / "mis-documentos.txt").write_text("no borrar")
    with pytest.raises(CommandError, match="ya tiene archivos"):
        call_command("archive_edition", edition.slug, str(tmp_path))
    assert (tmp_path / "mis-documentos.txt").read_text() == "no borrar"


def test_archive_download_in_back_office(organiser_client):
    import io
    import zipfile

    edition = seeded_edition(sessions=1)
    response = organiser_client.get(f"/gestion/datos/{edition.slug}/archivo.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"datacon-{edition.slug}-archivo/ediciones/{edition.slug}/memoria/index.html" in names
