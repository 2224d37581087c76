"""Synthetic access-to-information request exports, in the real column layouts.

Everything here is invented: the institutions are fictional ("… de Muestra"),
the texts come from templates, and the personal data sprinkled in some
requests (to exercise the scrubber) are random strings and made-up names
("Laura Muestra Ficticia"), never real people. The output is deterministic for
a given seed, so the bundled sample and the benchmark can be regenerated
byte for byte:

    python manage.py generate_pnt_sample 1000000 var/pnt-1m.csv --seed 7

Layouts: "2019" (INFOMEX headers: FOLIO, FECHASOLICITUD, DEPENDENCIA,
DESCRIPCIONSOLICITUD, ESTATUS, RESPUESTA, ESTADO…) and "2022" (PNT headers:
Folio, Fecha de solicitud, Sujeto obligado…). Files are written in Windows-1252
(Latin-1), like the platform's downloads.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from datacon.common import csvout

LAYOUTS: dict[str, list[str]] = {
    "2019": [
        "FOLIO",
        "FECHASOLICITUD",
        "DEPENDENCIA",
        "ESTATUS",
        "MEDIOENTRADA",
        "DESCRIPCIONSOLICITUD",
        "OTROSDATOS",
        "RESPUESTA",
        "FECHARESPUESTA",
        "ESTADO",
    ],
    "2022": [
        "Folio",
        "Fecha de solicitud",
        "Sujeto obligado",
        "Estatus",
        "Descripción de la solicitud",
        "Respuesta",
        "Entidad federativa",
        "Medio de entrada",
    ],
}


@dataclass(frozen=True)
class Topic:
    key: str
    templates: tuple[str, ...]


PROGRAMS = ("becas para el bienestar", "apoyo a adultos mayores", "fertilizantes", "vivienda digna")
YEARS = ("2018", "2019", "2020", "2021", "2022")
PLACES = (
    "San Ejemplo", "Villa Muestra", "Santa Prueba", "Puerto Ficticio", "Valle Inventado",
    "Cerro Modelo", "Ribera Simulada", "Llano Supuesto", "Loma Hipotética", "Barrio Ensayo",
    "Mesa Demostración", "Río Imaginario", "Playa Muestra", "Sierra Ejemplo", "Costa Prueba",
    "la capital del estado", "la zona norte", "la región sur", "la zona metropolitana",
    "los municipios indígenas", "las comunidades rurales", "la zona conurbada",
)  # fmt: skip
HOSPITALS = (
    "el hospital general", "la clínica regional", "el hospital de especialidades",
    "el hospital de la mujer", "el hospital infantil", "el centro de salud rural",
    "la unidad de medicina familiar", "el hospital psiquiátrico",
)  # fmt: skip
DETAILS = (
    "", "", "", "",
    " Desglosado por mes y por sexo.",
    " Incluir la fuente de financiamiento y la unidad responsable.",
    " En formato abierto, de preferencia hoja de cálculo.",
    " Con la fecha de cada registro y su ubicación geográfica.",
    " Por grupo de edad, pueblo indígena y condición de discapacidad.",
    " Indicar también los criterios utilizados para la asignación.",
    " Así como los informes de auditoría relacionados.",
    " Con la comparación respecto del ejercicio anterior.",
    " Especificar la normatividad aplicable y el área que la genera.",
    " Incluyendo los oficios y minutas de las reuniones donde se decidió.",
    " Con los indicadores de desempeño y las metas alcanzadas.",
    " Y el número de quejas recibidas por este motivo.",
)  # fmt: skip

TOPICS: tuple[Topic, ...] = (
    Topic(
        "salud",
        (
            "Solicito el abasto de medicamentos oncológicos en {hospital} durante {year}, por clave de medicamento.",
            "Número de camas censables y ocupación hospitalaria en {hospital} en {year}.",
            "Requiero las recetas no surtidas y el desabasto de medicamentos en {place} en {year}.",
            "Cuántas consultas de primer nivel y de especialidad se otorgaron en {hospital} en {year}.",
        ),
    ),
    Topic(
        "contratos",
        (
            "Solicito copia de los contratos de obra pública celebrados en {year} con sus montos y empresas adjudicadas.",
            "Relación de licitaciones públicas y adjudicaciones directas de {year} con el nombre del proveedor.",
            "Versión pública de los contratos de adquisiciones de {year} y sus convenios modificatorios.",
        ),
    ),
    Topic(
        "presupuesto",
        (
            "Presupuesto asignado, modificado y ejercido por programa presupuestario en {year}.",
            "Monto del gasto ejercido por capítulo y partida presupuestal durante {year}.",
            "Solicito el presupuesto de egresos aprobado para {year} desglosado por unidad responsable.",
        ),
    ),
    Topic(
        "seguridad",
        (
            "Número de carpetas de investigación por feminicidio en {place} durante {year}.",
            "Incidencia delictiva de robo a transeúnte por colonia en {place} en {year}.",
            "Personas desaparecidas y no localizadas reportadas en {place} en {year}, por sexo y edad.",
        ),
    ),
    Topic(
        "agua",
        (
            "Resultados de laboratorio de la calidad del agua potable en {place} en {year}.",
            "Volumen de agua concesionado a empresas en {place} y títulos de concesión vigentes.",
            "Colonias sin suministro de agua potable y pipas enviadas en {place} durante {year}.",
        ),
    ),
    Topic(
        "educacion",
        (
            "Plantilla de docentes por escuela y nivel educativo en {place} en {year}.",
            "Escuelas sin electricidad, sin agua o sin sanitarios en {place} en {year}.",
            "Matrícula escolar y abandono escolar por grado en {place} durante {year}.",
        ),
    ),
    Topic(
        "nomina",
        (
            "Nómina de los servidores públicos con sueldo bruto y neto, prestaciones y bonos de {year}.",
            "Tabulador de sueldos y salarios del personal de mando en {year}.",
            "Viáticos y pasajes pagados a funcionarios en {year}, con destino y motivo del viaje.",
        ),
    ),
    Topic(
        "ambiente",
        (
            "Manifestaciones de impacto ambiental autorizadas en {place} en {year} y sus resolutivos.",
            "Mediciones de calidad del aire y contaminantes atmosféricos en {place} durante {year}.",
            "Permisos de tala y cambio de uso de suelo forestal otorgados en {year}.",
        ),
    ),
    Topic(
        "comunicacion",
        (
            "Gasto en publicidad oficial y comunicación social por medio de comunicación en {year}.",
            "Contratos de publicidad oficial con medios digitales y montos pagados en {year}.",
        ),
    ),
    Topic(
        "movilidad",
        (
            "Hechos de tránsito con personas lesionadas por cruce vial en {place} en {year}.",
            "Rutas de transporte público concesionadas, tarifas y número de unidades en {place}.",
        ),
    ),
)

# Questions some institutions receive again and again, with small changes (year, greeting).
REPEATED = (
    (
        "bienestar",
        "Solicito el padrón de beneficiarios del programa {program} de {year} desglosado por municipio, localidad y monto del apoyo.",
    ),
    (
        "obras",
        "Solicito el listado de obras públicas en proceso con ubicación, contratista, monto contratado y porcentaje de avance físico en {year}.",
    ),
    (
        "salud",
        "Solicito el número de médicos, enfermeras y especialistas adscritos a cada unidad médica en {year}.",
    ),
    (
        "agua",
        "Requiero el programa de cortes y tandeo de agua potable por colonia y horario vigente en {year}.",
    ),
    (
        "fiscalia",
        "Número de denuncias por violencia familiar recibidas por agencia del ministerio público en {year}.",
    ),
)

INSTITUTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # (name as exported, repeated-question key, topics it mostly receives)
    ("SECRETARÍA DE SALUD DE MUESTRA", "salud", ("salud", "contratos", "nomina")),
    ("Instituto de Seguridad Social de Muestra", "", ("salud", "nomina", "presupuesto")),
    ("Secretaría de Obras Públicas de Muestra", "obras", ("contratos", "presupuesto", "movilidad")),
    ("Secretaría de Educación de Muestra", "", ("educacion", "nomina", "presupuesto")),
    ("Fiscalía General de Muestra", "fiscalia", ("seguridad", "nomina")),
    ("Comisión de Agua de Muestra", "agua", ("agua", "ambiente", "contratos")),
    ("Secretaría de Medio Ambiente de Muestra", "", ("ambiente", "agua")),
    ("Secretaría de Finanzas de Muestra", "", ("presupuesto", "contratos", "comunicacion")),
    ("Secretaría de Bienestar de Muestra", "bienestar", ("presupuesto", "nomina")),
    ("Coordinación de Comunicación Social de Muestra", "", ("comunicacion", "contratos")),
    ("Secretaría de Movilidad de Muestra", "", ("movilidad", "contratos")),
    ("Municipio de Villa Ejemplo", "", ("contratos", "agua", "seguridad", "nomina")),
)

STATES = (
    "Ciudad de México", "Jalisco", "Nuevo León", "Estado de México", "Puebla", "Veracruz",
    "Oaxaca", "Chiapas", "Yucatán", "Quintana Roo", "Sonora", "Guanajuato", "Federal",
)  # fmt: skip
STATUSES = (
    ("Terminada", "Entrega de información en medio electrónico"),
    ("Terminada", "La información está disponible públicamente"),
    ("Terminada", "Inexistencia de la información solicitada"),
    ("Terminada", "Negativa por ser reservada o confidencial"),
    ("Terminada", "No es de competencia de la unidad de transparencia"),
    ("En proceso", ""),
    ("Desechada", "Falta de respuesta del solicitante al requerimiento"),
)
GREETINGS = ("", "", "", "Buenos días. ", "Por medio de la presente, ", "Buenas tardes, ")
CLOSINGS = ("", "", "", " Gracias.", " Saludos cordiales.", " Agradezco su atención.")
GIVEN = ("Laura", "Pedro", "Ana", "José", "María", "Luis", "Rosa", "Jorge")
FAMILY = ("Muestra", "Ficticia", "Ejemplar", "Prueba", "Inventada", "Ficticio")
MEDIA = ("Electrónica", "Manual", "Correo electrónico", "Telefónica")


def _curp(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    digits = f"{rng.randint(60, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    tail = "".join(rng.choice("BCDFGHJKLMNPRSTVXZ") for _ in range(5))
    return f"{letters}{digits}{rng.choice('HM')}{tail}{rng.choice('0A')}{rng.randint(0, 9)}"


def _rfc(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    digits = f"{rng.randint(60, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return f"{letters}{digits}{''.join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(3))}"


def _phone(rng: random.Random) -> str:
    number = f"{rng.randint(10, 99)}{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"
    style = rng.randrange(4)
    if style == 0:
        return f"{number[:2]} {number[2:6]} {number[6:]}"
    if style == 1:
        return f"+52 ({number[:2]}) {number[2:6]}-{number[6:]}"
    if style == 2:
        return number
    return f"{number[:3]}-{number[3:6]}-{number[6:]}"


def personal_data(rng: random.Random) -> str:
    """A made-up requester's details, in the ways requests carry them."""
    given, family1, family2 = rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(FAMILY)
    user = f"{given.lower()}.{family1.lower()}{rng.randint(1, 999)}"
    parts = [
        rng.choice(
            (
                f"Me llamo {given} {family1} {family2}",
                f"Mi nombre es {given} {family1} {family2}",
                f"Soy {given} {family1}",
            )
        ),
        f"mi correo es {user}@ejemplo.com",
        f"teléfono {_phone(rng)}",
    ]
    if rng.random() < 0.5:
        parts.append(f"CURP {_curp(rng)}")
    if rng.random() < 0.3:
        parts.append(f"RFC {_rfc(rng)}")
    return " " + ", ".join(parts) + "."


