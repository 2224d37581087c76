"""Demo data: the real "Abramos México" process, plus clearly labelled fictional records.

Facts (seed 004, the "Abramos México" presentation; seed 003, the DATACON 2021
memoria; seed 002, the DATACON 2024 concept note; seed 001, the concept note):
the title, context, two objectives, the three groups and their mandates as
written, the three stages with their months and a "second stage" without
dates, the transparency commitment, the immediate actions (the agenda of the
first Grupo Técnico meeting), the institutional contact, the announcement at
DATACON 2021, the approval of ConDATOS on 9 October 2023 and its publication
in the DOF on 10 November 2023.

Approximations (said on the pages): the seed gives months without years; the
stages are placed after the first DATACON (May 2021): preparation Nov 2021 –
Mar 2022, development Mar – Dec 2022, closing Dec 2022 – Jan 2023, and the
"Etapa 2" from Feb 2023 to the DOF publication. The first Grupo Técnico
meeting's date is not in the seed either.

Fictional, labelled "(ficticio)" or "de demostración" in their titles: the
draft policy and its versions, the members with names, a past and a future
meeting with agreements, the expenses, and the implementation commitments of
2025-2026. The seeds contain none of these; nothing fictional names a real
person.

Idempotent: every record is found by its natural key and written (through the
services) only when missing or different.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import models

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.people.models import Organisation, Person
from datacon.people.services import person_save
from datacon.policy import services
from datacon.policy.models import (
    Agreement,
    Attendance,
    Commitment,
    Contact,
    Document,
    Expense,
    Goal,
    Group,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    Process,
    ProcessEdition,
    ProgressReport,
    Stage,
    YearAssessment,
)

MX = zoneinfo.ZoneInfo("America/Mexico_City")
PROCESS_SLUG = "abramos-mexico"
DRAFT_SLUG = "borrador-de-demostracion"
DEMO_ORG_SLUG = "comite-de-demostracion"


def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    date = dt.date.fromisoformat(day)
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=MX)


class _Counter:
    def __init__(self) -> None:
        self.created: dict[str, int] = {}

    def add(self, label: str) -> None:
        self.created[label] = self.created.get(label, 0) + 1


def _ensure(
    counter: _Counter,
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    save: Any,
) -> Any:
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        save(instance)
        counter.add(model._meta.model_name or "record")
        return instance
    if all(getattr(instance, key) == value for key, value in values.items()):
        return instance
    for key, value in values.items():
        setattr(instance, key, value)
    save(instance)
    return instance


PROCESS = {
    "title": "Abramos México: Estrategia para la construcción de una Política Nacional de Datos Abiertos",
    "short_title": "Abramos México",
    "status": "active",
    "email": "abramosmexico@inai.org.mx",
    "summary": (
        "En el marco de los trabajos de la Primera edición de la Conferencia Nacional de Datos "
        "Abiertos en México (DATACON), celebrada el 11 y 12 de mayo de 2021, el INAI anunció el "
        "inicio de un conjunto de acciones rumbo a la construcción, de manera pública, abierta y "
        "colaborativa, de una Política Nacional de Datos Abiertos.\n\n"
        "Este esfuerzo y los productos que deriven, dotarán al Estado mexicano de un instrumento "
        "referencial de política pública, que permita articular y orientar el trabajo "
        "institucional, así como disponer de criterios, procedimientos, estándares y mejores "
        "prácticas en materia de datos abiertos.\n\n"
        "Abramos México es una estrategia para la construcción de la Política Nacional de Datos "
        "Abiertos, que establece los componentes, actividades y tiempos que comprenderá este "
        "proceso, además de identificar a las personas y organizaciones que resultan clave para "
        "la iniciativa."
    ),
    "context": (
        "**Contexto.** Derivado de la primera edición de la Conferencia Nacional de Datos "
        "Abiertos en México (DATACON), diversas personas y organizaciones coincidimos en iniciar "
        "acciones para la construcción de una Política Nacional de Datos Abiertos. Este "
        "compromiso, además, responde a un diagnóstico sobre el tema en México, y la necesidad "
        "de impulsar políticas basadas en los principios de transparencia, participación y "
        "colaboración.\n\n"
        "**Transparencia y comunicación.** El avance en la estrategia y el proceso de "
        "construcción de la Política Nacional de Datos Abiertos será público, abierto y "
        "colaborativo. Se dispondrá de un Sitio Público de Internet para informar acerca de cada "
        "actividad y los recursos ejercidos, y ubicar toda la documentación necesaria. Además, "
        "como un espacio de participación ciudadana.\n\n"
        "La Política Nacional de Datos Abiertos, **ConDATOS**, fue aprobada el 9 de octubre de "
        "2023 por el Consejo Nacional del Sistema Nacional de Transparencia y publicada en el "
        "Diario Oficial de la Federación el 10 de noviembre de 2023."
    ),
    "notice": (
        "Los hechos de esta página provienen de la presentación «Abramos México», de la memoria "
        "de la DATACON 2021 y de las notas conceptuales de la DATACON. **Las fechas de las "
        "etapas son aproximadas**: la presentación indica solo meses (noviembre–marzo, "
        "marzo–diciembre, diciembre–enero) y una «Etapa 2» sin fechas; aquí se ubican después "
        "de la primera DATACON (mayo de 2021). **Son ficticios y de demostración** —y así lo "
        "dicen sus títulos— el borrador en consulta y sus consultas, los gastos, las personas "
        "integrantes con nombre, las reuniones marcadas como de demostración y los compromisos "
        "de 2025 en adelante."
    ),
}

GOALS = [
    (
        1,
        "Definir, coordinar, ejecutar y dar seguimiento a las **actividades, tiempos y "
        "componentes** que comprenderán el proceso de construcción de la **Política Nacional "
        "de Datos Abiertos**.",
    ),
    (
        2,
        "Construir un **instrumento referencial de política pública** en materia de datos "
        "abiertos para su adopción por organismos garantes y sujetos obligados de los **tres "
        "órdenes de gobierno**.",
    ),
]

STAGES: list[dict[str, Any]] = [
    {
        "order": 1,
        "name": "Preparación y apertura",
        "description": "Instalación del Grupo Impulsor, y elaboración y aprobación de los primeros insumos.",
        "starts_on": dt.date(2021, 11, 1),
        "ends_on": dt.date(2022, 3, 15),
        "dates_approximate": True,
        "dates_note": "La presentación indica «noviembre – marzo»; se toman noviembre de 2021 a marzo de 2022.",
    },
    {
        "order": 2,
        "name": "Desarrollo de trabajos",
        "description": "Instalación del Grupo Especializado, y la ejecución de las acciones para la construcción.",
        "starts_on": dt.date(2022, 3, 16),
        "ends_on": dt.date(2022, 12, 15),
        "dates_approximate": True,
        "dates_note": "La presentación indica «marzo – diciembre»; se toma 2022.",
    },
    {
        "order": 3,
        "name": "Cierre y presentación",
        "description": "Revisión y validación final, hasta la publicación de la política pública en el marco del SNT.",
        "starts_on": dt.date(2022, 12, 16),
        "ends_on": dt.date(2023, 1, 31),
        "dates_approximate": True,
        "dates_note": "La presentación indica «diciembre – enero»; se toman diciembre de 2022 y enero de 2023.",
    },
    {
        "order": 4,
        "name": "Etapa 2",
        "description": (
            "La presentación anuncia una segunda etapa del proceso de construcción, cuyos "
            "tiempos «podrían tener ajustes». El proceso culminó con la aprobación de ConDATOS "
            "por el Consejo Nacional del SNT y su publicación en el Diario Oficial de la Federación."
        ),
        "starts_on": dt.date(2023, 2, 1),
        "ends_on": dt.date(2023, 11, 10),
        "dates_approximate": True,
        "dates_note": "La presentación no da fechas de esta etapa; se ubica entre el cierre de la primera y la publicación en el DOF.",
    },
    {
        "order": 5,
        "name": "Implementación y seguimiento anual",
        "description": (
            "La política aprobada se implementa y se evalúa cada año: la memoria de la DATACON "
            "2021 pide una agenda anual cuyos resultados se valoren al final del ejercicio, y la "
            "DATACON 2024 se dedicó a la implementación efectiva de ConDATOS."
        ),
        "starts_on": dt.date(2023, 11, 11),
        "ends_on": None,
        "dates_approximate": False,
        "dates_note": "Etapa añadida en esta plataforma para el seguimiento; empieza tras la publicación en el DOF.",
    },
]

MILESTONES = [
    {
        "date": dt.date(2021, 5, 12),
        "title": "Anuncio de la estrategia en la DATACON 2021",
        "description": (
            "En el marco de la primera DATACON, el INAI anunció el inicio de acciones para "
            "construir, de manera pública, abierta y colaborativa, una Política Nacional de "
            "Datos Abiertos, y se comprometió a impulsar un grupo de trabajo multiactor"
        ),
        "source": "Presentación «Abramos México»; memoria de la DATACON 2021",
    },
    {
        "date": dt.date(2023, 10, 9),
        "title": "Aprobación de ConDATOS",
        "description": (
            "El Consejo Nacional del Sistema Nacional de Transparencia, Acceso a la Información "
            "Pública y Protección de Datos Personales aprobó la Política Nacional de Datos "
            "Abiertos, ConDATOS"
        ),
        "source": "Nota conceptual de la DATACON 2024",
    },
    {
        "date": dt.date(2023, 11, 10),
        "title": "Publicación en el Diario Oficial de la Federación",
        "description": "ConDATOS se publicó en el Diario Oficial de la Federación",
        "source": "Nota conceptual de la DATACON 2024",
    },
]

EDITION_LINKS = [
    (
        2021,
        "origin",
        "En su clausura se presentaron las reflexiones y la agenda de apertura a un año; el INAI "
        "anunció la estrategia y se comprometió a impulsar un grupo de trabajo multiactor para "
        "construir una política nacional en el marco del SNT.",
    ),
    (
        2022,
        "input",
        "Se realizaron mesas temáticas con personas expertas para contribuir a la construcción de "
        "la Política Nacional de Datos Abiertos.",
    ),
    (
        2024,
        "follow_up",
        "Dedicada a avanzar en la implementación efectiva de ConDATOS; incluyó el panel "
        "«Implementando la Política Nacional de Datos Abiertos, ConDATOS».",
    ),
]

GROUPS: list[dict[str, Any]] = [
    {
        "slug": "grupo-impulsor",
        "name": "Grupo Impulsor",
        "kind": "steering",
        "order": 1,
        "mandate": "Definir las directrices generales, y dar seguimiento a la estrategia Abramos México.",
        "description": (
            "Su instalación abre la etapa de preparación y apertura; con ella se designan los "
            "enlaces técnicos que integran el Grupo Técnico. La presentación muestra al Sistema "
            "Nacional de Transparencia junto a este grupo; los documentos fuente no nombran a "
            "sus integrantes."
        ),
    },
    {
        "slug": "grupo-tecnico",
        "name": "Grupo Técnico",
        "kind": "technical",
        "order": 2,
        "mandate": "Coordinar y ejecutar las acciones en torno al proceso de construcción de la política pública.",
        "description": (
            "Lo integran los enlaces técnicos designados por el Grupo Impulsor. Da la respuesta "
            "oficial a los comentarios de las consultas. *Los documentos fuente no nombran a sus "
            "integrantes: las personas que aparecen aquí son ficticias, de demostración.*"
        ),
    },
    {
        "slug": "grupo-especializado",
        "name": "Grupo Especializado",
        "kind": "specialised",
        "order": 3,
        "mandate": "Aportar elementos e insumos para la discusión y retroalimentación de la política pública.",
        "description": "Se instala en la etapa de desarrollo de trabajos. Los documentos fuente no nombran a sus integrantes.",
    },
]

# Fictional people, clearly labelled; they belong to the fictional demo organisation.
DEMO_PEOPLE = [
    ("coordinacion-tecnica-demo", "Coordinación técnica (persona ficticia de demostración)"),
    ("enlace-tecnico-a-demo", "Enlace técnico A (persona ficticia de demostración)"),
    ("enlace-tecnico-b-demo", "Enlace técnico B (persona ficticia de demostración)"),
]

FIRST_MEETING_AGENDA = (
    "Una vez instalado el Grupo Impulsor y con ello, la designación de **enlaces técnicos**, se "
    "llevará a cabo la primera reunión del **Grupo Técnico**, en la cual, se abordarán los "
    "siguientes asuntos:\n\n"
    "1. Revisión y cierre de **estrategia** y ruta crítica\n"
    "2. Diseño y redacción de la **metodología**\n"
    "3. Inicio de **borrador** de la política pública y sus correspondientes anexos\n"
    "4. Identificación de **actores e instituciones** que conformarán las mesas temáticas\n\n"
    "*Fuente: presentación «Abramos México», «Acciones inmediatas». La fecha es aproximada: la "
    "fuente solo dice que la reunión sigue a la instalación del Grupo Impulsor.*"
)

STRATEGY_TEXT = """# Contexto

