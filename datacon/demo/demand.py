"""Demo data of the demand capability. Idempotent: a second run writes nothing.

Facts, from the seed documents only:

* DATACON 2021 memoria: on the second day "se determinaron necesidades de
  información estratégicas … para contribuir a la investigación y seguimiento
  de agendas de derechos humanos encabezadas por OSC, y se determinaron los
  actores clave que generan o resguardan dicha información con el objetivo de
  … buscar su apertura gradual" (the memoria does not list them);
* the same memoria: INAI and its allies presented Contrataciones Abiertas,
  Infraestructura Abierta and Publicidad Abierta (sessions S0103–S0105), which
  "buscan transparentar y publicar en datos abiertos información completa,
  oportuna y accesible sobre estas temáticas de alto interés público"; and the
  workshop S0203 «Abrir datos con perspectiva de género»;
* DATACON 2024 concept note: the workshop S0202 «Hacia la definición de
  Estándares Para la Publicación y Reutilización de Conjuntos de Datos de Alto
  Valor».

These records are in data/demand.yaml. Everything else is a clearly labelled
demonstration record ("(demostración)" in the title, `is_demo=True`), and the
access-to-information requests are the bundled synthetic sample (fictional
institutions "… de Muestra").
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from datacon.common.actor import Actor
from datacon.demand.analysis.run import requests_analyse
from datacon.demand.catalogue import project_dataset_add, project_save, standard_create
from datacon.demand.importer import requests_import
from datacon.demand.models import (
    AnalysisRun,
    DataStandard,
    ImportRun,
    ImportStatus,
    InformationNeed,
    InformationRequest,
    NeedOrigin,
    NeedStatus,
    ReuseProject,
)
from datacon.demand.models_requests import SYNTHETIC_SOURCE
from datacon.demand.services import (
    need_create,
    need_mention_add,
    need_standard_set,
    need_status_set,
    need_support,
)
from datacon.demo.records import records_read
from datacon.demo.synthetic_requests import SAMPLE_PATH

_FACTS = records_read("demand")
MEMORIA_2021: str = _FACTS["sources"]["memoria_2021"]
NOTE_2024: str = _FACTS["sources"]["note_2024"]
HIGH_PUBLIC_INTEREST: str = _FACTS["sources"]["high_public_interest"]

# The needs the seed documents record; mentions are (kind, year, session code or None).
FACT_NEEDS: list[dict[str, Any]] = [
    {
        **need,
        **({"status": NeedStatus(need["status"])} if "status" in need else {}),
        "mentions": [tuple(mention) for mention in need["mentions"]],
    }
    for need in _FACTS["fact_needs"]
]

DEMO_STANDARD: dict[str, Any] = {
    "name": "Estándar de abasto de medicamentos por unidad médica (demostración)",
    "data_format": "CSV (UTF-8) y JSON",
    "update_frequency": "monthly",
    "description": (
        "**Registro ficticio** para mostrar cómo se describe un estándar: campos, formato, "
        "frecuencia de actualización y licencia."
    ),
    "fields": [
        {
            "name": "clues",
            "type": "texto",
            "description": "Clave de la unidad médica",
            "required": True,
        },
        {
            "name": "clave_medicamento",
            "type": "texto",
            "description": "Clave del cuadro básico",
            "required": True,
        },
        {
            "name": "piezas_solicitadas",
            "type": "entero",
            "description": "Piezas recetadas en el mes",
            "required": True,
        },
        {
            "name": "piezas_surtidas",
            "type": "entero",
            "description": "Piezas entregadas en el mes",
            "required": True,
        },
        {
            "name": "mes",
            "type": "fecha (AAAA-MM)",
            "description": "Mes del registro",
            "required": True,
        },
    ],
}

DEMO_NEEDS: list[dict[str, Any]] = [
    {
        "slug": "demo-padron-beneficiarios-por-municipio",
        "title": "Padrón de beneficiarios de programas sociales por municipio (demostración)",
        "description": "**Registro ficticio.** Beneficiarios, montos y localidades de cada programa social, por municipio y por mes.",
        "justification": "Verificar que los apoyos lleguen a quienes más los necesitan.",
        "rights": "Derecho a la alimentación y a un nivel de vida adecuado.",
        "sector": "social",
        "level": "several",
        "status": NeedStatus.IN_PROGRESS,
        "status_reason": "Ejemplo ficticio de una necesidad en proceso de apertura.",
        "supports": 3,
    },
    {
        "slug": "demo-abasto-medicamentos",
        "title": "Abasto de medicamentos por unidad médica (demostración)",
        "description": "**Registro ficticio.** Recetas surtidas y no surtidas por clave de medicamento y unidad médica.",
        "rights": "Derecho a la salud.",
        "sector": "health",
        "level": "federal",
        "status": NeedStatus.ACCEPTED,
        "status_reason": "Ejemplo ficticio de una necesidad aceptada como de alto valor.",
        "standard": True,
        "supports": 2,
    },
    {
        "slug": "demo-calidad-agua-por-colonia",
        "title": "Calidad del agua potable por colonia (demostración)",
        "description": "**Registro ficticio.** Resultados de laboratorio de la calidad del agua por colonia y fecha de muestreo.",
        "rights": "Derecho al agua y a un medio ambiente sano.",
        "sector": "environment",
        "level": "municipal",
        "supports": 1,
    },
    {
        "slug": "demo-agua-potable-colonias-otra",
        "title": "Análisis del agua de la llave en mi colonia (demostración)",
        "description": "**Registro ficticio** de una propuesta duplicada.",
        "sector": "environment",
        "duplicate_of": "demo-calidad-agua-por-colonia",
    },
    {
        "slug": "demo-celulares-servidores-publicos",
        "title": "Teléfonos celulares personales de servidores públicos (demostración)",
        "description": "**Registro ficticio** de una propuesta no aceptada.",
        "sector": "government",
        "status": NeedStatus.REFUSED,
        "status_reason": "Los teléfonos personales son datos personales; el directorio institucional ya es público.",
    },
    {
        "slug": "demo-obras-en-proceso",
        "title": "Obras públicas en proceso con su avance físico (demostración)",
        "description": "**Registro ficticio** de una necesidad ya abierta.",
        "sector": "infrastructure",
        "level": "state",
        "status": NeedStatus.OPENED,
        "status_reason": "Ejemplo ficticio: la institución publicó el conjunto.",
        "opened_url": "https://datos.example.org/obras-en-proceso",
    },
]

# The reuse initiatives the 2021 memoria records; session is (year, code).
PROJECTS: list[dict[str, Any]] = [
    {**project, "session": tuple(project["session"])} for project in _FACTS["projects"]
]
PROJECT_TEAM: str = _FACTS["project_team"]
PROJECT_DESCRIPTION: str = _FACTS["project_description"]

DEMO_PROJECTS: list[dict[str, Any]] = [
    {
        "slug": "demo-mapa-demanda-por-entidad",
        "title": "Mapa de la demanda de información por entidad (demostración)",
        "kind": "map",
        "sector": "government",
        "summary": "Proyecto ficticio: un mapa que colorea cada entidad según las solicitudes de información que presenta su población.",
        "team": "Equipo de demostración (ficticio)",
        "dataset_url": "https://datos.example.org/demanda-mensual.csv",
        "dataset_title": "Demanda de información por mes (ejemplo)",
    },
    {
        "slug": "demo-historia-padron",
        "title": "El padrón que nadie publica (demostración)",
        "kind": "story",
        "sector": "social",
        "summary": "Historia ficticia de periodismo de datos construida a partir de solicitudes repetidas sobre un padrón de beneficiarios.",
        "team": "Redacción de demostración (ficticia)",
        "need": "demo-padron-beneficiarios-por-municipio",
    },
]

DEMO_SUPPORTER_EMAILS = [f"apoyo-demo-{n}@datacon.demo" for n in range(1, 4)]


def demo_load() -> dict[str, int]:
    created: dict[str, int] = {}

    def count(label: str) -> None:
        created[label] = created.get(label, 0) + 1

    from datacon.editions.models import Edition
    from datacon.people.models import Organisation
    from datacon.program.models import Session

    editions = {edition.year: edition for edition in Edition.objects.all()}
    sessions = {
        (year, code): session
        for session, year, code in (
            (s, s.edition.year, s.code) for s in Session.objects.select_related("edition")
        )
    }
    needs: dict[str, InformationNeed] = {
        need.slug: need for need in InformationNeed.objects.filter(slug__in=_all_slugs())
    }
    for data in FACT_NEEDS:
        need = needs.get(data["slug"])
        if need is None:
            need = _create_need(data, is_demo=False)
            needs[need.slug] = need
            count("informationneed")
        for kind, year, code in data["mentions"]:
            target = editions.get(year) if kind == "edition" else sessions.get((year, code))
            if target is not None and not need.mentions.filter(object_id=target.pk).exists():
                need_mention_add(need=need, target=target, actor=Actor.system("demo"))
                count("needmention")
    standard = DataStandard.objects.filter(name=DEMO_STANDARD["name"]).first()
    if standard is None:
        standard = standard_create(actor=Actor.system("demo"), is_demo=True, **DEMO_STANDARD)
        count("datastandard")
    supporters = _demo_supporters(count)
    for data in DEMO_NEEDS:
        need = needs.get(data["slug"])
        if need is not None:
            continue
        need = _create_need(data, is_demo=True)
        needs[need.slug] = need
        count("informationneed")
        if data.get("standard"):
            need_standard_set(need=need, standard=standard, actor=Actor.system("demo"))
        if data.get("duplicate_of"):
            need_status_set(
                need=need,
                status=NeedStatus.DUPLICATE,
                reason="Pide los mismos datos que otra propuesta (ejemplo ficticio).",
                duplicate_of=needs[data["duplicate_of"]],
                actor=Actor.system("demo"),
            )
        for user in supporters[: data.get("supports", 0)]:
            need_support(need=need, actor=Actor.of(user))
    inai = Organisation.objects.filter(slug="inai").first()
    for data in PROJECTS:
        if ReuseProject.objects.filter(slug=data["slug"]).exists():
            continue
        session = sessions.get(data["session"])
        project = project_save(
            project=ReuseProject(
                slug=data["slug"],
                title=data["title"],
                kind=data["kind"],
                sector=data["sector"],
                summary=data["summary"],
                description=PROJECT_DESCRIPTION,
                team=PROJECT_TEAM,
                edition=session.edition if session else editions.get(data["session"][0]),
                session=session,
                source_note=MEMORIA_2021,
            ),
            actor=Actor.system("demo"),
        )
        if inai is not None:
            project.organisations.add(inai)
        project_dataset_add(
            project=project, need=needs.get(data["need"]), actor=Actor.system("demo")
        )
        count("reuseproject")
    demo_edition = Edition.objects.filter(slug="2027-demo").first()
    for data in DEMO_PROJECTS:
        if ReuseProject.objects.filter(slug=data["slug"]).exists():
            continue
        project = project_save(
            project=ReuseProject(
                slug=data["slug"],
                title=data["title"],
                kind=data["kind"],
                sector=data["sector"],
                summary=data["summary"],
                description="**Proyecto ficticio** para mostrar cómo se ve un proyecto de reutilización.",
                team=data["team"],
                edition=demo_edition,
                is_demo=True,
            ),
            actor=Actor.system("demo"),
        )
        project_dataset_add(
            project=project,
            need=needs.get(data.get("need", "")),
            title=data.get("dataset_title", ""),
            url=data.get("dataset_url", ""),
            actor=Actor.system("demo"),
        )
        count("reuseproject")
    if _sample_import_needed():
        report = requests_import(
            path=SAMPLE_PATH, source=SYNTHETIC_SOURCE, actor=Actor.system("demo")
        )
        created["informationrequest"] = report.created
    analysed = (
        AnalysisRun.objects.filter(is_current=True)
        .values_list("requests_analysed", flat=True)
        .first()
    )
    total = InformationRequest.objects.count()
    if total and analysed != total:
        requests_analyse(actor=Actor.system("demo"))
        count("analysisrun")
    return created


def _all_slugs() -> list[str]:
    return [data["slug"] for data in [*FACT_NEEDS, *DEMO_NEEDS]]


def _create_need(data: dict[str, Any], *, is_demo: bool) -> InformationNeed:
    need = need_create(
        title=data["title"],
        description=data["description"],
        justification=data.get("justification", ""),
        rights=data.get("rights", ""),
        sector=data["sector"],
        level=data.get("level", ""),
        origin=NeedOrigin.EVENT if not is_demo else NeedOrigin.PROPOSAL,
        status=data.get("status", NeedStatus.PROPOSED),
        status_reason=data.get("status_reason", ""),
        opened_url=data.get("opened_url", ""),
        is_demo=is_demo,
        source_note=data.get("source_note", ""),
        slug=data["slug"],
        actor=Actor.system("demo"),
    )
    return need


def _demo_supporters(count: Any) -> list[Any]:
    """Accounts without names or passwords, only so demonstration needs show supports."""
    User = get_user_model()
    users = []
    for email in DEMO_SUPPORTER_EMAILS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(username=email.split("@")[0], email=email)
            user.set_unusable_password()
            user.save()
            count("user")
        users.append(user)
    return users


def _sample_import_needed() -> bool:
    if not InformationRequest.objects.filter(source=SYNTHETIC_SOURCE).exists():
        return True
    last = (
        ImportRun.objects.filter(source=SYNTHETIC_SOURCE, status=ImportStatus.DONE, dry_run=False)
        .order_by("-started_at")
        .first()
    )
    import hashlib

    digest = hashlib.sha256(SAMPLE_PATH.read_bytes()).hexdigest()
    return last is None or last.file_sha256 != digest
