"""Public URLs of the memoria capability. URL names start with "memoria" to stay unique in the namespace.

Published memorias are public: each route declares it (`public_route`).
"""

from django.urls import path

from datacon.common.access import public_route
from datacon.public.views import memoria as views

urlpatterns = [
    path("ediciones/<slug:edition>/memoria/", public_route(views.memoria_page), name="memoria"),
    path(
        "ediciones/<slug:edition>/memoria.pdf", public_route(views.memoria_pdf), name="memoria_pdf"
    ),
    path("memorias/", public_route(views.memoria_compare), name="memoria_compare"),
]
