"""The demand capability's open datasets, registered in the platform's catalogue.

The opendata app turns each into CSV, JSON, a data package and DCAT entries;
the demand pages offer the same CSVs (`datacon.public.views.demand`). No
personal data: request texts are the scrubbed ones, proposers appear only by
the public signature they chose, accounts never.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Sum

from datacon.common.choices import MexicanState
from datacon.common.urls import absolute_url
from datacon.common.versions import DEMAND
from datacon.demand.models import (
    PUBLIC_EVENT_KINDS,
    CandidateKind,
    DatasetCandidate,
    DataStandard,
    DemandDimension,
    GovernmentLevel,
    InformationNeed,
    InformationRequest,
    Institution,
    MonthlyDemand,
    NeedEvent,
    NeedEventKind,
    NeedMention,
    NeedOrigin,
    NeedStatus,
    RepeatedQuestion,
    RequestTopic,
    ReuseDataset,
    ReuseKind,
    ReuseLink,
    ReuseProject,
    Sector,
    UpdateFrequency,
)
from datacon.opendata.registry import Column, Dataset, dataset_register

THEME = "demand"
SEPARATOR = " | "


def _url(path: str) -> str:
    return absolute_url(path)


def _public_needs() -> Any:
    return InformationNeed.objects.filter(is_hidden=False)


# --- needs ---------------------------------------------------------------------------------


def need_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    holders: dict[int, list[str]] = {}
    for need_id, name in (
        InformationNeed.holders.through.objects.filter(informationneed__is_hidden=False)
        .order_by("institution__name")
        .values_list("informationneed_id", "institution__name")
    ):
        holders.setdefault(need_id, []).append(name)
    needs = (
        _public_needs()
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("pk")
        .values(
            "pk",
            "slug",
            "title",
            "description",
            "justification",
            "rights",
            "sector",
            "level",
            "holders_suggested",
            "status",
            "status_reason",
            "duplicate_of__slug",
            "standard__slug",
            "opened_url",
            "origin",
            "proposer_public_name",
            "support_count",
            "created_at",
            "updated_at",
            "status_changed_at",
            "is_demo",
            "source_note",
            "evidence",
        )
    )
    for need in needs:
        yield {
            "id": need["pk"],
            "slug": need["slug"],
            "titulo": need["title"],
            "descripcion": need["description"],
            "para_que": need["justification"],
            "derechos_o_problema": need["rights"],
            "sector": need["sector"],
            "orden_de_gobierno": need["level"],
            "instituciones": SEPARATOR.join(holders.get(need["pk"], [])),
            "instituciones_segun_propuesta": need["holders_suggested"],
            "estado": need["status"],
            "motivo_del_estado": need["status_reason"],
            "duplicada_de": need["duplicate_of__slug"] or "",
            "estandar": need["standard__slug"] or "",
            "publicada_en": need["opened_url"],
            "origen": need["origin"],
            "evidencia": need["evidence"],
            "firma_publica": need["proposer_public_name"],
            "apoyos": need["support_count"],
            "creada": need["created_at"],
            "actualizada": need["updated_at"],
            "cambio_de_estado": need["status_changed_at"],
            "demostracion": need["is_demo"],
            "fuente": need["source_note"],
            "url": _url(f"/demanda/necesidades/{need['slug']}/"),
        }


NEEDS = dataset_register(
    Dataset(
        slug="necesidades-de-informacion",
        title="Necesidades de información y conjuntos de datos de alto valor",
        description=(
            "Conjuntos de datos que organizaciones y personas piden abrir: qué, para qué, qué "
            "derechos o problema atienden, quién los tiene, cuántos apoyos reciben y en qué estado "
            "de la clasificación están (propuesta, aceptada como de alto valor, en proceso, "
            "abierta, duplicada o no aceptada, con su motivo)."
        ),
        columns=(
            Column("id", "integer", "Identificador de la necesidad", required=True),
            Column("slug", "string", "Identificador en la dirección pública", required=True),
            Column("titulo", "string", "Conjunto de datos que se necesita", required=True),
            Column("descripcion", "string", "Qué datos (Markdown)"),
            Column("para_que", "string", "Para qué se usarían"),
            Column("derechos_o_problema", "string", "Derechos o problema público que atienden"),
            Column("sector", "string", "Sector", enum=tuple(Sector.values)),
            Column("orden_de_gobierno", "string", "Orden de gobierno (vacío: sin especificar)"),
            Column(
                "instituciones",
                "string",
                "Instituciones que tienen la información, separadas por « | »",
            ),
            Column(
                "instituciones_segun_propuesta",
                "string",
                "Instituciones escritas por quien propone",
            ),
            Column(
                "estado",
                "string",
                "Estado de la clasificación",
                required=True,
                enum=tuple(NeedStatus.values),
            ),
            Column("motivo_del_estado", "string", "Motivo público del estado"),
            Column("duplicada_de", "string", "Slug de la necesidad de la que es duplicada"),
            Column("estandar", "string", "Slug del estándar de publicación que debe seguir"),
            Column("publicada_en", "string", "Dirección donde se publicaron los datos"),
            Column("origen", "string", "Origen de la necesidad", enum=tuple(NeedOrigin.values)),
            Column("evidencia", "string", "Cifras que la respaldan"),
            Column(
                "firma_publica", "string", "Nombre u organización que quien propone decidió mostrar"
            ),
            Column("apoyos", "integer", "Número de cuentas que la apoyan", required=True),
            Column("creada", "datetime", "Fecha de registro"),
            Column("actualizada", "datetime", "Última modificación"),
            Column("cambio_de_estado", "datetime", "Último cambio de estado"),
            Column("demostracion", "boolean", "Registro ficticio de demostración"),
            Column("fuente", "string", "Documento del que proviene"),
            Column("url", "string", "Página pública"),
        ),
        rows=need_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("id",),
        keywords=("necesidades de información", "datos de alto valor", "apertura"),
    )
)


def event_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    labels = dict(NeedEventKind.choices)
    for need_id, slug, at, kind, from_status, to_status, note in (
        NeedEvent.objects.filter(need__is_hidden=False, kind__in=PUBLIC_EVENT_KINDS)
        .order_by("pk")
        .values_list("need_id", "need__slug", "at", "kind", "from_status", "to_status", "note")
    ):
        yield {
            "necesidad_id": need_id,
            "necesidad": slug,
            "fecha": at,
            "tipo": kind,
            "descripcion": str(labels.get(kind, kind)),
            "estado_anterior": from_status,
            "estado_nuevo": to_status,
            "nota": note,
        }


dataset_register(
    Dataset(
        slug="necesidades-historial",
        title="Historial de las necesidades de información",
        description="Cada cambio público de una necesidad: registro, cambios de estado con su motivo, estándar asignado, instituciones y vínculos.",
        columns=(
            Column("necesidad_id", "integer", "Identificador de la necesidad", required=True),
            Column("necesidad", "string", "Slug de la necesidad", required=True),
            Column("fecha", "datetime", "Fecha del cambio", required=True),
            Column(
                "tipo",
                "string",
                "Tipo de cambio",
                required=True,
                enum=tuple(str(k) for k in PUBLIC_EVENT_KINDS),
            ),
            Column("descripcion", "string", "Tipo de cambio, en palabras"),
            Column("estado_anterior", "string", "Estado anterior (cambios de estado)"),
            Column("estado_nuevo", "string", "Estado nuevo (cambios de estado)"),
            Column("nota", "string", "Motivo o detalle"),
        ),
        rows=event_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        keywords=("necesidades de información", "historial"),
    )
)


def mention_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    from datacon.demand.mentions import mention_kind

    mentions = list(
        NeedMention.objects.filter(need__is_hidden=False)
        .select_related("need", "content_type")
        .order_by("pk")
    )
    # Resolve all targets kind by kind (one query per kind), then keep the public ones.
    resolved: dict[tuple[int, int], Any] = {}
    by_type: dict[int, list[NeedMention]] = {}
    for mention in mentions:
        by_type.setdefault(mention.content_type_id, []).append(mention)
    for items in by_type.values():
        content_type = items[0].content_type
        kind = mention_kind(f"{content_type.app_label}.{content_type.model}")
        if kind is None:
            continue
        targets = kind.public_targets([m.object_id for m in items])
        for m in items:
            if m.object_id in targets:
                resolved[(m.content_type_id, m.object_id)] = (kind, targets[m.object_id])
    for mention in mentions:
        found = resolved.get((mention.content_type_id, mention.object_id))
        if found is None:
            continue
        kind, target = found
        yield {
            "necesidad_id": mention.need_id,
            "necesidad": mention.need.slug,
            "tipo_de_registro": kind.model,
            "registro_id": mention.object_id,
            "registro": target.label,
            "contexto": target.context,
            "url": _url(target.url),
            "nota": mention.note,
        }


dataset_register(
    Dataset(
        slug="necesidades-menciones",
        title="Dónde se discutió cada necesidad de información",
        description="Vínculos entre necesidades y las sesiones, ediciones, reuniones o párrafos de consulta donde surgieron.",
        columns=(
            Column("necesidad_id", "integer", "Identificador de la necesidad", required=True),
            Column("necesidad", "string", "Slug de la necesidad", required=True),
            Column(
                "tipo_de_registro", "string", "Tipo de registro (aplicación.modelo)", required=True
            ),
            Column("registro_id", "integer", "Identificador del registro", required=True),
            Column("registro", "string", "Título del registro"),
            Column("contexto", "string", "Edición o proceso al que pertenece"),
            Column("url", "string", "Página pública del registro"),
            Column("nota", "string", "Qué se dijo"),
        ),
        rows=mention_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        keywords=("necesidades de información", "sesiones"),
    )
)


def standard_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    for standard in DataStandard.objects.order_by("pk").values(
        "pk",
        "slug",
        "name",
        "description",
        "fields",
        "data_format",
        "update_frequency",
        "licence",
        "reference_url",
        "is_demo",
    ):
        yield {
            "id": standard["pk"],
            "slug": standard["slug"],
            "nombre": standard["name"],
            "descripcion": standard["description"],
            "campos": json.dumps(standard["fields"], ensure_ascii=False),
            "formato": standard["data_format"],
            "frecuencia": standard["update_frequency"],
            "licencia": standard["licence"],
            "referencia": standard["reference_url"],
            "demostracion": standard["is_demo"],
            "url": _url(f"/demanda/estandares/{standard['slug']}/"),
        }


dataset_register(
    Dataset(
        slug="estandares-de-publicacion",
        title="Estándares de publicación de conjuntos de datos",
        description="Campos, formato, frecuencia de actualización y licencia que debe seguir cada conjunto de datos de alto valor.",
        columns=(
            Column("id", "integer", "Identificador del estándar", required=True),
            Column("slug", "string", "Identificador en la dirección pública", required=True),
            Column("nombre", "string", "Nombre", required=True),
            Column("descripcion", "string", "Descripción (Markdown)"),
            Column("campos", "string", "Campos como JSON: nombre, tipo, descripción, obligatorio"),
            Column("formato", "string", "Formato de publicación"),
            Column(
                "frecuencia",
                "string",
                "Frecuencia de actualización",
                enum=tuple(UpdateFrequency.values),
            ),
            Column("licencia", "string", "Licencia"),
            Column("referencia", "string", "Documento de referencia"),
            Column("demostracion", "boolean", "Registro ficticio de demostración"),
            Column("url", "string", "Página pública"),
        ),
        rows=standard_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("id",),
        keywords=("estándares", "datos de alto valor"),
    )
)


# --- requests and their analysis -------------------------------------------------------------------


def institution_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    requests = dict(
        MonthlyDemand.objects.filter(dimension=DemandDimension.INSTITUTION)
        .values("key")
        .annotate(total=Sum("requests"))
        .values_list("key", "total")
    )
    for institution in Institution.objects.order_by("pk").values(
        "pk", "slug", "name", "acronym", "level", "state"
    ):
        yield {
            "id": institution["pk"],
            "slug": institution["slug"],
            "nombre": institution["name"],
            "siglas": institution["acronym"],
            "orden_de_gobierno": institution["level"],
            "entidad": institution["state"],
            "solicitudes": requests.get(str(institution["pk"]), 0),
            "url": _url(f"/demanda/instituciones/{institution['slug']}/"),
        }


dataset_register(
    Dataset(
        slug="instituciones-sujetos-obligados",
        title="Instituciones que tienen la información (sujetos obligados)",
        description="Instituciones que reciben solicitudes de acceso a la información o que tienen datos que se piden abrir, con el total de solicitudes importadas.",
        columns=(
            Column("id", "integer", "Identificador de la institución", required=True),
            Column("slug", "string", "Identificador en la dirección pública", required=True),
            Column("nombre", "string", "Nombre", required=True),
            Column("siglas", "string", "Siglas"),
            Column(
                "orden_de_gobierno",
                "string",
                "Orden de gobierno",
                enum=("", *GovernmentLevel.values),
            ),
            Column("entidad", "string", "Clave INEGI de la entidad federativa"),
            Column("solicitudes", "integer", "Solicitudes importadas", required=True),
            Column("url", "string", "Página pública"),
        ),
        rows=institution_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("id",),
        keywords=("sujetos obligados", "instituciones"),
    )
)


def request_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    slugs = dict(Institution.objects.values_list("pk", "slug"))
    rows = (
        InformationRequest.objects.order_by("pk")
        .values_list(
            "source",
            "folio",
            "filed_on",
            "institution_id",
            "state",
            "status",
            "response",
            "answered",
            "topic_number",
            "display_text",
        )
        .iterator(chunk_size=5000)
    )
    for (
        source,
        folio,
        filed_on,
        institution_id,
        state,
        status,
        response,
        answered,
        topic,
        text,
    ) in rows:
        yield {
            "fuente": source,
            "folio": folio,
            "fecha": filed_on,
            "institucion": slugs.get(institution_id, ""),
            "entidad": state,
            "estatus": status,
            "respuesta": response,
            "con_respuesta": answered,
            "tema": topic,
            "texto": text,
        }


dataset_register(
    Dataset(
        slug="solicitudes-de-informacion",
        title="Solicitudes de acceso a la información analizadas",
        description=(
            "Solicitudes importadas de las exportaciones de la Plataforma Nacional de "
            "Transparencia, con el tema asignado por el análisis. Los textos no contienen datos "
            "personales: correos, teléfonos, CURP, RFC, claves de elector y nombres presentados "
            "(«me llamo…») se reemplazan por marcas como [correo] o [nombre]."
        ),
        columns=(
            Column(
                "fuente",
                "string",
                "Fuente del folio (pnt, o sintetica en la demostración)",
                required=True,
            ),
            Column("folio", "string", "Folio de la solicitud", required=True),
            Column("fecha", "date", "Fecha de la solicitud", required=True),
            Column("institucion", "string", "Slug de la institución", required=True),
            Column("entidad", "string", "Clave INEGI de la entidad federativa"),
            Column("estatus", "string", "Estatus"),
            Column("respuesta", "string", "Tipo de respuesta"),
            Column("con_respuesta", "boolean", "Tiene respuesta"),
            Column("tema", "integer", "Número de tema del análisis vigente"),
            Column("texto", "string", "Texto de la solicitud sin datos personales"),
        ),
        rows=request_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("fuente", "folio"),
        keywords=("solicitudes de información", "PNT", "transparencia"),
    )
)


def monthly_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    institutions = dict(Institution.objects.values_list("pk", "name"))
    topics = dict(RequestTopic.objects.filter(run__is_current=True).values_list("number", "label"))
    states = dict(MexicanState.choices)
    for dimension, key, month, requests, answered in MonthlyDemand.objects.order_by(
        "dimension", "key", "month"
    ).values_list("dimension", "key", "month", "requests", "answered"):
        if dimension == DemandDimension.INSTITUTION and key.isdigit():
            label = institutions.get(int(key), "")
        elif dimension == DemandDimension.STATE:
            label = str(states.get(key, ""))
        elif dimension == DemandDimension.TOPIC and key.lstrip("-").isdigit():
            label = topics.get(int(key), "")
        else:
            label = ""
        yield {
            "dimension": dimension,
            "clave": key,
            "etiqueta": label,
            "mes": month.strftime("%Y-%m"),
            "solicitudes": requests,
            "con_respuesta": answered,
        }


dataset_register(
    Dataset(
        slug="demanda-mensual",
        title="Demanda de información por mes: total, institución, entidad y tema",
        description="Número de solicitudes por mes, en total y por institución, entidad federativa y tema del análisis vigente (clave vacía: sin entidad o sin tema).",
        columns=(
            Column(
                "dimension",
                "string",
                "Dimensión",
                required=True,
                enum=tuple(DemandDimension.values),
            ),
            Column(
                "clave",
                "string",
                "Identificador de la institución, clave INEGI de la entidad o número de tema",
            ),
            Column("etiqueta", "string", "Nombre de la institución, entidad o tema"),
            Column("mes", "string", "Mes (AAAA-MM)", required=True),
            Column("solicitudes", "integer", "Solicitudes presentadas", required=True),
            Column("con_respuesta", "integer", "De ellas, con respuesta", required=True),
        ),
        rows=monthly_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("dimension", "clave", "mes"),
        keywords=("demanda de información", "solicitudes", "tendencia"),
    )
)


def topic_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    for topic in RequestTopic.objects.filter(run__is_current=True).order_by("number"):
        yield {
            "numero": topic.number,
            "nombre": topic.label,
            "terminos": SEPARATOR.join(term for term, _weight in topic.terms),
            "solicitudes": topic.size,
            "ejemplos": SEPARATOR.join(example["text"] for example in topic.examples),
        }


dataset_register(
    Dataset(
        slug="temas-de-solicitudes",
        title="Temas de las solicitudes de información",
        description="Temas encontrados en los textos de las solicitudes (TF-IDF y factorización no negativa de matrices; método en la documentación), con sus términos principales y ejemplos sin datos personales.",
        columns=(
            Column(
                "numero", "integer", "Número del tema (1 = el de más solicitudes)", required=True
            ),
            Column("nombre", "string", "Nombre (sus tres términos principales)", required=True),
            Column("terminos", "string", "Diez términos principales, separados por « | »"),
            Column("solicitudes", "integer", "Solicitudes del tema", required=True),
            Column(
                "ejemplos",
                "string",
                "Solicitudes típicas sin datos personales, separadas por « | »",
            ),
        ),
        rows=topic_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("numero",),
        keywords=("temas", "solicitudes de información"),
    )
)


def repeated_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    for question in (
        RepeatedQuestion.objects.filter(run__is_current=True)
        .order_by("-size", "pk")
        .values(
            "pk",
            "institution__slug",
            "size",
            "months",
            "first_filed_on",
            "last_filed_on",
            "topic_number",
            "text",
        )
    ):
        yield {
            "id": question["pk"],
            "institucion": question["institution__slug"],
            "solicitudes": question["size"],
            "meses": question["months"],
            "primera": question["first_filed_on"],
            "ultima": question["last_filed_on"],
            "tema": question["topic_number"],
            "pregunta": question["text"],
        }


dataset_register(
    Dataset(
        slug="preguntas-repetidas",
        title="Preguntas repetidas a una misma institución",
        description="Grupos de solicitudes casi idénticas enviadas a la misma institución (MinHash y LSH; método en la documentación): la señal más fuerte de que un conjunto de datos debería publicarse de oficio.",
        columns=(
            Column(
                "id", "integer", "Identificador del grupo en el análisis vigente", required=True
            ),
            Column("institucion", "string", "Slug de la institución", required=True),
            Column("solicitudes", "integer", "Solicitudes del grupo", required=True),
            Column("meses", "integer", "Meses distintos en que llegaron"),
            Column("primera", "date", "Primera solicitud"),
            Column("ultima", "date", "Última solicitud"),
            Column("tema", "integer", "Tema más frecuente del grupo"),
            Column("pregunta", "string", "Pregunta representativa sin datos personales"),
        ),
        rows=repeated_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("id",),
        keywords=("preguntas repetidas", "publicación proactiva"),
    )
)


def candidate_rows(_edition: Any = None) -> Iterator[dict[str, Any]]:
    for candidate in (
        DatasetCandidate.objects.filter(run__is_current=True)
        .order_by("-score", "pk")
        .values(
            "pk",
            "institution__slug",
            "rank",
            "kind",
            "title",
            "terms",
            "score",
            "requests",
            "repeated",
            "months",
            "topic_number",
            "promoted_need__slug",
        )
    ):
        yield {
            "id": candidate["pk"],
            "institucion": candidate["institution__slug"],
            "lugar": candidate["rank"],
            "tipo": candidate["kind"],
            "titulo": candidate["title"],
            "terminos": SEPARATOR.join(candidate["terms"]),
            "puntaje": candidate["score"],
            "solicitudes": candidate["requests"],
            "casi_identicas": candidate["repeated"],
            "meses": candidate["months"],
            "tema": candidate["topic_number"],
            "necesidad": candidate["promoted_need__slug"] or "",
        }


dataset_register(
    Dataset(
        slug="conjuntos-candidatos",
        title="Conjuntos de datos candidatos por institución",
        description="Conjuntos que cada institución podría publicar de oficio, ordenados por un puntaje que combina volumen, repetición y constancia de las solicitudes (fórmula en la documentación).",
        columns=(
            Column("id", "integer", "Identificador en el análisis vigente", required=True),
            Column("institucion", "string", "Slug de la institución", required=True),
            Column("lugar", "integer", "Lugar dentro de la institución", required=True),
            Column("tipo", "string", "Origen del candidato", enum=tuple(CandidateKind.values)),
            Column("titulo", "string", "Conjunto sugerido (términos principales)", required=True),
            Column("terminos", "string", "Términos principales, separados por « | »"),
            Column("puntaje", "number", "Puntaje", required=True),
            Column("solicitudes", "integer", "Solicitudes que lo respaldan", required=True),
            Column("casi_identicas", "integer", "De ellas, en grupos de preguntas repetidas"),
            Column("meses", "integer", "Meses distintos con solicitudes"),
            Column("tema", "integer", "Número de tema"),
            Column("necesidad", "string", "Slug de la necesidad creada a partir de él"),
        ),
        rows=candidate_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=False,
        primary_key=("id",),
        keywords=("datos de alto valor", "publicación proactiva"),
    )
)


# --- reuse ------------------------------------------------------------------------------------------


def project_rows(edition: Any = None) -> Iterator[dict[str, Any]]:
    projects = ReuseProject.objects.filter(is_published=True)
    if edition is not None:
        projects = projects.filter(edition=edition)
    links: dict[int, list[str]] = {}
    for project_id, url in (
        ReuseLink.objects.filter(project__in=projects)
        .order_by("order", "pk")
        .values_list("project_id", "url")
    ):
        links.setdefault(project_id, []).append(url)
    organisations: dict[int, list[str]] = {}
    for project_id, name in (
        ReuseProject.organisations.through.objects.filter(reuseproject__in=projects)
        .order_by("organisation__name")
        .values_list("reuseproject_id", "organisation__name")
    ):
        organisations.setdefault(project_id, []).append(name)
    for project in projects.order_by("pk").values(
        "pk",
        "slug",
        "title",
        "kind",
        "summary",
        "sector",
        "team",
        "edition__year",
        "session__code",
        "is_demo",
        "source_note",
    ):
        yield {
            "id": project["pk"],
            "slug": project["slug"],
            "titulo": project["title"],
            "tipo": project["kind"],
            "resumen": project["summary"],
            "sector": project["sector"],
            "equipo": SEPARATOR.join(
                line.strip() for line in project["team"].splitlines() if line.strip()
            ),
            "organizaciones": SEPARATOR.join(organisations.get(project["pk"], [])),
            "edicion": project["edition__year"],
            "sesion": project["session__code"] or "",
            "enlaces": SEPARATOR.join(links.get(project["pk"], [])),
            "demostracion": project["is_demo"],
            "fuente": project["source_note"],
            "url": _url(f"/demanda/reutilizacion/{project['slug']}/"),
        }


dataset_register(
    Dataset(
        slug="proyectos-de-reutilizacion",
        title="Proyectos que reutilizan datos abiertos",
        description="Aplicaciones, mapas, historias, investigaciones e iniciativas que reutilizan datos abiertos, con su equipo, la edición y sesión donde se presentaron y sus enlaces.",
        columns=(
            Column("id", "integer", "Identificador del proyecto", required=True),
            Column("slug", "string", "Identificador en la dirección pública", required=True),
            Column("titulo", "string", "Título", required=True),
            Column(
                "tipo", "string", "Tipo de proyecto", required=True, enum=tuple(ReuseKind.values)
            ),
            Column("resumen", "string", "Resumen"),
            Column("sector", "string", "Sector", enum=tuple(Sector.values)),
            Column(
                "equipo", "string", "Equipo: nombres públicos u organizaciones, separados por « | »"
            ),
            Column(
                "organizaciones", "string", "Organizaciones del directorio, separadas por « | »"
            ),
            Column("edicion", "year", "Año de la edición donde se presentó"),
            Column("sesion", "string", "Código de la sesión donde se presentó"),
            Column("enlaces", "string", "Enlaces, separados por « | »"),
            Column("demostracion", "boolean", "Registro ficticio de demostración"),
            Column("fuente", "string", "Documento del que proviene"),
            Column("url", "string", "Página pública"),
        ),
        rows=project_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=True,
        primary_key=("id",),
        keywords=("reutilización", "proyectos ciudadanos"),
    )
)


def project_dataset_rows(edition: Any = None) -> Iterator[dict[str, Any]]:
    uses = ReuseDataset.objects.filter(project__is_published=True).exclude(need__is_hidden=True)
    if edition is not None:
        uses = uses.filter(project__edition=edition)
    for use in uses.order_by("pk").values(
        "pk", "project_id", "project__slug", "need_id", "need__slug", "need__title", "title", "url"
    ):
        yield {
            "id": use["pk"],
            "proyecto_id": use["project_id"],
            "proyecto": use["project__slug"],
            "necesidad_id": use["need_id"],
            "necesidad": use["need__slug"] or "",
            "conjunto": use["title"] or use["need__title"] or "",
            "url": use["url"],
        }


dataset_register(
    Dataset(
        slug="proyectos-conjuntos-usados",
        title="Conjuntos de datos que usa cada proyecto de reutilización",
        description="Vínculo entre proyectos y los conjuntos que reutilizan: necesidades del registro o conjuntos externos con su dirección.",
        columns=(
            Column("id", "integer", "Identificador del vínculo", required=True),
            Column("proyecto_id", "integer", "Identificador del proyecto", required=True),
            Column("proyecto", "string", "Slug del proyecto", required=True),
            Column("necesidad_id", "integer", "Identificador de la necesidad del registro"),
            Column("necesidad", "string", "Slug de la necesidad del registro"),
            Column("conjunto", "string", "Nombre del conjunto de datos"),
            Column("url", "string", "Dirección del conjunto externo"),
        ),
        rows=project_dataset_rows,
        scopes=(DEMAND,),
        theme=THEME,
        per_edition=True,
        primary_key=("id",),
        keywords=("reutilización",),
    )
)
