"""Open datasets of the policy theme: processes, stages, milestones, groups, members,
meetings, attendance, agreements, document versions, expenses, contacts,
commitments and progress reports.

Only public processes (active or closed). People appear only by their public
name, as members of a group or attendees of a meeting (public roles); contacts
are the institutional ones the process publishes. One query per dataset,
primary-key order, plain values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings

from datacon.common.urls import absolute_url
from datacon.common.versions import POLICY
from datacon.opendata.registry import Column, Dataset, dataset_register
from datacon.policy.models import (
    PUBLIC_PROCESS_STATUSES,
    Contact,
    DocumentVersion,
    Expense,
    Group,
    Membership,
    Milestone,
    Process,
    Stage,
)

PUBLIC = {"status__in": PUBLIC_PROCESS_STATUSES}


def _under(prefix: str) -> dict[str, Any]:
    return {f"{prefix}__status__in": PUBLIC_PROCESS_STATUSES}


def _url(name: str, **kwargs: Any) -> str:
    return absolute_url(f"public:{name}", **kwargs)


def _file_url(name: str) -> str:
    return absolute_url(settings.MEDIA_URL + name) if name else ""


def process_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    for row in Process.objects.filter(**PUBLIC).order_by("pk").values():
        yield {
            "id": row["id"],
            "proceso": row["slug"],
            "titulo": row["title"],
            "nombre_corto": row["short_title"],
            "estado": row["status"],
            "resumen": row["summary"],
            "correo": row["email"],
            "sitio_web": row["website"],
            "url": _url("policy_process", process=row["slug"]),
        }


def stage_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Stage.objects.filter(**_under("process")).order_by("pk")
    for row in rows.values(
        "pk",
        "process__slug",
        "order",
        "name",
        "description",
        "starts_on",
        "ends_on",
        "dates_approximate",
        "dates_note",
    ):
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "orden": row["order"],
            "nombre": row["name"],
            "descripcion": row["description"],
            "inicio": row["starts_on"],
            "termino": row["ends_on"],
            "fechas_aproximadas": row["dates_approximate"],
            "nota_fechas": row["dates_note"],
        }


def milestone_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Milestone.objects.filter(**_under("process")).order_by("pk")
    for row in rows.values(
        "pk", "process__slug", "date", "title", "description", "source", "url", "stage__name"
    ):
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "fecha": row["date"],
            "hito": row["title"],
            "descripcion": row["description"],
            "etapa": row["stage__name"] or "",
            "fuente": row["source"],
            "enlace": row["url"],
        }


def group_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Group.objects.filter(**_under("process")).order_by("pk")
    for row in rows.values(
        "pk", "process__slug", "slug", "name", "kind", "mandate", "installed_on", "dissolved_on"
    ):
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "grupo": row["slug"],
            "nombre": row["name"],
            "tipo": row["kind"],
            "mandato": row["mandate"],
            "instalacion": row["installed_on"],
            "conclusion": row["dissolved_on"],
        }


def membership_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Membership.objects.filter(**_under("group__process")).order_by("pk")
    for row in rows.values(
        "pk",
        "group__process__slug",
        "group__slug",
        "person__public_name",
        "organisation__name",
        "role",
        "starts_on",
        "ends_on",
    ):
        yield {
            "id": row["pk"],
            "proceso": row["group__process__slug"],
            "grupo": row["group__slug"],
            "persona": row["person__public_name"] or "",
            "organizacion": row["organisation__name"] or "",
            "papel": row["role"],
            "desde": row["starts_on"],
            "hasta": row["ends_on"],
        }


def version_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    from datacon.policy.counts import count_of
    from datacon.policy.models import Paragraph

    rows = (
        DocumentVersion.objects.filter(**_under("document__process"))
        .annotate(paragraph_total=count_of(Paragraph, "version"))
        .order_by("pk")
        .values(
            "pk", "document__process__slug", "document__slug", "document__title",
            "document__kind", "number", "published_at", "change_summary", "file",
            "paragraph_total",
        )
    )  # fmt: skip
    for row in rows:
        yield {
            "id": row["pk"],
            "proceso": row["document__process__slug"],
            "documento": row["document__slug"],
            "titulo": row["document__title"],
            "tipo": row["document__kind"],
            "version": row["number"],
            "publicada": row["published_at"],
            "resumen_cambios": row["change_summary"],
            "parrafos": row["paragraph_total"],
            "archivo": _file_url(row["file"]),
            "url": _url(
                "policy_document_version",
                process=row["document__process__slug"],
                document=row["document__slug"],
                number=row["number"],
            ),
        }


def expense_rows(
    _edition: object = None, *, process_id: int | None = None
) -> Iterator[dict[str, Any]]:
    rows = Expense.objects.filter(**_under("process")).order_by("pk")
    if process_id is not None:
        rows = rows.filter(process_id=process_id)
    for row in rows.values(
        "pk", "process__slug", "stage__name", "concept", "description", "amount", "spent_on",
        "supplier", "reference", "supporting_document", "supporting_url",
    ):  # fmt: skip
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "etapa": row["stage__name"] or "",
            "concepto": row["concept"],
            "descripcion": row["description"],
            "monto_mxn": float(row["amount"]),
            "fecha": row["spent_on"],
            "proveedor": row["supplier"],
            "folio": row["reference"],
            "comprobante": _file_url(row["supporting_document"]) or row["supporting_url"],
        }


def contact_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Contact.objects.filter(**_under("process")).order_by("pk")
    for row in rows.values(
        "pk", "process__slug", "name", "role", "organisation__name", "email", "phone"
    ):
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "nombre": row["name"],
            "responsabilidad": row["role"],
            "organizacion": row["organisation__name"] or "",
            "correo": row["email"],
            "telefono": row["phone"],
        }


# The English version of each policy dataset's title and description (common.bilingual).
_ENGLISH: dict[str, tuple[str, str]] = {
    "procesos": (
        "Public policy processes",
        "Processes of building public policy in the open (for example, Abramos México).",
    ),
    "etapas": (
        "Process stages",
        "Stages with their dates; some dates are approximate and are marked as such.",
    ),
    "hitos": (
        "Process milestones",
        "Dated events of each process, with their source.",
    ),
    "grupos": (
        "Working groups",
        "Working groups of each process, with their mandate.",
    ),
    "integrantes": (
        "Working group members",
        "People and organisations that are members of each group, with their role and dates.",
    ),
    "documentos-versiones": (
        "Document versions",
        "Each published version of each document (methodology, drafts, annexes...); earlier versions are kept.",
    ),
    "gastos": (
        "Process expenses",
        "Resources spent in each process: item, amount in Mexican pesos, date, supplier and receipt.",
    ),
    "contactos": (
        "Contacts responsible for the processes",
        "Institutional contacts of the responsible offices.",
    ),
    "compromisos": (
        "Commitments and their progress",
        "Commitments of the policy and of each DATACON's conclusions, with indicator, target and progress (0 to 1) according to the latest report.",
    ),
    "avances": (
        "Commitment progress reports",
        "Each progress report with its cut-off date, value and evidence.",
    ),
    "reuniones": (
        "Meetings and activities",
        "Meetings of the groups and public activities, with agenda and minutes.",
    ),
    "asistencia-a-reuniones": (
        "Meeting attendance",
        "Who attended each meeting (people by their public name, or organisations).",
    ),
    "acuerdos": (
        "Meeting agreements",
        "Agreements with the party responsible, due date and status.",
    ),
}


def _register(
    slug: str,
    title: str,
    description: str,
    rows: Any,
    columns: tuple[Column, ...],
    keywords: tuple[str, ...] = (),
) -> Dataset:
    return dataset_register(
        Dataset(
            slug=slug,
            title=title,
            description=description,
            title_en=_ENGLISH[slug][0],
            description_en=_ENGLISH[slug][1],
            theme="policy",
            per_edition=False,
            scopes=(POLICY,),
            primary_key=("id",),
            keywords=("política nacional de datos abiertos", *keywords),
            rows=rows,
            columns=columns,
        )
    )


ID = Column("id", "integer", "Identificador del registro.", required=True)
PROCESS = Column("proceso", "string", "Proceso de política pública (identificador).", required=True)

PROCESSES_DATASET = _register(
    "procesos",
    "Procesos de política pública",
    "Procesos de construcción pública de políticas (por ejemplo, Abramos México).",
    process_rows,
    (
        ID,
        PROCESS,
        Column("titulo", "string", "Título.", required=True),
        Column("nombre_corto", "string", "Nombre corto."),
        Column(
            "estado", "string", "active (en curso) o closed (concluido).", enum=("active", "closed")
        ),
        Column("resumen", "string", "Resumen (Markdown)."),
        Column("correo", "string", "Correo institucional del proceso."),
        Column("sitio_web", "string", "Sitio web."),
        Column("url", "string", "Página del proceso en esta plataforma."),
    ),
)
STAGES_DATASET = _register(
    "etapas",
    "Etapas de los procesos",
    "Etapas con sus fechas; algunas fechas son aproximadas y así se indica.",
    stage_rows,
    (
        ID,
        PROCESS,
        Column("orden", "integer", "Orden de la etapa."),
        Column("nombre", "string", "Nombre.", required=True),
        Column("descripcion", "string", "Descripción (Markdown)."),
        Column("inicio", "date", "Fecha de inicio.", required=True),
        Column("termino", "date", "Fecha de término (vacía si sigue abierta)."),
        Column("fechas_aproximadas", "boolean", "Las fechas son aproximadas."),
        Column("nota_fechas", "string", "Nota sobre las fechas."),
    ),
)
MILESTONES_DATASET = _register(
    "hitos",
    "Hitos de los procesos",
    "Hechos fechados de cada proceso, con su fuente.",
    milestone_rows,
    (
        ID,
        PROCESS,
        Column("fecha", "date", "Fecha.", required=True),
        Column("hito", "string", "Hito.", required=True),
        Column("descripcion", "string", "Descripción."),
        Column("etapa", "string", "Etapa en la que ocurrió."),
        Column("fuente", "string", "Documento que da fe del hito."),
        Column("enlace", "string", "Enlace."),
    ),
)
GROUPS_DATASET = _register(
    "grupos",
    "Grupos de trabajo",
    "Grupos de trabajo de cada proceso con su mandato.",
    group_rows,
    (
        ID,
        PROCESS,
        Column("grupo", "string", "Identificador del grupo.", required=True),
        Column("nombre", "string", "Nombre.", required=True),
        Column(
            "tipo",
            "string",
            "steering (impulsor), technical (técnico), specialised (especializado) u other.",
            enum=("steering", "technical", "specialised", "other"),
        ),
        Column("mandato", "string", "Mandato."),
        Column("instalacion", "date", "Fecha de instalación."),
        Column("conclusion", "date", "Fecha de conclusión."),
    ),
)
MEMBERS_DATASET = _register(
    "integrantes",
    "Integrantes de los grupos de trabajo",
    "Personas y organizaciones integrantes de cada grupo, con su papel y sus fechas.",
    membership_rows,
    (
        ID,
        PROCESS,
        Column("grupo", "string", "Grupo.", required=True),
        Column("persona", "string", "Nombre público de la persona (si aplica)."),
        Column("organizacion", "string", "Organización integrante o representada."),
        Column(
            "papel",
            "string",
            "coordinator, member, technical_liaison, secretariat u observer.",
            enum=("coordinator", "member", "technical_liaison", "secretariat", "observer"),
        ),
        Column("desde", "date", "Inicio."),
        Column("hasta", "date", "Término."),
    ),
)
VERSIONS_DATASET = _register(
    "documentos-versiones",
    "Versiones de los documentos",
    "Cada versión publicada de cada documento (metodología, borradores, anexos...); las anteriores se conservan.",
    version_rows,
    (
        ID,
        PROCESS,
        Column("documento", "string", "Documento.", required=True),
        Column("titulo", "string", "Título del documento."),
        Column("tipo", "string", "Tipo de documento."),
        Column("version", "integer", "Número de versión.", required=True),
        Column("publicada", "datetime", "Fecha de publicación."),
        Column("resumen_cambios", "string", "Resumen de cambios."),
        Column("parrafos", "integer", "Párrafos y títulos de la versión."),
        Column("archivo", "string", "Archivo descargable."),
        Column("url", "string", "Página de la versión."),
    ),
)
EXPENSES_DATASET = _register(
    "gastos",
    "Gastos de los procesos",
    "Recursos ejercidos en cada proceso: concepto, monto en pesos mexicanos, fecha, proveedor y comprobante.",
    expense_rows,
    (
        ID,
        PROCESS,
        Column("etapa", "string", "Etapa del proceso."),
        Column(
            "concepto",
            "string",
            "Concepto del gasto.",
            required=True,
            enum=(
                "venue",
                "travel",
                "communication",
                "technology",
                "professional",
                "materials",
                "other",
            ),
        ),
        Column("descripcion", "string", "Descripción."),
        Column("monto_mxn", "number", "Monto en pesos mexicanos (MXN).", required=True),
        Column("fecha", "date", "Fecha del gasto.", required=True),
        Column("proveedor", "string", "Proveedor."),
        Column("folio", "string", "Folio de factura o contrato."),
        Column("comprobante", "string", "Enlace al comprobante."),
    ),
    ("transparencia", "gasto público"),
)
CONTACTS_DATASET = _register(
    "contactos",
    "Contactos responsables de los procesos",
    "Contactos institucionales de las áreas responsables.",
    contact_rows,
    (
        ID,
        PROCESS,
        Column("nombre", "string", "Nombre o área.", required=True),
        Column("responsabilidad", "string", "Responsabilidad."),
        Column("organizacion", "string", "Organización."),
        Column("correo", "string", "Correo institucional."),
        Column("telefono", "string", "Teléfono institucional."),
    ),
)
