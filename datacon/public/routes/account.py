"""The signed-in person's own pages (each capability adds its own under /cuenta/)."""

from django.urls import path

from datacon.public.views import account as views
from datacon.public.views import participant

urlpatterns = [
    path("cuenta/", views.account_home, name="account"),
    path("cuenta/participaciones/", participant.participations, name="account_participations"),
    path("cuenta/participaciones/perfil/", participant.profile, name="account_profile"),
    path(
        "cuenta/participaciones/<int:pk>/responder/",
        participant.respond,
        name="account_participation_respond",
    ),
    path(
        "cuenta/participaciones/sesion/<int:session>/material/",
        participant.material_new,
        name="account_material_new",
    ),
]
