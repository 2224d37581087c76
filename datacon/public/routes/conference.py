from django.urls import path

from datacon.public.views import conference as views
from datacon.public.views import search

urlpatterns = [
    path("", views.home, name="home"),
    path("ediciones/", views.edition_list, name="edition_list"),
    path("ediciones/<slug:edition>/", views.edition_detail, name="edition"),
    path("ediciones/<slug:edition>/programa/", views.program_view, name="program"),
    path("ediciones/<slug:edition>/programa/ahora/", views.program_now, name="program_now"),
    path("ediciones/<slug:edition>/sesiones/<str:code>/", views.session_detail, name="session"),
    path("personas/", views.person_list, name="person_list"),
    path("personas/<slug:slug>/", views.person_detail, name="person"),
    path("organizaciones/", views.organisation_list, name="organisation_list"),
    path("organizaciones/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("buscar/", search.search, name="search"),
]