Derivado de la primera edición de la Conferencia Nacional de Datos Abiertos en México (DATACON), diversas personas y organizaciones coincidimos en iniciar acciones para la construcción de una **Política Nacional de Datos Abiertos**.

Este compromiso, además, responde a un diagnóstico sobre el tema en México, y la necesidad de impulsar políticas basadas en los principios de **transparencia, participación y colaboración**.

# Objetivos

1. Definir, coordinar, ejecutar y dar seguimiento a las **actividades, tiempos y componentes** que comprenderán el proceso de construcción de la **Política Nacional de Datos Abiertos**.
2. Construir un **instrumento referencial de política pública** en materia de datos abiertos para su adopción por organismos garantes y sujetos obligados de los **tres órdenes de gobierno**.

# Estrategia de trabajo: coordinación y grupos

**Grupo Impulsor.** Definir las directrices generales, y dar seguimiento a la estrategia Abramos México.

**Grupo Técnico.** Coordinar y ejecutar las acciones en torno al proceso de construcción de la política pública.

**Grupo Especializado.** Aportar elementos e insumos para la discusión y retroalimentación de la política pública.

# Estrategia de trabajo: proceso de construcción

**Preparación y apertura (noviembre – marzo).** Instalación del Grupo Impulsor, y elaboración y aprobación de los primeros insumos.

