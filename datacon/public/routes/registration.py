"""Public URLs of the registration capability (and of privacy: notices and the ARCO screens).

URL names start with "registration_" or "privacy_" to stay unique in the namespace.
"""

from django.urls import URLPattern, URLResolver, path

from datacon.public.views import privacy
from datacon.public.views import registration as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("ediciones/<slug:edition>/registro/", views.registration_start, name="registration_start"),
    path(
        "ediciones/<slug:edition>/registro/talleres/",
        views.registration_sessions,
        name="registration_sessions",
    ),
    path(
        "ediciones/<slug:edition>/registro/talleres/<str:code>/",
        views.registration_session_action,
        name="registration_session_action",
    ),
    path(
        "ediciones/<slug:edition>/registro/talleres/<str:code>/liberar/",
        views.registration_session_leave,
        name="registration_session_leave",
    ),
    path(
        "ediciones/<slug:edition>/registro/asistentes/",
        views.registration_attendees,
        name="registration_attendees",
    ),
    path(
        "ediciones/<slug:edition>/registro/cifras/",
        views.registration_figures,
        name="registration_figures",
    ),
    path("registro/cancelar/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("registro/transmision/<str:code>/", views.registration_stream, name="registration_stream"),
    path("cuenta/registro/<slug:edition>/", views.registration_mine, name="registration_mine"),
    path(
        "cuenta/registro/<slug:edition>/boleto/",
        views.registration_ticket,
        name="registration_ticket",
    ),
    path(
        "cuenta/registro/<slug:edition>/cancelar/",
        views.registration_cancel_mine,
        name="registration_cancel_mine",
    ),
    # privacy: notices and the person's own ARCO screens
    path("privacidad/", privacy.privacy_platform, name="privacy_platform"),
    path("ediciones/<slug:edition>/privacidad/", privacy.privacy_edition, name="privacy_edition"),
    path("cuenta/mis-datos/", privacy.privacy_my_data, name="privacy_my_data"),
    path(
        "cuenta/mis-datos/descargar.json",
        privacy.privacy_download_json,
        name="privacy_download_json",
    ),
    path(
        "cuenta/mis-datos/descargar.csv", privacy.privacy_download_csv, name="privacy_download_csv"
    ),
    path("cuenta/mis-datos/corregir/", privacy.privacy_rectify, name="privacy_rectify"),
    path("cuenta/mis-datos/oposicion/", privacy.privacy_objections, name="privacy_objections"),
    path("cuenta/mis-datos/eliminar/", privacy.privacy_delete, name="privacy_delete"),
]
