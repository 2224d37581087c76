"""Back-office URLs of contributions to the record. URL names start with "contributions_"."""

from django.urls import path

from datacon.backoffice.views import contributions as views

urlpatterns = [
    path("aportaciones/", views.contributions_home, name="contributions_home"),
    path(
        "ediciones/<slug:edition>/aportaciones/",
        views.contributions_queue,
        name="contributions_queue",
    ),
]
