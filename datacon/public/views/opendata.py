"""Open data: downloads (CSV, JSON, data packages, ZIP), the DCAT catalogue, schedule
formats, calendars and the data dictionary. Views pick an exporter and cache it
under the scopes of the data it contains."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from datacon.common.http import public_page
from datacon.common.ical import CALENDAR_CONTENT_TYPE
from datacon.common.versions import CONFERENCE
from datacon.editions import selectors as editions
from datacon.editions.models import Edition
from datacon.opendata import calendars, dcat, exporters, schedule
from datacon.opendata.registry import Dataset, datasets_all, theme_title
from datacon.program import selectors as program


def _all_scopes() -> tuple[str, ...]:
    return tuple(sorted({CONFERENCE, *(s for d in datasets_all() for s in d.scopes)}))


def _cached(
    scopes: Callable[[], tuple[str, ...]], vary_on: Callable[[HttpRequest], str] | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., Any]]:
    """public_page with scopes read per request (datasets register at start-up)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            # Open data, no personal data: any web application may read it (CORS).
            return public_page(scopes(), vary_on=vary_on, cors=True)(view)(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


def _download(
    content: bytes, content_type: str, filename: str, *, attachment: bool
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _dataset_or_404(folder: str, slug: str, edition: Edition | None) -> Dataset:
    dataset = exporters.dataset_for(slug, edition)
    if dataset is None or exporters.theme_folder(dataset.theme) != folder:
        raise Http404(_("Conjunto de datos no encontrado"))
    return dataset


def _export(dataset: Dataset, edition: Edition | None, fmt: str) -> HttpResponse:
    rows = exporters.dataset_rows(dataset, edition)
    prefix = exporters.package_name(edition)
    if fmt == "csv":
        return _download(
            exporters.csv_bytes(dataset, rows), exporters.CSV_CONTENT_TYPE,
            f"{prefix}-{dataset.slug}.csv", attachment=True,
        )  # fmt: skip
    if fmt == "json":
        return _download(
            exporters.json_bytes(dataset, rows, edition), exporters.JSON_CONTENT_TYPE,
            f"{prefix}-{dataset.slug}.json", attachment=False,
        )  # fmt: skip
    raise Http404(_("Formato no disponible"))


def _datapackage(edition: Edition | None) -> HttpResponse:
    files = exporters.package_files(edition)
    content = next(f.content for f in files if f.path == "datapackage.json")
    return _download(content, exporters.JSON_CONTENT_TYPE, "datapackage.json", attachment=False)


def _zip(edition: Edition | None) -> HttpResponse:
    name = exporters.package_name(edition)
    content = exporters.zip_bytes(exporters.package_files(edition), folder=name)
    return _download(content, "application/zip", f"{name}.zip", attachment=True)


# --- whole platform ---------------------------------------------------------------------------


@_cached(_all_scopes)
def opendata_home(request: HttpRequest) -> HttpResponse:
    datasets = exporters.datasets_for(None)
    groups = [
        (theme_title(theme), [d for d in datasets if d.theme == theme])
        for theme in dict.fromkeys(d.theme for d in datasets)
    ]
    return render(
        request,
        "public/opendata/home.html",
        {
            "groups": groups,
            "editions": list(editions.editions_public().order_by("-year")),
            "theme_folder": exporters.theme_folder,
        },
    )


@_cached(_all_scopes)
def opendata_dataset(request: HttpRequest, dataset: str) -> HttpResponse:
    found = next((d for d in datasets_all() if d.slug == dataset), None)
    if found is None:
        raise Http404(_("Conjunto de datos no encontrado"))
    return render(
        request,
        "public/opendata/dataset.html",
        {
            "dataset": found,
            "folder": exporters.theme_folder(found.theme),
            "theme": theme_title(found.theme),
            "licence": exporters.LICENCE,
            "editions": list(editions.editions_public().order_by("-year"))
            if found.per_edition
            else [],
            "foreign_keys": found.extra.get("foreignKeys", []),
            "api_url": found.extra.get("api", ""),
        },
    )


@_cached(_all_scopes)
def opendata_download(request: HttpRequest, folder: str, dataset: str, fmt: str) -> HttpResponse:
    return _export(_dataset_or_404(folder, dataset, None), None, fmt)


@_cached(_all_scopes)
def opendata_datapackage(request: HttpRequest) -> HttpResponse:
    return _datapackage(None)


@_cached(_all_scopes)
def opendata_zip(request: HttpRequest) -> HttpResponse:
    return _zip(None)


# --- the DCAT catalogue, with content negotiation --------------------------------------------------

CATALOG_FORMATS = {
    "ttl": (dcat.catalog_turtle, dcat.TURTLE_CONTENT_TYPE),
    "jsonld": (dcat.catalog_jsonld, dcat.JSONLD_CONTENT_TYPE),
    "rdf": (dcat.catalog_rdfxml, dcat.RDFXML_CONTENT_TYPE),
}
ACCEPTED = [
    ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),
    ("application/rdf+xml", "rdf"),
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
]


def negotiate(accept: str) -> str:
    """The best format for an Accept header (quality values respected); JSON-LD by default."""
    best, best_q = "jsonld", -1.0
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        quality = 1.0
        for param in parts[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        for candidate, fmt in ACCEPTED:
            if media == candidate and (quality > best_q):
                best, best_q = fmt, quality - position * 1e-6
    return best


def opendata_catalog(request: HttpRequest) -> HttpResponse:
    """/datos/catalogo answers in the format the client asks for (Accept or ?formato=)."""
    fmt = request.GET.get("formato") or negotiate(request.headers.get("Accept", "*/*"))
    if fmt == "html":
        response: HttpResponse = HttpResponseRedirect(reverse("public:opendata_home"), status=303)
        response.status_code = 303
    elif fmt in CATALOG_FORMATS:
        response = _catalog(request, fmt)
    else:
        raise Http404(_("Formato no disponible"))
    patch_vary_headers(response, ["Accept"])
    return response


def _catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    @_cached(_all_scopes, vary_on=lambda _request: fmt)
    def render_catalog(request: HttpRequest) -> HttpResponse:
        build, content_type = CATALOG_FORMATS[fmt]
        return _download(build(), content_type, f"catalogo.{fmt}", attachment=False)

    return render_catalog(request)  # type: ignore[no-any-return]


def opendata_catalog_file(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CATALOG_FORMATS:
        raise Http404(_("Formato no disponible"))
    return _catalog(request, fmt)


# --- one edition ----------------------------------------------------------------------------------


def _edition_scopes() -> tuple[str, ...]:
    return tuple(
        sorted({CONFERENCE, *(s for d in datasets_all() if d.per_edition for s in d.scopes)})
    )


@_cached(_edition_scopes)
def opendata_edition(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    datasets = exporters.datasets_for(current)
    return render(
        request,
        "public/opendata/edition.html",
        {
            "edition": current,
            "datasets": [
                (d, exporters.theme_folder(d.theme), len(exporters.dataset_rows(d, current)))
                for d in datasets
            ],
            "has_schedule": schedule.schedule_available(current),
        },
    )


@_cached(_edition_scopes)
def opendata_edition_download(
    request: HttpRequest, edition: str, folder: str, dataset: str, fmt: str
) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    return _export(_dataset_or_404(folder, dataset, current), current, fmt)


@_cached(_edition_scopes)
def opendata_edition_datapackage(request: HttpRequest, edition: str) -> HttpResponse:
    return _datapackage(editions.edition_get_public(slug=edition))


@_cached(_edition_scopes)
def opendata_edition_zip(request: HttpRequest, edition: str) -> HttpResponse:
    return _zip(editions.edition_get_public(slug=edition))


def _with_schedule(edition: str) -> Edition:
    current = editions.edition_get_public(slug=edition)
    if not schedule.schedule_available(current):
        raise Http404(
            _("Esta edición no tiene fechas registradas, así que no tiene programa que exportar.")
        )
    return current


@public_page([CONFERENCE], cors=True)
def opendata_schedule_xml(request: HttpRequest, edition: str) -> HttpResponse:
    current = _with_schedule(edition)
    return _download(
        schedule.schedule_xml(current), schedule.XML_CONTENT_TYPE, "schedule.xml", attachment=False
    )


@public_page([CONFERENCE], cors=True)
def opendata_schedule_json(request: HttpRequest, edition: str) -> HttpResponse:
    current = _with_schedule(edition)
    return _download(
        schedule.schedule_json(current),
        schedule.JSON_CONTENT_TYPE,
        "schedule.json",
        attachment=False,
    )


# Calendars carry DTSTAMP (the time of the download), so each is rendered afresh;
# the ETag still spares the work when nothing changed.
@public_page([CONFERENCE], cors=True)
def opendata_edition_ics(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    content, _count = calendars.edition_calendar(current)
    return _download(content, CALENDAR_CONTENT_TYPE, f"datacon-{current.slug}.ics", attachment=True)


@public_page([CONFERENCE], cors=True)
def opendata_session_ics(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    session = program.session_get_public(edition=current, code=code)
    if not calendars.has_calendar_entry(session):
        raise Http404(
            _("Esta sesión aún no tiene horario, así que no puede añadirse al calendario.")
        )
    return _download(
        calendars.session_calendar(session), CALENDAR_CONTENT_TYPE,
        f"datacon-{current.slug}-{session.code}.ics", attachment=True,
    )  # fmt: skip


@public_page([CONFERENCE], cors=True)
def opendata_selection(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    codes = calendars.selection_codes(request.GET.get("sesiones", ""))
    sessions = (
        list(program.program_sessions(edition=current).filter(code__in=codes)) if codes else []
    )
    found = {s.code for s in sessions}
    return render(
        request,
        "public/opendata/selection.html",
        {
            "edition": current,
            "codes": codes,
            "sessions": sessions,
            "missing": [code for code in codes if code not in found],
            "untimed": [s for s in sessions if not s.starts_at],
            "query": ",".join(codes),
        },
    )


@public_page([CONFERENCE], cors=True)
def opendata_selection_ics(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    codes = calendars.selection_codes(request.GET.get("sesiones", ""))
    content, _count = calendars.edition_calendar(current, codes=codes)
    return _download(
        content, CALENDAR_CONTENT_TYPE, f"datacon-{current.slug}-mi-seleccion.ics", attachment=True
    )
