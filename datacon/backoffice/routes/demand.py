"""Back-office URLs of the demand capability. URL names start with "demand_"."""

from django.urls import path

from datacon.backoffice.views import demand as views
from datacon.backoffice.views import demand_imports

urlpatterns = [
    path("demanda/", views.triage_queue, name="demand_triage"),
    path("demanda/necesidades/<int:pk>/", views.need_triage, name="demand_need"),
    path("demanda/necesidades/<int:pk>/estado/", views.need_status, name="demand_need_status"),
    path("demanda/necesidades/<int:pk>/editar/", views.need_edit, name="demand_need_edit"),
    path(
        "demanda/necesidades/<int:pk>/estandar/", views.need_standard, name="demand_need_standard"
    ),
    path(
        "demanda/necesidades/<int:pk>/instituciones/",
        views.need_holders,
        name="demand_need_holders",
    ),
    path(
        "demanda/necesidades/<int:pk>/menciones/",
        views.need_mention_add,
        name="demand_need_mention_add",
    ),
    path(
        "demanda/necesidades/<int:pk>/menciones/<int:mention>/quitar/",
        views.need_mention_remove,
        name="demand_need_mention_remove",
    ),
    path(
        "demanda/necesidades/<int:pk>/moderacion/", views.need_moderate, name="demand_need_moderate"
    ),
    path("demanda/candidatos/", views.candidate_list, name="demand_candidates"),
    path(
        "demanda/candidatos/<int:pk>/promover/",
        views.candidate_promote,
        name="demand_candidate_promote",
    ),
    path("demanda/importaciones/", demand_imports.imports, name="demand_imports"),
    path("demanda/importaciones/subir/", demand_imports.import_upload, name="demand_import_upload"),
    path("demanda/importaciones/<int:pk>/", demand_imports.import_detail, name="demand_import"),
    path("demanda/analisis/", demand_imports.analyse, name="demand_analyse"),
    path("demanda/estandares/", views.standard_list, name="demand_standards"),
    path("demanda/estandares/nuevo/", views.standard_edit, name="demand_standard_new"),
    path("demanda/estandares/<int:pk>/", views.standard_edit, name="demand_standard_edit"),
    path("demanda/instituciones/", views.institution_list, name="demand_institutions"),
    path("demanda/instituciones/unir/", views.institution_merge, name="demand_institution_merge"),
]
