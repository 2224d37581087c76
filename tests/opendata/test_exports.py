import csv
import io
import json
import zipfile

import frictionless
import pytest

from datacon.opendata.registry import _REGISTRY, Column, Dataset, dataset_register
from tests import factories as core
from tests.memoria.factories import seeded_edition

pytestmark = pytest.mark.django_db


def _unzip(content: bytes, target) -> None:  # type: ignore[no-untyped-def]
    zipfile.ZipFile(io.BytesIO(content)).extractall(target)


def test_csv_is_utf8_with_bom_crlf_and_header(demo, client):
    response = client.get("/ediciones/2021/datos/conferencia/sesiones.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["ETag"] and response["Last-Modified"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbfedicion,codigo,titulo,")
    assert b"\r\n" in content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 17
    assert rows[0]["codigo"] == "S0101"
    assert rows[0]["inicio"] == "2021-05-11T10:30:00-05:00"
    assert rows[0]["tipo_nombre"] == "Ceremonia"


def test_json_has_metadata_and_same_records_as_csv(demo, client):
    document = json.loads(client.get("/ediciones/2021/datos/conferencia/sesiones.json").content)
    assert document["conjunto"] == "sesiones"
    assert document["licencia"] == "CC-BY-4.0"
    assert [field["nombre"] for field in document["campos"]][:3] == ["edicion", "codigo", "titulo"]
    assert [r["codigo"] for r in document["registros"]][:3] == ["S0101", "S0102", "S0103"]


def test_edition_data_package_passes_frictionless(demo, client, tmp_path):
    _unzip(client.get("/ediciones/2021/datos/datos-abiertos.zip").content, tmp_path)
    report = frictionless.validate(str(tmp_path / "datacon-2021" / "datapackage.json"))
    assert report.flatten(["type", "note"]) == []
    assert report.valid is True


def test_seeded_edition_data_package_with_people_passes_frictionless(client, tmp_path):
    edition = seeded_edition(sessions=4)
    _unzip(client.get(f"/ediciones/{edition.slug}/datos/datos-abiertos.zip").content, tmp_path)
    report = frictionless.validate(str(tmp_path / f"datacon-{edition.slug}" / "datapackage.json"))
    assert report.flatten(["type", "note"]) == []


def test_whole_platform_package_passes_frictionless(demo, client, tmp_path):
    seeded_edition(sessions=2)
    _unzip(client.get("/datos/datacon-datos-abiertos.zip").content, tmp_path)
    report = frictionless.validate(str(tmp_path / "datacon" / "datapackage.json"))
    assert report.flatten(["type", "note"]) == []


def test_datapackage_describes_licence_sources_and_every_resource(demo, client):
    package = json.loads(client.get("/ediciones/2021/datos/datapackage.json").content)
    assert package["name"] == "datacon-2021"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["sources"][0]["path"].endswith("/")
    names = [r["name"] for r in package["resources"]]
    assert names == [
        "ediciones", "sedes", "salas", "tipos-de-sesion", "sesiones", "participaciones", "personas",
        "organizaciones", "organizaciones-por-edicion", "materiales", "cifras",
        "cambios-del-programa", "asistencia", "valoracion", "constancias", "hechos-con-fuente",
        "proyectos-de-reutilizacion",
        "proyectos-conjuntos-usados",
    ]  # fmt: skip
    sessions = next(r for r in package["resources"] if r["name"] == "sesiones")
    assert sessions["path"] == "conferencia/sesiones.csv"
    assert sessions["schema"]["primaryKey"] == ["edicion", "codigo"]


def test_zip_is_deterministic_and_has_readme_of_every_column(demo, client):
    first = client.get("/ediciones/2021/datos/datos-abiertos.zip").content
    from django.core.cache import cache

    cache.clear()
    assert client.get("/ediciones/2021/datos/datos-abiertos.zip").content == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    readme = archive.read("datacon-2021/README.md").decode()
    from datacon.opendata.exporters import datasets_for

    for dataset in datasets_for(None):
        if not dataset.per_edition:
            continue
        for column in dataset.columns:
            assert f"| `{column.name}` | {column.type} |" in readme, (dataset.slug, column.name)


def test_registered_dataset_of_another_capability_appears_everywhere(demo, client, tmp_path):
    def rows(edition):  # type: ignore[no-untyped-def]
        yield {"id": 1, "concepto": "Renta de sala", "monto": 1500.5}

    dataset = Dataset(
        slug="gastos-prueba",
        title="Gastos de prueba",
        description="Conjunto registrado por otra capacidad en una prueba.",
        columns=(
            Column("id", "integer", "Identificador.", required=True),
            Column("concepto", "string", "Concepto."),
            Column("monto", "number", "Monto en pesos."),
        ),
        rows=rows,
        scopes=("policy",),
        theme="policy",
        per_edition=False,
        primary_key=("id",),
    )
    dataset_register(dataset)
    try:
        content = client.get("/datos/datacon-datos-abiertos.zip").content
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        assert "datacon/politica/gastos-prueba.csv" in names
        assert "datacon/politica/gastos-prueba.json" in names
        _unzip(content, tmp_path)
        assert frictionless.validate(str(tmp_path / "datacon" / "datapackage.json")).valid
        readme = (tmp_path / "datacon" / "README.md").read_text()
        assert "| `monto` | number | no | Monto en pesos. |" in readme
        assert client.get("/datos/politica/gastos-prueba.csv").content.decode(
            "utf-8-sig"
        ).splitlines() == [
            "id,concepto,monto",
            "1,Renta de sala,1500.5",
        ]
        assert b"gastos-prueba" in client.get("/datos/catalogo.ttl").content
        assert (
            "gastos-prueba"
            not in client.get("/ediciones/2021/datos/datapackage.json").content.decode()
        )
        api = json.loads(client.get("/api/v1/datasets/").content)
        assert "gastos-prueba" in [d["slug"] for d in api]
        assert client.get("/datos/conjuntos/gastos-prueba/").status_code == 200
    finally:
        _REGISTRY.pop("gastos-prueba", None)


