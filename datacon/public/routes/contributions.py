"""Public URLs of contributions to the record. URL names start with "contributions_"."""

from django.urls import path

from datacon.public.views import contributions as views

urlpatterns = [
    path(
        "ediciones/<slug:edition>/aportar/",
        views.contribution_propose,
        name="contributions_propose",
    ),
    path("cuenta/aportaciones/", views.contributions_mine, name="contributions_mine"),
]
