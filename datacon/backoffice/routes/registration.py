"""Back-office URLs of the registration capability. URL names start with "registration_"."""

from django.urls import URLPattern, path

from datacon.backoffice.views import registration as views

urlpatterns: list[URLPattern] = [
    path("registro/", views.registration_overview, name="registration_overview"),
    path("registro/<slug:edition>/", views.registration_dashboard, name="registration_dashboard"),
    path(
        "registro/<slug:edition>/asistentes/",
        views.registration_attendees,
        name="registration_attendees",
    ),
    path(
        "registro/<slug:edition>/asistentes.csv",
        views.registration_attendees_export,
        name="registration_attendees_export",
    ),
    path(
        "registro/<slug:edition>/asistentes/<int:pk>/cancelar/",
        views.registration_attendee_cancel,
        name="registration_attendee_cancel",
    ),
    path(
        "registro/<slug:edition>/exportaciones/",
        views.registration_export_log,
        name="registration_export_log",
    ),
    path(
        "registro/<slug:edition>/acceso/",
        views.registration_checkin_home,
        name="registration_checkin_home",
    ),
    path(
        "registro/<slug:edition>/acceso/sede/<int:venue>/",
        views.registration_checkin_venue,
        name="registration_checkin_venue",
    ),
    path(
        "registro/<slug:edition>/acceso/sesion/<int:session>/",
        views.registration_checkin_session,
        name="registration_checkin_session",
    ),
    path(
        "registro/<slug:edition>/conteos.json",
        views.registration_live_counts,
        name="registration_live_counts",
    ),
    path(
        "registro/<slug:edition>/cifras/", views.registration_figures, name="registration_figures"
    ),
    path(
        "registro/<slug:edition>/transmision/",
        views.registration_streaming_send,
        name="registration_streaming_send",
    ),
    path(
        "registro/<slug:edition>/listas-de-espera/",
        views.registration_waitlists_promote,
        name="registration_waitlists_promote",
    ),
]
