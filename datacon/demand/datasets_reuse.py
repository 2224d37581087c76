"""The reuse showcase's open datasets: projects and the datasets they use (see datasets.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.common.versions import DEMAND
from datacon.demand.datasets import SEPARATOR, THEME, _url
from datacon.demand.models import (
    ReuseDataset,
    ReuseKind,
    ReuseLink,
    ReuseProject,
    Sector,
)
from datacon.opendata.registry import Column, Dataset, dataset_register

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
        title_en="Projects that reuse open data",
        description_en=(
            "Apps, maps, stories, research and initiatives that reuse open data, with their team, the edition and session where they were presented, and their links."
        ),
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
        title_en="Datasets used by each reuse project",
        description_en=(
            "Links between projects and the datasets they reuse: needs of the registry or external datasets with their address."
        ),
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
