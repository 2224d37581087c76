"""Back-office URLs of the conference core: the start page, an edition's data and its
configuration records (datacon/backoffice/record_kinds.py), co-conveners, venue candidates.

URL names of an edition's co-conveners, venue candidates and a new edition keep
the "proposals_" prefix they had when the call's screens held them.
"""

from django.urls import path

from datacon.backoffice.views import conference as views
from datacon.backoffice.views import edition_records as records
from datacon.backoffice.views import roles

urlpatterns = [
    path("", views.home, name="home"),
    path("convocatorias/nueva-edicion/", views.edition_copy, name="proposals_edition_copy"),
    path(
        "ediciones/<slug:edition>/co-convocantes/",
        views.co_conveners,
        name="proposals_co_conveners",
    ),
    path(
        "ediciones/<slug:edition>/sedes-candidatas/",
        views.venue_candidates,
        name="proposals_venues",
    ),
    path(
        "ediciones/<slug:edition>/configuracion/",
        records.edition_settings,
        name="edition_settings",
    ),
    path(
        "ediciones/<slug:edition>/configuracion/<slug:kind>/",
        records.edition_records,
        name="edition_records",
    ),
    path(
        "ediciones/<slug:edition>/configuracion/<slug:kind>/nuevo/",
        records.edition_record_new,
        name="edition_record_new",
    ),
    path(
        "ediciones/<slug:edition>/configuracion/<slug:kind>/<int:pk>/",
        records.edition_record_edit,
        name="edition_record_edit",
    ),
    path(
        "ediciones/<slug:edition>/configuracion/<slug:kind>/<int:pk>/borrar/",
        records.edition_record_delete,
        name="edition_record_delete",
    ),
    path("funciones/", roles.edition_roles_index, name="edition_roles_index"),
    path("ediciones/<slug:edition>/funciones/", roles.edition_roles, name="edition_roles"),
    path(
        "ediciones/<slug:edition>/sedes-candidatas/<int:pk>/",
        views.venue_candidate,
        name="proposals_venue",
    ),
]
