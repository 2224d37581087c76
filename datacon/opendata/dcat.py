"""The platform's datasets described in DCAT-AP 3.0.1, as Turtle and JSON-LD.

The catalogue lists every registered dataset (whatever capability registered
it) with CSV and JSON distributions, one dataset per public edition (its data
package, ZIP, schedule files, calendar and memoria PDF), and the REST API as a
data service. Every node has an IRI (no blank nodes) and every referenced
thing is typed, so the SHACL shapes of DCAT-AP 3.0.1 (including the class
ranges) pass, and the output is the same for the same data.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.urls import reverse
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from datacon.common.urls import absolute_url, public_base
from datacon.common.versions import public_versions_read
from datacon.editions.models import Edition
from datacon.editions.selectors import editions_public
from datacon.opendata.exporters import LICENCE, package_name, theme_folder
from datacon.opendata.registry import THEMES, THEMES_EN, Dataset, datasets_all, editions_provenance
from datacon.opendata.selectors import platform_operator
from datacon.people.models import Organisation

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
DCAT_AP = "http://data.europa.eu/r5r/"
FRICTIONLESS = "https://specs.frictionlessdata.io/data-package/"
C3VOC = "https://c3voc.de/schedule/schema.xsd"

TURTLE_CONTENT_TYPE = "text/turtle; charset=utf-8"
JSONLD_CONTENT_TYPE = "application/ld+json; charset=utf-8"
RDFXML_CONTENT_TYPE = "application/rdf+xml; charset=utf-8"

CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}

# (file-type code, IANA media type) per format
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
    "zip": ("ZIP", "application/zip"),
    "xml": ("XML", "application/xml"),
    "ics": ("ICS", "text/calendar"),
    "pdf": ("PDF", "application/pdf"),
    "ttl": ("RDF_TURTLE", "text/turtle"),
    "jsonld": ("JSON_LD", "application/ld+json"),
}


def _base() -> str:
    return public_base()


def _url(name: str, **kwargs: Any) -> URIRef:
    return URIRef(_base() + reverse(f"public:{name}", kwargs=kwargs or None))


def catalog_uri() -> URIRef:
    return URIRef(_base() + "/datos/catalogo")


class _Builder:
    def __init__(self) -> None:
        self.graph = Graph()
        for prefix, uri in CONTEXT.items():
            self.graph.bind(prefix, uri)
        self.licence = URIRef(LICENCE["path"])
        self.graph.add((self.licence, RDF.type, DCTERMS.LicenseDocument))
        self.graph.add((self.licence, DCTERMS.title, Literal(LICENCE["title"], lang="es")))
        self.spanish = URIRef(LANGUAGE + "SPA")
        self.graph.add((self.spanish, RDF.type, DCTERMS.LinguisticSystem))
        self.catalog = catalog_uri()
        self.publisher = URIRef(f"{self.catalog}#publicador")
        self.contact = URIRef(f"{self.catalog}#contacto")
        self.scheme = URIRef(f"{self.catalog}#temas")
        self.api = URIRef(_base() + "/api/v1/")

    def add(self, subject: URIRef, predicate: URIRef, obj: Any) -> None:
        self.graph.add((subject, predicate, obj))

    def typed(self, uri: str, kind: URIRef) -> URIRef:
        ref = URIRef(uri)
        self.add(ref, RDF.type, kind)
        return ref

    def agent(self, uri: URIRef, name: str, homepage: str) -> URIRef:
        self.add(uri, RDF.type, FOAF.Agent)
        self.add(uri, FOAF.name, Literal(name, lang="es"))
        self.add(uri, FOAF.homepage, self.document(URIRef(homepage), name))
        return uri

    def organiser(self, organisation: Organisation) -> URIRef:
        """An edition's organiser as the publisher of that edition's data."""
        page = absolute_url(organisation.get_absolute_url())
        return self.agent(
            URIRef(f"{page}#organizacion"), organisation.name, organisation.website or page
        )

    def document(self, uri: URIRef, title: str) -> URIRef:
        self.add(uri, RDF.type, FOAF.Document)
        self.add(uri, DCTERMS.title, Literal(title, lang="es"))
        return uri

    def period(self, uri: URIRef, start: dt.date | None, end: dt.date | None) -> URIRef | None:
        if not (start or end):
            return None
        self.add(uri, RDF.type, DCTERMS.PeriodOfTime)
        if start:
            self.add(uri, DCAT.startDate, Literal(start, datatype=XSD.date))
        if end:
            self.add(uri, DCAT.endDate, Literal(end, datatype=XSD.date))
        return uri

    def distribution(
        self, *, uri: str, title: str, fmt: str, url: str, modified: dt.datetime | None,
        download: bool = True, conforms_to: str = "",
    ) -> URIRef:  # fmt: skip
        ref = URIRef(uri)
        code, media = FORMATS[fmt]
        self.add(ref, RDF.type, DCAT.Distribution)
        self.add(ref, DCTERMS.title, Literal(title, lang="es"))
        self.add(ref, DCAT.accessURL, URIRef(url))
        if download:
            self.add(ref, DCAT.downloadURL, URIRef(url))
        self.add(ref, DCAT.mediaType, self.typed(IANA + media, DCTERMS.MediaType))
        self.add(ref, DCTERMS["format"], self.typed(FILE_TYPE + code, DCTERMS.MediaTypeOrExtent))
        self.add(ref, DCTERMS.license, self.licence)
        if modified:
            self.add(ref, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime))
        if conforms_to:
            self.add(ref, DCTERMS.conformsTo, self.typed(conforms_to, DCTERMS.Standard))
        return ref


def catalog_graph() -> Graph:
    b = _Builder()
    g_add = b.add
    _key, changed = public_versions_read(sorted({s for d in datasets_all() for s in d.scopes}))
    modified = changed.replace(microsecond=0) if changed else None
    editions = list(editions_public().select_related("organiser").order_by("year"))
    dated = [e for e in editions if e.start_date]

    operator = platform_operator()
    b.agent(b.publisher, operator.name, operator.website or _base() + "/")
    g_add(b.contact, RDF.type, VCARD.Organization)
    g_add(b.contact, RDF.type, VCARD.Kind)
    g_add(b.contact, VCARD.fn, Literal(operator.name))
    if operator.email:
        g_add(b.contact, VCARD.hasEmail, URIRef(f"mailto:{operator.email}"))
    g_add(b.contact, VCARD.hasURL, URIRef(_base() + "/datos/"))

    g_add(b.scheme, RDF.type, SKOS.ConceptScheme)
    g_add(b.scheme, DCTERMS.title, Literal("Temas de la plataforma DATACON", lang="es"))
    themes: dict[str, URIRef] = {}
    for key, label in THEMES.items():
        concept = URIRef(f"{b.catalog}#tema-{key}")
        themes[key] = concept
        g_add(concept, RDF.type, SKOS.Concept)
        g_add(concept, SKOS.prefLabel, Literal(label, lang="es"))
        if key in THEMES_EN:
            g_add(concept, SKOS.prefLabel, Literal(THEMES_EN[key], lang="en"))
        g_add(concept, SKOS.inScheme, b.scheme)

    catalog = b.catalog
    g_add(catalog, RDF.type, DCAT.Catalog)
    g_add(
        catalog,
        DCTERMS.title,
        Literal("Catálogo de datos abiertos de la plataforma DATACON", lang="es"),
    )
    g_add(catalog, DCTERMS.title, Literal("DATACON platform open data catalogue", lang="en"))
    g_add(
        catalog,
        DCTERMS.description,
        Literal(
            "Todos los registros públicos de la plataforma de la Conferencia Nacional de Datos "
            "Abiertos (DATACON) de México: ediciones, programa, participaciones, organizaciones, "
            "materiales, cifras y los conjuntos de datos de cada proceso que la plataforma aloja.",
            lang="es",
        ),
    )
    g_add(catalog, DCTERMS.publisher, b.publisher)
    g_add(catalog, FOAF.homepage, b.document(_url("opendata_home"), "Datos abiertos de la DATACON"))
    g_add(catalog, DCTERMS.language, b.spanish)
    g_add(catalog, DCTERMS.license, b.licence)
    g_add(catalog, DCAT.themeTaxonomy, b.scheme)
    if modified:
        g_add(catalog, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime))
    temporal = b.period(
        URIRef(f"{catalog}#periodo"),
        min((e.start_date for e in dated), default=None),  # type: ignore[type-var]
        max((e.end_date for e in dated if e.end_date), default=None),
    )
    if temporal is not None:
        g_add(catalog, DCTERMS.temporal, temporal)

    # The API as a data service.
    api = b.api
    g_add(api, RDF.type, DCAT.DataService)
    g_add(api, DCTERMS.title, Literal("API pública de la plataforma DATACON", lang="es"))
    g_add(
        api,
        DCTERMS.description,
        Literal(
            "API REST de solo lectura, paginada, con filtros y documento OpenAPI 3.", lang="es"
        ),
    )
    openapi = URIRef(_base() + "/api/v1/openapi.json")
    # The SHACL ranges want both addresses typed as resources.
    g_add(api, RDF.type, RDFS.Resource)
    g_add(openapi, RDF.type, RDFS.Resource)
    g_add(api, DCAT.endpointURL, api)
    g_add(api, DCAT.endpointDescription, openapi)
    g_add(api, DCTERMS.license, b.licence)
    g_add(api, DCTERMS.publisher, b.publisher)
    g_add(api, DCAT.contactPoint, b.contact)
    g_add(catalog, DCAT.service, api)

    for dataset in datasets_all():
        ref = _dataset(b, dataset, themes, modified, dated)
        g_add(catalog, DCAT.dataset, ref)
        g_add(api, DCAT.servesDataset, ref)
    provenance = editions_provenance(editions)
    for edition in editions:
        ref = _edition_dataset(b, edition, themes, modified)
        g_add(catalog, DCAT.dataset, ref)
        for index, (statement, source) in enumerate(provenance.get(edition.pk, []), start=1):
            _provenance(b, ref, index, statement, source)
    return b.graph


def _dataset(
    b: _Builder,
    dataset: Dataset,
    themes: dict[str, URIRef],
    modified: dt.datetime | None,
    dated: list[Edition],
) -> URIRef:
    page = _url("opendata_dataset", dataset=dataset.slug)
    ref = URIRef(str(page))
    b.add(ref, RDF.type, DCAT.Dataset)
    b.add(ref, DCTERMS.identifier, Literal(dataset.slug))
    b.add(ref, DCTERMS.title, Literal(dataset.title, lang="es"))
    b.add(ref, DCTERMS.description, Literal(dataset.description, lang="es"))
    # The English version, when written, next to the Spanish (common.bilingual).
    if dataset.title_en:
        b.add(ref, DCTERMS.title, Literal(dataset.title_en, lang="en"))
    if dataset.description_en:
        b.add(ref, DCTERMS.description, Literal(dataset.description_en, lang="en"))
    b.add(ref, DCTERMS.publisher, b.publisher)
    b.add(ref, DCAT.contactPoint, b.contact)
    b.add(ref, DCAT.landingPage, b.document(page, dataset.title))
    b.add(ref, DCTERMS.language, b.spanish)
    if dataset.theme in themes:
        b.add(ref, DCAT.theme, themes[dataset.theme])
    for keyword in ("DATACON", "datos abiertos", *dataset.keywords):
        b.add(ref, DCAT.keyword, Literal(keyword, lang="es"))
    if modified:
        b.add(ref, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime))
    if dataset.theme == "conference":
        temporal = b.period(
            URIRef(f"{ref}#periodo"),
            min((e.start_date for e in dated), default=None),  # type: ignore[type-var]
            max((e.end_date for e in dated if e.end_date), default=None),
        )
        if temporal is not None:
            b.add(ref, DCTERMS.temporal, temporal)
    for fmt in ("csv", "json"):
        url = _url(
            "opendata_download", folder=theme_folder(dataset.theme), dataset=dataset.slug, fmt=fmt
        )
        b.add(
            ref,
            DCAT.distribution,
            b.distribution(
                uri=f"{page}#{fmt}", title=f"{dataset.title} ({fmt.upper()})", fmt=fmt,
                url=str(url), modified=modified,
            ),
        )  # fmt: skip
    return ref


def _provenance(b: _Builder, ref: URIRef, index: int, statement: str, source: str | None) -> None:
    """dct:provenance (and dct:source, when the sources are a dataset of this catalogue)."""
    node = URIRef(f"{ref}#procedencia-{index}")
    b.add(node, RDF.type, DCTERMS.ProvenanceStatement)
    b.add(node, RDFS.label, Literal(statement, lang="es"))
    b.add(ref, DCTERMS.provenance, node)
    if source:
        b.add(ref, DCTERMS.source, URIRef(str(_url("opendata_dataset", dataset=source))))


def _edition_dataset(
    b: _Builder, edition: Edition, themes: dict[str, URIRef], modified: dt.datetime | None
) -> URIRef:
    page = _url("opendata_edition", edition=edition.slug)
    ref = URIRef(str(page))
    b.add(ref, RDF.type, DCAT.Dataset)
    b.add(ref, DCTERMS.identifier, Literal(package_name(edition)))
    b.add(ref, DCTERMS.title, Literal(f"{edition.title}: datos abiertos", lang="es"))
    if edition.title_en:
        b.add(ref, DCTERMS.title, Literal(f"{edition.title_en}: open data", lang="en"))
    b.add(
        ref,
        DCTERMS.description,
        Literal(
            f"Registros públicos de {edition.title}: edición, sedes, sesiones, participaciones, "
            "organizaciones, materiales y cifras, más su programa en formatos de agenda y su memoria.",
            lang="es",
        ),
    )
    # Published by whoever organised the edition; answered for today by the operator.
    publisher = b.organiser(edition.organiser) if edition.organiser else b.publisher
    b.add(ref, DCTERMS.publisher, publisher)
    b.add(ref, DCAT.contactPoint, b.contact)
    b.add(ref, DCAT.landingPage, b.document(page, edition.title))
    b.add(ref, DCTERMS.language, b.spanish)
    b.add(ref, DCAT.theme, themes["conference"])
    b.add(ref, DCAT.keyword, Literal("DATACON", lang="es"))
    b.add(ref, DCAT.keyword, Literal(str(edition.year)))
    if modified:
        b.add(ref, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime))
    temporal = b.period(URIRef(f"{ref}#periodo"), edition.start_date, edition.end_date)
    if temporal is not None:
        b.add(ref, DCTERMS.temporal, temporal)
    slug = edition.slug
    items = [
        (
            "zip",
            "Todos los datos (ZIP con CSV, JSON, README y datapackage.json)",
            _url("opendata_edition_zip", edition=slug),
            True,
            "",
        ),
        (
            "json",
            "Paquete de datos Frictionless (datapackage.json)",
            _url("opendata_edition_datapackage", edition=slug),
            True,
            FRICTIONLESS,
        ),
        ("pdf", f"Memoria de {edition.title} (PDF)", _url("memoria_pdf", edition=slug), True, ""),
    ]
    if edition.days:
        items += [
            (
                "xml",
                "Programa en formato frab/C3VOC (schedule.xml)",
                _url("opendata_schedule_xml", edition=slug),
                True,
                C3VOC,
            ),
            (
                "json",
                "Programa en formato C3VOC (schedule.json)",
                _url("opendata_schedule_json", edition=slug),
                True,
                "https://c3voc.de/schedule/schema.json",
            ),
            (
                "ics",
                "Calendario iCalendar de la edición",
                _url("opendata_edition_ics", edition=slug),
                True,
                "https://www.rfc-editor.org/rfc/rfc5545",
            ),
        ]
    for index, (fmt, title, url, download, conforms) in enumerate(items, start=1):
        b.add(
            ref,
            DCAT.distribution,
            b.distribution(
                uri=f"{page}#distribucion-{index}", title=title, fmt=fmt, url=str(url),
                modified=modified, download=download, conforms_to=conforms,
            ),
        )  # fmt: skip
    return ref


def catalog_turtle() -> bytes:
    return catalog_graph().serialize(format="turtle", encoding="utf-8")


def catalog_jsonld() -> bytes:
    """JSON-LD with a small context, nodes sorted by @id and keys sorted: stable bytes."""
    raw = catalog_graph().serialize(format="json-ld", context=CONTEXT, auto_compact=True)
    document = json.loads(raw)
    graph = document.get("@graph", [])
    for node in graph:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(
                    value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False)
                )
    document["@graph"] = sorted(graph, key=lambda node: node.get("@id", ""))
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(
        "utf-8"
    )


def catalog_rdfxml() -> bytes:
    return catalog_graph().serialize(format="pretty-xml", encoding="utf-8")
