"""Public URLs of the demand capability. URL names start with "demand_" to stay unique in the namespace."""

from django.urls import path

from datacon.public.views import demand as views

urlpatterns = [
    path("demanda/", views.home, name="demand_home"),
    path("demanda/necesidades/", views.need_list, name="demand_needs"),
    path("demanda/necesidades/proponer/", views.need_propose, name="demand_need_propose"),
    path("demanda/necesidades/<slug:slug>/", views.need_detail, name="demand_need"),
    path("demanda/necesidades/<slug:slug>/apoyar/", views.need_support, name="demand_need_support"),
    path("demanda/estandares/", views.standard_list, name="demand_standards"),
    path("demanda/estandares/<slug:slug>/", views.standard_detail, name="demand_standard"),
    path("demanda/solicitudes/", views.requests_overview, name="demand_requests"),
    path("demanda/instituciones/", views.institution_list, name="demand_institutions"),
    path("demanda/instituciones/<slug:slug>/", views.institution_detail, name="demand_institution"),
    path("demanda/temas/", views.topic_list, name="demand_topics"),
    path("demanda/temas/<int:number>/", views.topic_detail, name="demand_topic"),
    path("demanda/preguntas-repetidas/", views.repeated_list, name="demand_repeated"),
    path("demanda/candidatos/", views.candidate_list, name="demand_candidates"),
    path("demanda/metodo/", views.method, name="demand_method"),
    path("demanda/reutilizacion/", views.project_list, name="demand_projects"),
    path("demanda/reutilizacion/<slug:slug>/", views.project_detail, name="demand_project"),
    path("demanda/datos/", views.data_index, name="demand_data"),
    path("demanda/datos/<slug:slug>.csv", views.dataset_csv, name="demand_dataset_csv"),
]
