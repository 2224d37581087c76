"""Back-office URLs of the memoria capability. URL names start with "memoria_" to stay unique in the namespace."""

from django.urls import path

from datacon.backoffice.views import memoria as views

urlpatterns = [
    path("memorias/", views.memoria_list, name="memoria_list"),
    path("memorias/<slug:edition>/", views.memoria_edit, name="memoria_edit"),
    path(
        "memorias/<slug:edition>/publicacion/",
        views.memoria_publication,
        name="memoria_publication",
    ),
    path("memorias/<slug:edition>/vista-previa/", views.memoria_preview, name="memoria_preview"),
]
