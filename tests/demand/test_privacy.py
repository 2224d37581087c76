"""Personal data in request texts never reaches a public page, the API or an export."""

import csv
import io
import json
import re

import lxml.html
import pytest
from django.core.cache import cache
from django.test import Client

from datacon.demand.analysis.run import requests_analyse
from datacon.demand.importer import requests_import
from datacon.demand.models import InformationRequest, Institution, RepeatedQuestion, RequestTopic
from datacon.demand.scrub import looks_personal
from datacon.opendata.registry import datasets_all
from tests import factories
from tests.demand.factories import write_export

pytestmark = pytest.mark.django_db

GIVEN = ["Laura", "Pedro", "Ana", "José", "María", "Rosa"]
FAMILY = ["Muestra", "Ficticia", "Ejemplar", "Prueba", "Inventada", "Simulada"]
INSTITUTIONS = ["Secretaría de Salud de Prueba", "Comisión de Agua de Prueba"]
TEMPLATES = [
    "Solicito el padrón de beneficiarios del programa de becas de {year}. {pii}",
    "{pii} Requiero el número de médicos por hospital en {year}.",
    "Solicito los contratos de obra pública de {year} con montos. {pii}",
]


def _pii(number: int) -> tuple[str, list[str]]:
    given, family = GIVEN[number % 6], FAMILY[(number // 6) % 6]
    email = f"{given.lower()}.{family.lower()}{number}@correo-privado.example"
    phone = f"55 {1000 + number:04d} {2000 + number:04d}"
    curp = f"MUFL{number % 90 + 10:02d}0101HDFRRS{number % 10}{number % 7}"
    rfc = f"MUFL{number % 90 + 10:02d}0101AB{number % 10}"
    name = f"{given} {family} Secreto{number}"
    text = (
        f"Me llamo {name}, mi correo es {email}, mi teléfono es {phone}, mi CURP {curp} "
        f"y mi RFC {rfc}."
    )
    return text, [email, phone.replace(" ", ""), curp, rfc, f"Secreto{number}"]


@pytest.fixture
def leaky_requests(tmp_path):
    rows, secrets = [], []
    for number in range(60):
        pii, found = _pii(number)
        secrets += found
        rows.append(
            {
                "folio": f"77{number:06d}",
                "date": f"{number % 28 + 1:02d}/{number % 12 + 1:02d}/2022",
                "institution": INSTITUTIONS[number % 2],
                "text": TEMPLATES[number % 3].format(year=2019 + number % 4, pii=pii),
            }
        )
    path = write_export(tmp_path / "con-datos-personales.csv", rows)
    requests_import(path=path, actor=factories.SYSTEM)
    requests_analyse(actor=factories.SYSTEM)
    return secrets


def _public_urls() -> list[str]:
    urls = [
        "/demanda/",
        "/demanda/necesidades/",
        "/demanda/solicitudes/",
        "/demanda/instituciones/",
        "/demanda/temas/",
        "/demanda/preguntas-repetidas/",
        "/demanda/candidatos/",
        "/demanda/metodo/",
        "/demanda/datos/",
    ]
    urls += [
        f"/demanda/instituciones/{slug}/"
        for slug in Institution.objects.values_list("slug", flat=True)
    ]
    urls += [f"/demanda/temas/{n}/" for n in RequestTopic.objects.values_list("number", flat=True)]
    urls += [
        f"/demanda/datos/{dataset.slug}.csv"
        for dataset in datasets_all()
        if dataset.theme == "demand"
    ]
    for resource in (
        "necesidades", "estandares", "instituciones", "solicitudes", "demanda-mensual", "temas",
        "preguntas-repetidas", "candidatos", "proyectos",
    ):  # fmt: skip
        urls.append(f"/api/v1/demanda/{resource}/?page_size=1000")
        urls += [f"/api/v1/demanda/{resource}/?page={page}" for page in range(2, 4)]
    return urls


def _body(client: Client, url: str) -> tuple[str, list[str]]:
    """The whole answer, and its pieces of text one by one (HTML nodes, CSV cells, JSON strings)."""
    response = client.get(url)
    assert response.status_code in (200, 404), url
    if response.status_code == 404:
        return "", []
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8-sig")
    if url.startswith("/api/"):
        pieces: list[str] = []

        def walk(value):  # type: ignore[no-untyped-def]
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str):
                pieces.append(value)

        walk(json.loads(text))
        return text, pieces
    if url.endswith(".csv"):
        return text, [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    return text, [str(node) for node in lxml.html.fromstring(text).itertext()]


def test_personal_data_never_reaches_pages_api_or_exports(leaky_requests, client):
    assert RepeatedQuestion.objects.exists()  # the examples shown come from every analysis output
    cache.clear()
    for url in _public_urls():
        body, pieces = _body(client, url)
        for secret in leaky_requests:
            assert secret not in re.sub(r"(?<=\d) (?=\d)", "", body), (url, secret)
        for piece in pieces:
            assert looks_personal(piece) == [], (url, piece)


def test_original_texts_are_stored_privately_for_reanalysis(leaky_requests):
    request = InformationRequest.objects.order_by("folio").first()
    assert "@correo-privado.example" in request.text
    assert "@" not in request.display_text
    assert request.original_text == request.text
