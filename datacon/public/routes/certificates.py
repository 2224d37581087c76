"""Public URLs of constancias. URL names start with "certificates_"."""

from django.urls import path

from datacon.public.views import certificates as views

urlpatterns = [
    path("constancias/<str:folio>/", views.certificate_verify, name="certificates_verify"),
    path("cuenta/constancias/", views.certificates_mine, name="certificates_mine"),
    path(
        "cuenta/constancias/<str:folio>/pdf/",
        views.certificate_download,
        name="certificates_download",
    ),
]