def test_unknown_dataset_or_wrong_folder_answers_404(demo, client):
    assert client.get("/datos/conferencia/no-existe.csv").status_code == 404
    assert client.get("/datos/politica/sesiones.csv").status_code == 404
    assert client.get("/datos/conferencia/sesiones.xls").status_code == 404


EDITION_EXPORTS = [
    "datos/",
    "datos/datapackage.json",
    "datos/datos-abiertos.zip",
    "datos/conferencia/sesiones.csv",
    "datos/conferencia/sesiones.json",
    "schedule.xml",
    "schedule.json",
    "calendario.ics",
    "mi-seleccion/?sesiones=S0101",
    "mi-seleccion.ics?sesiones=S0101",
    "sesiones/S0101/calendario.ics",
    "memoria/",
    "memoria.pdf",
]


@pytest.mark.parametrize("suffix", EDITION_EXPORTS)
def test_unpublished_edition_exports_answer_404(client, suffix):
    edition = core.EditionFactory(status="draft")
    core.SessionFactory(edition=edition, code="S0101")
    assert client.get(f"/ediciones/{edition.slug}/{suffix}").status_code == 404


def test_unpublished_edition_is_absent_from_whole_platform_exports(client):
    draft = core.EditionFactory(status="draft", title="Edición en borrador secreta")
    core.SessionFactory(edition=draft, title="Sesión en borrador secreta")
    seeded_edition(sessions=1)
    for path in (
        "/datos/conferencia/ediciones.csv",
        "/datos/conferencia/sesiones.json",
        "/datos/catalogo.ttl",
    ):
        assert "borrador secreta" not in client.get(path).content.decode("utf-8-sig"), path


def test_draft_session_is_absent_from_edition_exports(client):
    edition = seeded_edition(sessions=2)
    core.SessionFactory(
        edition=edition, code="S0199", title="Sesión borrador oculta", status="draft"
    )
    for path in (
        "datos/conferencia/sesiones.csv",
        "schedule.xml",
        "schedule.json",
        "calendario.ics",
    ):
        assert "borrador oculta" not in client.get(
            f"/ediciones/{edition.slug}/{path}"
        ).content.decode("utf-8-sig")


@pytest.mark.parametrize(
    "suffix",
    [
        "datos/",
        "datos/datapackage.json",
        "datos/datos-abiertos.zip",
        "datos/conferencia/sesiones.csv",
        "datos/conferencia/participaciones.json",
        "datos/conferencia/cifras.csv",
        "schedule.xml",
        "schedule.json",
        "calendario.ics",
        "mi-seleccion/?sesiones=S0101,S0202,S0103,S0104",
        "mi-seleccion.ics?sesiones=S0101,S0202,S0103,S0104",
    ],
)
def test_edition_export_queries_do_not_grow_with_sessions(client, count_queries, suffix):
    small = seeded_edition(sessions=2, year=2040)
    large = seeded_edition(sessions=9, year=2041)
    counts = []
    for edition in (small, large):
        from django.core.cache import cache

        cache.clear()
        counts.append(count_queries(lambda e=edition: client.get(f"/ediciones/{e.slug}/{suffix}")))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "path",
    [
        "/datos/",
        "/datos/conferencia/sesiones.csv",
        "/datos/datapackage.json",
        "/datos/catalogo.ttl",
        "/datos/conjuntos/sesiones/",
    ],
)
def test_whole_platform_export_queries_do_not_grow_with_sessions(client, count_queries, path):
    edition = seeded_edition(sessions=2, year=2040)
    first = count_queries(lambda: client.get(path))
    for index in range(6):
        core.SessionFactory(edition=edition, code=f"S02{20 + index}")
    from django.core.cache import cache

    cache.clear()
    assert count_queries(lambda: client.get(path)) == first


def test_export_answers_304_to_matching_etag(demo, client):
    first = client.get("/ediciones/2021/datos/conferencia/sesiones.csv")
    again = client.get(
        "/ediciones/2021/datos/conferencia/sesiones.csv", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_data_pages_render_dictionary(demo, client):
    html = client.get("/datos/conjuntos/sesiones/").content.decode()
    assert "<code>codigo</code>" in html
    assert "Código de la sesión, único en la edición" in html
    page = client.get("/ediciones/2021/datos/").content.decode()
    assert "schedule.xml" in page and "datapackage.json" in page
