"""Back-office URLs of constancias. URL names start with "certificates_"."""

from django.urls import path

from datacon.backoffice.views import certificates as views

urlpatterns = [
    path("constancias/", views.certificates_home, name="certificates_home"),
    path(
        "ediciones/<slug:edition>/constancias/",
        views.certificates_edition,
        name="certificates_edition",
    ),
]
