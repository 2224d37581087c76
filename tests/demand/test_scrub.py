import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datacon.demand.scrub import looks_personal, scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mi correo es laura.muestra@ejemplo.com.", "Mi correo es [correo]."),
        ("escriban a persona arroba ejemplo punto com", "escriban a [correo]"),
        ("Teléfono 55 1234 5678 gracias", "Teléfono [teléfono] gracias"),
        ("Tel. +52 (55) 1234-5678", "Tel. [teléfono]"),
        ("cel 044 55 12 34 56 78", "cel [teléfono]"),
        ("llamar al 8112345678", "llamar al [teléfono]"),
        ("llame al 333-123-4567", "llame al [teléfono]"),
        ("el 2021-05-11 5512345678", "el 2021-05-11 [teléfono]"),
        ("CURP PUEJ800101HDFRRS09.", "CURP [CURP]."),
        ("RFC PUEJ800101AB1 y RFC de empresa ABC-010101-XY9", "RFC [RFC] y RFC de empresa [RFC]"),
        ("clave de elector PRMSLR80010109M100", "clave de elector [clave de elector]"),
        ("Me llamo Laura Muestra Ficticia y pido datos", "Me llamo [nombre] y pido datos"),
        ("mi nombre es JOSÉ PRUEBA DEL EJEMPLO, gracias", "mi nombre es [nombre], gracias"),
        (
            "Soy Ana de la Muestra. Atentamente, Pedro Ejemplar",
            "Soy [nombre]. Atentamente, [nombre]",
        ),
    ],
)
def test_scrub_replaces_personal_data_with_marks(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Solicito el presupuesto de 2019 a 2021 desglosado por mes.",
        "Folio 330026421000123 del 11/05/2021, expediente 2021-000123.",
        "soy estudiante y quiero saber el monto de 1,500,000 pesos",
        "Relación de licitaciones con el nombre del proveedor.",
        "Actualizado el 2026-11-23 07:20.",
    ],
)
def test_scrub_leaves_text_without_personal_data_alone(text):
    assert scrub(text) == text


def test_scrub_output_never_looks_personal_for_mixed_text():
    text = (
        "Me llamo Rosa Inventada Prueba, mi correo es rosa.inventada7@ejemplo.com, teléfono "
        "+52 (33) 3123-4567, CURP ABCD650312HJCLRN01, RFC ABCD650312X1Y, solicito los contratos."
    )
    cleaned = scrub(text)
    assert looks_personal(cleaned) == []
    assert "Rosa" not in cleaned
    assert "solicito los contratos" in cleaned


_EMAILS = st.from_regex(
    r"[a-z]{2,8}\.[a-z]{2,8}[0-9]{0,3}@[a-z]{3,8}\.(com|org|mx)", fullmatch=True
)
_PHONES = st.from_regex(r"(\+52 )?\(?[1-9][0-9]\)? ?[0-9]{4}[ -]?[0-9]{4}", fullmatch=True)
_CURPS = st.from_regex(r"[A-Z]{4}[0-9]{6}[HM][A-Z]{5}[A-Z0-9][0-9]", fullmatch=True)
_FILLER = st.sampled_from(
    ["Solicito el padrón de beneficiarios", "por favor", "de 2021", "gracias", "contratos de obra"]
)


@settings(max_examples=150, deadline=None)
@given(email=_EMAILS, phone=_PHONES, curp=_CURPS, before=_FILLER, after=_FILLER)
def test_scrub_removes_generated_identifiers_anywhere(email, phone, curp, before, after):
    text = f"{before} {email}, {after} tel {phone}; CURP {curp} {after}"
    cleaned = scrub(text)
    assert email not in cleaned
    assert re.sub(r"\D", "", phone)[-10:] not in re.sub(r"\D", "", cleaned)
    assert curp not in cleaned
    assert looks_personal(cleaned) == []