**Desarrollo de trabajos (marzo – diciembre).** Instalación del Grupo Especializado, y la ejecución de las acciones para la construcción.

**Cierre y presentación (diciembre – enero).** Revisión y validación final, hasta la publicación de la política pública en el marco del SNT.

**Proceso de construcción (Etapa 2).** *Podrían tener ajustes.*

# Transparencia y comunicación

El avance en la estrategia y el proceso de construcción de la Política Nacional de Datos Abiertos será **público, abierto y colaborativo**.

Se dispondrá de un **Sitio Público de Internet** para informar acerca de cada actividad y los recursos ejercidos, y ubicar toda la documentación necesaria. Además, como un espacio de **participación ciudadana**.

# Acciones inmediatas

Una vez instalado el Grupo Impulsor y con ello, la designación de **enlaces técnicos**, se llevará a cabo la primera reunión del **Grupo Técnico**, en la cual, se abordarán los siguientes asuntos:

1. Revisión y cierre de **estrategia** y ruta crítica
2. Diseño y redacción de la **metodología**
3. Inicio de **borrador** de la política pública y sus correspondientes anexos
4. Identificación de **actores e instituciones** que conformarán las mesas temáticas

Contacto: abramosmexico@inai.org.mx
"""

DRAFT_V1 = """# Presentación

