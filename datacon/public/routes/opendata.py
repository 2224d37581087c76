"""Public URLs of the opendata capability. URL names start with "opendata_" to stay unique in the namespace.

File-like addresses mirror the data package's layout (datapackage.json next to
conferencia/sesiones.csv), so a data package fetched from the site resolves
its relative paths to these same URLs.

Every page here is open data for anyone: each route declares it (`public_route`).
"""

from django.urls import path

from datacon.common.access import public_route
from datacon.public.views import opendata as views

urlpatterns = [
    path("datos/", public_route(views.opendata_home), name="opendata_home"),
    path(
        "datos/conjuntos/<slug:dataset>/",
        public_route(views.opendata_dataset),
        name="opendata_dataset",
    ),
    path(
        "datos/datapackage.json",
        public_route(views.opendata_datapackage),
        name="opendata_datapackage",
    ),
    path("datos/datacon-datos-abiertos.zip", public_route(views.opendata_zip), name="opendata_zip"),
    path("datos/catalogo", public_route(views.opendata_catalog), name="opendata_catalog"),
    path(
        "datos/catalogo.<slug:fmt>",
        public_route(views.opendata_catalog_file),
        name="opendata_catalog_file",
    ),
    path(
        "datos/<slug:folder>/<slug:dataset>.<slug:fmt>",
        public_route(views.opendata_download),
        name="opendata_download",
    ),
    path(
        "ediciones/<slug:edition>/datos/",
        public_route(views.opendata_edition),
        name="opendata_edition",
    ),
    path(
        "ediciones/<slug:edition>/datos/datapackage.json",
        public_route(views.opendata_edition_datapackage),
        name="opendata_edition_datapackage",
    ),
    path(
        "ediciones/<slug:edition>/datos/datos-abiertos.zip",
        public_route(views.opendata_edition_zip),
        name="opendata_edition_zip",
    ),
    path(
        "ediciones/<slug:edition>/datos/<slug:folder>/<slug:dataset>.<slug:fmt>",
        public_route(views.opendata_edition_download),
        name="opendata_edition_download",
    ),
    path(
        "ediciones/<slug:edition>/schedule.xml",
        public_route(views.opendata_schedule_xml),
        name="opendata_schedule_xml",
    ),
    path(
        "ediciones/<slug:edition>/schedule.json",
        public_route(views.opendata_schedule_json),
        name="opendata_schedule_json",
    ),
    path(
        "ediciones/<slug:edition>/calendario.ics",
        public_route(views.opendata_edition_ics),
        name="opendata_edition_ics",
    ),
    path(
        "ediciones/<slug:edition>/sesiones/<str:code>/calendario.ics",
        public_route(views.opendata_session_ics),
        name="opendata_session_ics",
    ),
    path(
        "ediciones/<slug:edition>/mi-seleccion/",
        public_route(views.opendata_selection),
        name="opendata_selection",
    ),
    path(
        "ediciones/<slug:edition>/mi-seleccion.ics",
        public_route(views.opendata_selection_ics),
        name="opendata_selection_ics",
    ),
]
