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

from django.db.models import Count

from datacon.common.urls import absolute_url
from datacon.common.versions import DEMAND
from datacon.demand.models import (
    PUBLIC_EVENT_KINDS,
    DataStandard,
    InformationNeed,
    NeedEvent,
    NeedEventKind,
    NeedMention,
    NeedOrigin,
    NeedStatus,
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
        title_en="Information needs and high-value datasets",
        description_en=(
            "Datasets that organisations and people ask to be opened: what, what for, which rights or problem they address, who holds them, how many supports they receive and their classification status (proposed, accepted as high value, in progress, open, duplicate or not accepted, with its reason)."
        ),
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
        title_en="History of the information needs",
        description_en=(
            "Each public change to a need: registration, status changes with their reason, assigned standard, institutions and links."
        ),
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
        title_en="Where each information need was discussed",
        description_en=(
            "Links between needs and the sessions, editions, meetings or consultation paragraphs where they came up."
        ),
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
        title_en="Dataset publication standards",
        description_en=(
            "Fields, format, update frequency and licence that each high-value dataset must follow."
        ),
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
