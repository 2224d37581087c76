"""Public URLs of feedback. URL names start with "feedback_"."""

from django.urls import path

from datacon.public.views import feedback as views

urlpatterns = [
    path(
        "ediciones/<slug:edition>/sesiones/<str:code>/calificar/",
        views.feedback_rate,
        name="feedback_rate",
    ),
    path("ediciones/<slug:edition>/encuesta/", views.feedback_survey, name="feedback_survey"),
    path("cuenta/opiniones/", views.feedback_mine, name="feedback_mine"),
    path(
        "cuenta/opiniones/<slug:edition>/<str:code>/",
        views.feedback_session,
        name="feedback_session",
    ),
]
