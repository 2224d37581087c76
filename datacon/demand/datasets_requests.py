"""Open datasets of the access-to-information requests and their analysis (see datasets.py).

Request texts are the scrubbed ones (`display_text`); nothing else of a request is personal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Sum

from datacon.common.choices import MexicanState
from datacon.common.versions import DEMAND
from datacon.demand.datasets import SEPARATOR, THEME, _url
from datacon.demand.models import (
    CandidateKind,
    DatasetCandidate,
    DemandDimension,
    GovernmentLevel,
    InformationRequest,
    Institution,
    MonthlyDemand,
    RepeatedQuestion,
    RequestTopic,
)
from datacon.opendata.registry import Column, Dataset, dataset_register

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
        title_en="Institutions holding the information (obliged bodies)",
        description_en=(
            "Institutions that receive access-to-information requests or hold data that people ask to open, with the total of imported requests."
        ),
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
        title_en="Access-to-information requests analysed",
        description_en=(
            "Requests imported from the National Transparency Platform's exports, with the topic assigned by the analysis. The texts contain no personal data: e-mail addresses, phone numbers, CURP, RFC, voter keys and stated names («me llamo…») are replaced by marks such as [correo] or [nombre]."
        ),
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
        title_en="Monthly demand for information: total, institution, state and topic",
        description_en=(
            "Number of requests per month, in total and by institution, state and topic of the current analysis (empty key: no state or no topic)."
        ),
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
        title_en="Topics of the information requests",
        description_en=(
            "Topics found in the requests' texts (TF-IDF and non-negative matrix factorisation; method in the documentation), with their main terms and examples without personal data."
        ),
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
        title_en="Questions repeated to the same institution",
        description_en=(
            "Groups of near-identical requests sent to the same institution (MinHash and LSH; method in the documentation): the strongest sign that a dataset should be published proactively."
        ),
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
        title_en="Candidate datasets by institution",
        description_en=(
            "Datasets each institution could publish proactively, ranked by a score that combines the volume, repetition and persistence of the requests (formula in the documentation)."
        ),
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
