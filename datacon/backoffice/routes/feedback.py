"""Back-office URLs of feedback. URL names start with "feedback_"."""

from django.urls import path

from datacon.backoffice.views import feedback as views

urlpatterns = [
    path("opiniones/", views.feedback_home, name="feedback_home"),
    path("ediciones/<slug:edition>/encuesta/", views.feedback_manage, name="feedback_manage"),
]
