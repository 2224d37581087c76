"""Public URLs of the memoria capability. URL names start with "memoria" to stay unique in the namespace."""

from django.urls import path

from datacon.public.views import memoria as views

urlpatterns = [
    path("ediciones/<slug:edition>/memoria/", views.memoria_page, name="memoria"),
    path("ediciones/<slug:edition>/memoria.pdf", views.memoria_pdf, name="memoria_pdf"),
    path("memorias/", views.memoria_compare, name="memoria_compare"),
]
