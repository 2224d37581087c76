"""Back-office URLs of the platform's records that belong to no edition (one mechanism:
datacon/backoffice/catalogue.py). URL names start with "catalogue_"."""

from django.urls import path

from datacon.backoffice.views import catalogue as views

urlpatterns = [
    path("registros/", views.catalogue_home, name="catalogue_home"),
    path("registros/<slug:kind>/", views.catalogue_records, name="catalogue_records"),
    path("registros/<slug:kind>/nuevo/", views.catalogue_record_new, name="catalogue_record_new"),
    path(
        "registros/<slug:kind>/<int:pk>/",
        views.catalogue_record_edit,
        name="catalogue_record_edit",
    ),
    path(
        "registros/<slug:kind>/<int:pk>/borrar/",
        views.catalogue_record_delete,
        name="catalogue_record_delete",
    ),
    path(
        "registros/<slug:kind>/<int:pk>/accion/<slug:action>/",
        views.catalogue_record_action,
        name="catalogue_record_action",
    ),
]
