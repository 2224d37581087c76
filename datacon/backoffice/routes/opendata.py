"""Back-office URLs of the opendata capability. URL names start with "opendata_" to stay unique in the namespace."""

from django.urls import path

from datacon.backoffice.views import opendata as views

urlpatterns = [
    path("datos/", views.opendata_panel, name="opendata_panel"),
    path(
        "datos/<slug:edition>/archivo.zip", views.opendata_archive_download, name="opendata_archive"
    ),
]