@dataclass
class GeneratedRow:
    folio: str
    filed_on: dt.date
    institution: str
    status: str
    response: str
    text: str
    state: str
    medium: str


def generate_rows(
    count: int,
    *,
    seed: int = 1,
    start: dt.date = dt.date(2019, 1, 1),
    end: dt.date = dt.date(2023, 12, 31),
    pii_share: float = 0.05,
    repeated_share: float = 0.18,
    folio_prefix: str = "3300264",
) -> Iterator[GeneratedRow]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    days = (end - start).days
    topics = {topic.key: topic for topic in TOPICS}
    repeated = dict(REPEATED)
    # Demand grows for some institutions and falls for others, so trends differ.
    growth = [rng.uniform(-0.6, 1.4) for _ in INSTITUTIONS]
    weights = [rng.uniform(0.5, 3.0) for _ in INSTITUTIONS]
    for number in range(1, count + 1):
        index = rng.choices(range(len(INSTITUTIONS)), weights=weights)[0]
        name, repeated_key, topic_keys = INSTITUTIONS[index]
        # Skew the date towards the end (growth > 0) or the start (growth < 0).
        position = rng.random()
        if growth[index] > 0:
            position = position ** (1 / (1 + growth[index]))
        elif growth[index] < 0:
            position = 1 - (1 - position) ** (1 / (1 - growth[index]))
        filed_on = start + dt.timedelta(days=int(position * days))
        year = str(filed_on.year - rng.randrange(2))
        if repeated_key and rng.random() < repeated_share:
            body = repeated[repeated_key].format(program=PROGRAMS[index % len(PROGRAMS)], year=year)
        else:
            topic = topics[rng.choice(topic_keys)]
            body = rng.choice(topic.templates).format(
                year=year, place=rng.choice(PLACES), hospital=rng.choice(HOSPITALS)
            ) + rng.choice(DETAILS)
        greeting = rng.choice(GREETINGS)
        if greeting.endswith(", "):
            body = body[0].lower() + body[1:]
        text = greeting + body + rng.choice(CLOSINGS)
        if rng.random() < pii_share:
            text += personal_data(rng)
        status, response = rng.choice(STATUSES)
        yield GeneratedRow(
            folio=f"{folio_prefix}{filed_on.year % 100:02d}{number:07d}",
            filed_on=filed_on,
            institution=name,
            status=status,
            response=response,
            text=text,
            state=rng.choice(STATES),
            medium=rng.choice(MEDIA),
        )