Este es un **borrador de demostración ficticio**. Sirve para probar la consulta pública de la plataforma; no es el texto de ninguna política real. Se construyó con los objetivos y principios de la estrategia Abramos México.

# 1. Objetivo

La Política Nacional de Datos Abiertos es un instrumento referencial de política pública en materia de datos abiertos para su adopción por organismos garantes y sujetos obligados de los tres órdenes de gobierno.

Su propósito es articular y orientar el trabajo institucional y disponer de criterios, procedimientos, estándares y mejores prácticas en materia de datos abiertos.

# 2. Principios

**Transparencia.** Las instituciones publican sus datos de manera proactiva, completa y oportuna, en formatos abiertos.

**Participación.** Las personas usuarias de los datos intervienen en la definición de qué datos abrir y en la evaluación de su calidad.

**Colaboración.** Gobiernos, organismos garantes, sociedad civil, academia y sector privado trabajan de manera coordinada para aprovechar los datos abiertos.

# 3. Alcance

La política aplica a los sujetos obligados de los tres órdenes de gobierno, que la adoptan a través de sus organismos garantes en el marco del Sistema Nacional de Transparencia.

# 4. Seguimiento

Cada año se define una agenda de datos abiertos y, al final del ejercicio, se valoran los resultados alcanzados.
"""

# How version 2 differs (the comments of the first consultation round asked for these).
DRAFT_V2_EDITS = [
    (
        "estándares y mejores prácticas en materia de datos abiertos.",
        "estándares y mejores prácticas en materia de datos abiertos, con prioridad en los "
        "conjuntos de datos de alto valor para la sociedad.",
    ),
    (
        "completa y oportuna, en formatos abiertos.",
        "completa y oportuna, en formatos abiertos y con documentación que explique su "
        "contenido, como diccionarios de datos.",
    ),
    (
        "Cada año se define una agenda de datos abiertos y, al final del ejercicio, se valoran "
        "los resultados alcanzados.",
        "Cada año se define una agenda de datos abiertos con indicadores y metas y, al final del "
        "ejercicio, se valoran públicamente los resultados alcanzados.",
    ),
]
DRAFT_V2_NEW_PARAGRAPH = (
    "Los organismos garantes locales acompañan la adopción de la política en cada entidad "
    "federativa."
)

EXPENSES = [
    (
        "travel",
        "Traslados para una sesión presencial (registro de demostración, ficticio)",
        "8420.00",
        "2022-03-01",
        "DEMO-001",
    ),
    (
        "technology",
        "Plataforma para la consulta en línea (registro de demostración, ficticio)",
        "48500.00",
        "2022-05-20",
        "DEMO-002",
    ),
    (
        "communication",
        "Difusión de la consulta pública (registro de demostración, ficticio)",
        "15000.00",
        "2022-06-05",
        "DEMO-003",
    ),
    (
        "professional",
        "Relatoría de mesas temáticas (registro de demostración, ficticio)",
        "32000.00",
        "2022-08-10",
        "DEMO-004",
    ),
    (
        "materials",
        "Diseño e impresión de materiales (registro de demostración, ficticio)",
        "12750.50",
        "2022-11-05",
        "DEMO-005",
    ),
]


def _draft_v2(v1_markdown_with_anchors: str) -> str:
    text = v1_markdown_with_anchors
    for old, new in DRAFT_V2_EDITS:
        text = text.replace(old, new)
    lines = text.split("\n")
    # The edited "Transparencia" paragraph loses its marker, as text pasted from a word
    # processor would: it is matched to its earlier self by similarity.
    lines = [
        line.split(" {#")[0] if line.startswith("**Transparencia.**") else line for line in lines
    ]
    text = "\n".join(lines)
    marker = "Sistema Nacional de Transparencia."
    position = text.index(marker)
    end_of_paragraph = text.index("\n", position)
    return text[:end_of_paragraph] + "\n\n" + DRAFT_V2_NEW_PARAGRAPH + text[end_of_paragraph:]


def demo_load() -> dict[str, int]:
    counter = _Counter()
    with unit_of_work(Actor.system("demo")):
        _load(counter)
    return counter.created


def _load(counter: _Counter) -> None:
    def plain(save_service: Any, name: str) -> Any:
        return lambda obj: save_service(**{name: obj, "actor": Actor.system("demo")})

    process = _ensure(
        counter, Process, {"slug": PROCESS_SLUG}, PROCESS, plain(services.process_save, "process")
    )
    for number, text in GOALS:
        _ensure(
            counter,
            Goal,
            {"process": process, "number": number},
            {"text": text},
            plain(services.goal_save, "goal"),
        )
    stages: dict[int, Stage] = {}
    for data in STAGES:
        values = {k: v for k, v in data.items() if k != "order"}
        stages[data["order"]] = _ensure(
            counter,
            Stage,
            {"process": process, "order": data["order"]},
            values,
            plain(services.stage_save, "stage"),
        )
    for data in MILESTONES:
        _ensure(
            counter,
            Milestone,
            {"process": process, "date": data["date"], "title": data["title"]},
            {"description": data["description"], "source": data["source"]},
            plain(services.milestone_save, "milestone"),
        )
    for year, relation, description in EDITION_LINKS:
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            continue
        _ensure(
            counter,
            ProcessEdition,
            {"process": process, "edition": edition},
            {"relation": relation, "description": description},
            plain(services.process_edition_save, "link"),
        )
    groups: dict[str, Group] = {}
    for data in GROUPS:
        values = {k: v for k, v in data.items() if k != "slug"}
        groups[data["slug"]] = _ensure(
            counter,
            Group,
            {"process": process, "slug": data["slug"]},
            values,
            plain(services.group_save, "group"),
        )
    inai = Organisation.objects.filter(slug="inai").first()
    _ensure(
        counter,
        Contact,
        {"process": process, "name": "Estrategia Abramos México (buzón institucional)"},
        {
            "role": "Contacto de la estrategia indicado en su presentación",
            "organisation": inai,
            "email": "abramosmexico@inai.org.mx",
            "description": "Dirección publicada en la presentación «Abramos México», que firmó el comisionado del INAI que la presentó.",
            "order": 1,
        },
        plain(services.contact_save, "contact"),
    )
    technical = groups["grupo-tecnico"]
    _ensure(
        counter,
        Meeting,
        {"process": process, "title": "Primera reunión del Grupo Técnico"},
        {
            "group": technical,
            "kind": "meeting",
            "starts_at": _at("2021-12-01", 10),
            "ends_at": _at("2021-12-01", 12),
            "date_is_approximate": True,
            "status": "held",
            "agenda": FIRST_MEETING_AGENDA,
        },
        plain(services.meeting_save, "meeting"),
    )
    _documents(counter, process)
    _fictional_records(counter, process, stages, groups)
    _commitments(counter, process, inai)


def _documents(counter: _Counter, process: Process) -> None:
    strategy = _ensure(
        counter,
        Document,
        {"process": process, "slug": "estrategia-abramos-mexico"},
        {
            "title": "Estrategia Abramos México",
            "kind": "strategy",
            "order": 1,
            "description": "Transcripción de la presentación de la estrategia (objetivos, grupos, etapas, transparencia y acciones inmediatas).",
        },
        lambda obj: services.document_save(document=obj, actor=Actor.system("demo")),
    )
    if not strategy.versions.exists():
        services.document_version_publish(
            document=strategy,
            body=STRATEGY_TEXT,
            change_summary="Transcripción de la presentación. Fecha de publicación aproximada.",
            published_at=_at("2021-05-12", 14),
            actor=Actor.system("demo"),
        )
        counter.add("documentversion")
    draft = _ensure(
        counter,
        Document,
        {"process": process, "slug": DRAFT_SLUG},
        {
            "title": "Borrador de demostración de la Política Nacional de Datos Abiertos (ficticio)",
            "kind": "draft",
            "order": 2,
            "description": (
                "**Documento ficticio de demostración**, construido con los objetivos y "
                "principios de la estrategia. Los documentos fuente no contienen el texto del "
                "borrador real, cuya consulta pública se hizo en otra plataforma."
            ),
        },
        lambda obj: services.document_save(document=obj, actor=Actor.system("demo")),
    )
    if not draft.versions.exists():
        services.document_version_publish(
            document=draft,
            body=DRAFT_V1,
            change_summary="Primera versión, para consulta pública.",
            published_at=_at("2022-05-30", 10),
            actor=Actor.system("demo"),
        )
        counter.add("documentversion")
    if draft.versions.count() == 1:
        v1 = draft.versions.get()
        services.document_version_publish(
            document=draft,
            body=_draft_v2(services.document_version_markdown(version=v1)),
            change_summary=(
                "Atiende los comentarios de la primera ronda de consulta: prioridad a los datos de "
                "alto valor, documentación de los datos, indicadores y metas en la agenda anual, y "
                "acompañamiento de los organismos garantes locales."
            ),
            published_at=_at("2022-09-15", 10),
            actor=Actor.system("demo"),
        )
        counter.add("documentversion")


def _fictional_records(
    counter: _Counter, process: Process, stages: dict[int, Stage], groups: dict[str, Group]
) -> None:
    demo_org = Organisation.objects.filter(slug=DEMO_ORG_SLUG).first()
    people = {}
    for slug, name in DEMO_PEOPLE:
        people[slug] = _ensure(
            counter,
            Person,
            {"slug": slug},
            {
                "public_name": name,
                "organisation": demo_org,
                "position": "Ficticia, de demostración",
            },
            lambda obj: person_save(person=obj, actor=Actor.system("demo")),
        )
    technical = groups["grupo-tecnico"]
    for slug, role, starts, ends in [
        ("coordinacion-tecnica-demo", "coordinator", dt.date(2021, 11, 15), None),
        ("enlace-tecnico-a-demo", "technical_liaison", dt.date(2021, 11, 15), None),
        (
            "enlace-tecnico-b-demo",
            "technical_liaison",
            dt.date(2021, 11, 15),
            dt.date(2022, 12, 15),
        ),
    ]:
        _ensure(
            counter,
            Membership,
            {"group": technical, "person": people[slug], "role": role},
            {"organisation": demo_org, "starts_on": starts, "ends_on": ends},
            lambda obj: services.membership_save(membership=obj, actor=Actor.system("demo")),
        )
    if demo_org is not None:
        _ensure(
            counter,
            Membership,
            {"group": groups["grupo-especializado"], "organisation": demo_org, "person": None},
            {
                "role": "member",
                "starts_on": dt.date(2022, 3, 16),
                "note": "Organización ficticia, de demostración",
            },
            lambda obj: services.membership_save(membership=obj, actor=Actor.system("demo")),
        )
    past = _ensure(
        counter,
        Meeting,
        {"process": process, "title": "Sesión de demostración del Grupo Técnico (ficticia)"},
        {
            "group": technical,
            "kind": "session",
            "starts_at": _at("2022-05-20", 10),
            "ends_at": _at("2022-05-20", 12, 30),
            "status": "held",
            "location": "Sede de demostración (ficticia)",
            "agenda": "1. Presentación del borrador de demostración\n2. Calendario de la consulta pública\n3. Asuntos generales",
            "minutes": (
                "*Minuta ficticia de demostración.* Se presentó el borrador y se acordó abrir la "
                "consulta pública del 1 de junio al 31 de julio de 2022."
            ),
            "other_attendees": 12,
        },
        lambda obj: services.meeting_save(meeting=obj, actor=Actor.system("demo")),
    )
    for slug, status in [
        ("coordinacion-tecnica-demo", "present"),
        ("enlace-tecnico-a-demo", "present"),
        ("enlace-tecnico-b-demo", "excused"),
    ]:
        _ensure(
            counter,
            Attendance,
            {"meeting": past, "person": people[slug]},
            {"organisation": demo_org, "status": status},
            lambda obj: services.attendance_save(attendance=obj, actor=Actor.system("demo")),
        )
    for number, text, due, status, completed in [
        (
            1,
            "Abrir la consulta pública del borrador de demostración del 1 de junio al 31 de julio de 2022.",
            dt.date(2022, 6, 1),
            "done",
            dt.date(2022, 6, 1),
        ),
        (
            2,
            "Responder cada comentario de la consulta y publicar una versión nueva del borrador.",
            dt.date(2022, 9, 30),
            "done",
            dt.date(2022, 9, 15),
        ),
        (
            3,
            "Publicar el informe de gastos de la etapa de desarrollo.",
            dt.date(2023, 1, 31),
            "pending",
            None,
        ),
    ]:
        _ensure(
            counter,
            Agreement,
            {"meeting": past, "number": number},
            {
                "text": text,
                "owner_group": technical,
                "owner_person": people["coordinacion-tecnica-demo"] if number == 3 else None,
                "due_on": due,
                "status": status,
                "completed_on": completed,
            },
            lambda obj: services.agreement_save(agreement=obj, actor=Actor.system("demo")),
        )
    draft = Document.objects.filter(process=process, slug=DRAFT_SLUG).first()
    if draft is not None:
        _ensure(
            counter,
            MeetingAttachment,
            {"meeting": past, "title": "Borrador de demostración (versión 1)"},
            {"document": draft},
            lambda obj: services.attachment_save(attachment=obj, actor=Actor.system("demo")),
        )
    _ensure(
        counter,
        Meeting,
        {"process": process, "title": "Reunión de seguimiento de demostración (ficticia)"},
        {
            "group": technical,
            "kind": "meeting",
            "starts_at": _at("2027-03-10", 10),
            "ends_at": _at("2027-03-10", 12),
            "status": "scheduled",
            "location": "Sede de demostración (ficticia)",
            "online_url": "",
            "agenda": "1. Avance de los compromisos de demostración 2026\n2. Agenda anual 2027\n3. Asuntos generales",
        },
        lambda obj: services.meeting_save(meeting=obj, actor=Actor.system("demo")),
    )
    for index, (concept, description, amount, day, reference) in enumerate(EXPENSES, start=1):
        expense = _ensure(
            counter,
            Expense,
            {"process": process, "reference": reference},
            {
                "concept": concept,
                "description": description,
                "amount": Decimal(amount),
                "spent_on": dt.date.fromisoformat(day),
                "supplier": f"Proveedor de demostración {chr(64 + index)} (ficticio)",
            },
            lambda obj: services.expense_save(expense=obj, actor=Actor.system("demo")),
        )
        if index == 2 and not expense.supporting_document:
            expense.supporting_document.save(
                "comprobante-demostracion.txt",
                ContentFile(
                    "Comprobante ficticio de demostración. No corresponde a ningún gasto real.\n".encode()
                ),
                save=False,
            )
            services.expense_save(expense=expense, actor=Actor.system("demo"))


def _commitments(counter: _Counter, process: Process, inai: Organisation | None) -> None:
    editions = {e.year: e for e in Edition.objects.filter(year__in=(2021, 2022, 2023, 2024))}
    data: list[dict[str, Any]] = [
        {
            "code": "C-2021-01",
            "title": "Construir una Política Nacional de Datos Abiertos de alcance nacional, en el marco del SNT",
            "description": (
                "Al cerrar la DATACON 2021, el INAI se comprometió a impulsar un grupo de trabajo "
                "multiactor con el objetivo de dar paso a la construcción de una política pública "
                "de alcance nacional en materia de datos abiertos que se desarrolle en el marco "
                "del SNT (memoria de la DATACON 2021)."
            ),
            "source": "datacon",
            "is_demo": False,
            "edition": editions.get(2021),
            "owner": "INAI",
            "owner_organisation": inai,
            "indicator": "Pasos cumplidos: aprobación por el Consejo Nacional del SNT (1) y publicación en el DOF (2)",
            "unit": "pasos",
            "baseline": Decimal("0"),
            "target": Decimal("2"),
            "starts_year": 2021,
            "due_on": None,
            "reports": [
                (
                    "2023-10-09",
                    "1",
                    "Aprobada por el Consejo Nacional del SNT el 9 de octubre de 2023 (nota conceptual de la DATACON 2024).",
                ),
                (
                    "2023-11-10",
                    "2",
                    "Publicada en el Diario Oficial de la Federación el 10 de noviembre de 2023 (nota conceptual de la DATACON 2024).",
                ),
            ],
        },
        {
            "code": "C-2021-02",
            "title": "Celebrar la DATACON cada año",
            "description": (
                "La memoria de la DATACON 2021 establece que la conferencia deberá llevarse a cabo "
                "de manera anual, para que sus conclusiones posicionen una agenda de datos abiertos "
                "que se valore al final de cada ejercicio. Meta: una edición por año de 2021 a 2024."
            ),
            "source": "datacon",
            "is_demo": False,
            "edition": editions.get(2021),
            "owner": "INAI (Comité Organizador)",
            "owner_organisation": inai,
            "indicator": "Ediciones celebradas desde 2021",
            "unit": "ediciones",
            "baseline": Decimal("0"),
            "target": Decimal("4"),
            "starts_year": 2021,
            "due_on": dt.date(2024, 12, 31),
            "reports": [
                ("2021-05-12", "1", "DATACON 2021, 11 y 12 de mayo de 2021 (memoria)."),
                (
                    "2022-12-31",
                    "2",
                    "DATACON 2022 en Nuevo León, Jalisco y Quintana Roo (nota conceptual); las fuentes no dan su fecha: corte al cierre del año.",
                ),
                (
                    "2023-12-31",
                    "3",
                    "DATACON 2023 (nota conceptual de 2024); las fuentes no dan su fecha: corte al cierre del año.",
                ),
                ("2024-10-18", "4", "DATACON 2024, 17 y 18 de octubre de 2024 (nota conceptual)."),
            ],
        },
        {
            "code": "C-2025-D1",
            "title": "Compromiso de demostración (ficticio): publicar conjuntos de datos de alto valor",
            "description": "*Registro ficticio de demostración.*",
            "source": "policy",
            "is_demo": True,
            "edition": None,
            "owner": "Grupo Técnico (demostración)",
            "owner_organisation": None,
            "indicator": "Conjuntos de datos de alto valor publicados",
            "unit": "conjuntos",
            "baseline": Decimal("0"),
            "target": Decimal("20"),
            "starts_year": 2025,
            "due_on": dt.date(2026, 12, 31),
            "reports": [
                ("2025-06-30", "5", "Informe semestral de demostración (ficticio)."),
                ("2025-12-15", "9", "Informe anual de demostración (ficticio)."),
                ("2026-06-30", "14", "Informe semestral de demostración (ficticio)."),
            ],
        },
        {
            "code": "C-2025-D2",
            "title": "Compromiso de demostración (ficticio): capacitar a personas servidoras públicas en la política",
            "description": "*Registro ficticio de demostración.*",
            "source": "policy",
            "is_demo": True,
            "edition": None,
            "owner": "Grupo Técnico (demostración)",
            "owner_organisation": None,
            "indicator": "Personas servidoras públicas capacitadas",
            "unit": "personas",
            "baseline": Decimal("0"),
            "target": Decimal("500"),
            "starts_year": 2025,
            "due_on": dt.date(2025, 12, 31),
            "reports": [("2025-12-01", "350", "Listas de asistencia de demostración (ficticias).")],
        },
        {
            "code": "C-2026-D3",
            "title": "Compromiso de demostración (ficticio): reducir el tiempo de publicación de datos actualizados",
            "description": "*Registro ficticio de demostración.* Un indicador que debe bajar: la meta es menor que la línea base.",
            "source": "policy",
            "is_demo": True,
            "edition": None,
            "owner": "Grupo Técnico (demostración)",
            "owner_organisation": None,
            "indicator": "Días entre la actualización de un dato y su publicación",
            "unit": "días",
            "baseline": Decimal("30"),
            "target": Decimal("10"),
            "starts_year": 2026,
            "due_on": dt.date(2027, 12, 31),
            "reports": [("2026-09-30", "22", "Medición de demostración (ficticia).")],
        },
    ]
    for item in data:
        reports = item.pop("reports")
        code = item.pop("code")
        commitment = _ensure(
            counter,
            Commitment,
            {"process": process, "code": code},
            item,
            lambda obj: services.commitment_save(commitment=obj, actor=Actor.system("demo")),
        )
        for day, value, evidence in reports:
            _ensure(
                counter,
                ProgressReport,
                {"commitment": commitment, "reported_on": dt.date.fromisoformat(day)},
                {"value": Decimal(value), "evidence": evidence},
                lambda obj: services.progress_report_save(report=obj, actor=Actor.system("demo")),
            )
    _ensure(
        counter,
        YearAssessment,
        {"process": process, "year": 2023},
        {
            "published": True,
            "summary": (
                "La Política Nacional de Datos Abiertos, ConDATOS, fue aprobada por el Consejo "
                "Nacional del SNT el 9 de octubre de 2023 y publicada en el Diario Oficial de la "
                "Federación el 10 de noviembre de 2023, con lo que se cumplió el compromiso "
                "asumido al cierre de la DATACON 2021. La DATACON mantuvo su celebración anual."
            ),
        },
        lambda obj: services.year_assessment_save(assessment=obj, actor=Actor.system("demo")),
    )
    _ensure(
        counter,
        YearAssessment,
        {"process": process, "year": 2025},
        {
            "published": True,
            "summary": (
                "*Valoración ficticia de demostración.* La capacitación quedó en 70 % de su meta "
                "al cierre del año y la publicación de datos de alto valor avanzó al 45 %."
            ),
        },
        lambda obj: services.year_assessment_save(assessment=obj, actor=Actor.system("demo")),
    )