def row_values(row: GeneratedRow, layout: str) -> list[str]:
    date = row.filed_on.strftime("%d/%m/%Y")
    if layout == "2019":
        return [
            row.folio, date, row.institution, row.status, row.medium, row.text, "",
            row.response, date if row.response else "", row.state,
        ]  # fmt: skip
    return [
        row.folio, date, row.institution, row.status, row.text, row.response, row.state, row.medium,
    ]  # fmt: skip


def export_write(stream: IO[str], rows: Iterator[GeneratedRow], *, layout: str = "2019") -> int:
    writer = csvout.Writer(stream)
    writer.writerow(LAYOUTS[layout])
    written = 0
    for row in rows:
        writer.writerow(row_values(row, layout))
        written += 1
    return written


def export_generate(
    path: Path, count: int, *, seed: int = 1, layout: str = "2019", encoding: str = "cp1252"
) -> int:
    """Write `count` synthetic requests to `path`; returns the number of data rows."""
    with path.open("w", encoding=encoding, errors="replace", newline="") as stream:
        return export_write(stream, generate_rows(count, seed=seed), layout=layout)


# --- the bundled sample: small, with the quirks real files have ----------------------------------

SAMPLE_PATH = Path(__file__).resolve().parent / "data" / "solicitudes_pnt_muestra.csv"
SAMPLE_ROWS = 240
SAMPLE_SEED = 2021


def sample_write(path: Path = SAMPLE_PATH) -> None:
    """Write the bundled sample: 2019 headers, Windows-1252, and deliberate problems.

    Besides the generated rows it holds, in this order at the end of the file:
    a folio wrapped in quotes (imported), a row with an impossible date
    (skipped), an exact copy of an earlier row (skipped as duplicate), a row
    with a missing column (skipped), a row without folio (skipped), a request
    whose text spans two lines (imported), and a state written with a typo
    (imported, with a warning).
    """
    rows = list(generate_rows(SAMPLE_ROWS, seed=SAMPLE_SEED, pii_share=0.08, repeated_share=0.25))
    with path.open("w", encoding="cp1252", newline="") as stream:
        writer = csvout.Writer(stream)
        writer.writerow(LAYOUTS["2019"])
        for row in rows:
            writer.writerow(row_values(row, "2019"))
        template = rows[0]
        quoted = row_values(template, "2019")
        quoted[0] = '"0001200000001"'
        quoted[5] = "Solicito los indicadores de calidad del agua de los pozos de la zona norte."
        quoted[2] = "Comisión de Agua de Muestra"
        writer.writerow(quoted)
        bad_date = row_values(rows[1], "2019")
        bad_date[0], bad_date[1] = "0001200000002", "31/02/2020"
        writer.writerow(bad_date)
        writer.writerow(row_values(rows[2], "2019"))  # exact duplicate of data line 3
        short = row_values(rows[3], "2019")[:-1]
        short[0] = "0001200000003"
        writer.writerow(short)
        no_folio = row_values(rows[4], "2019")
        no_folio[0] = ""
        writer.writerow(no_folio)
        multiline = row_values(rows[5], "2019")
        multiline[0] = "0001200000004"
        multiline[5] = (
            "Solicito el calendario de mantenimiento de los pozos de agua potable.\n"
            "Favor de incluir el costo de cada mantenimiento."
        )
        writer.writerow(multiline)
        typo = row_values(rows[6], "2019")
        typo[0], typo[9] = "0001200000005", "Jalsco"
        writer.writerow(typo)
