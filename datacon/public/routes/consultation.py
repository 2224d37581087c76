"""Public URLs of the consultation capability. URL names start with "consultation_" to stay unique in the namespace."""

from django.urls import path

from datacon.public.views import consultation as views

urlpatterns = [
    path("consultas/", views.consultation_list, name="consultation_list"),
    path("consultas/<slug:consultation>/", views.consultation_detail, name="consultation_detail"),
    path(
        "consultas/<slug:consultation>/participar/",
        views.consultation_join,
        name="consultation_join",
    ),
    path(
        "consultas/<slug:consultation>/parrafos/<slug:anchor>/",
        views.consultation_paragraph,
        name="consultation_paragraph",
    ),
    path(
        "consultas/<slug:consultation>/comentarios/<int:comment>/",
        views.consultation_comment,
        name="consultation_comment",
    ),
    path(
        "consultas/<slug:consultation>/comentarios/<int:comment>/apoyo/",
        views.consultation_support,
        name="consultation_support",
    ),
    path(
        "consultas/<slug:consultation>/comentarios/<int:comment>/reportar/",
        views.consultation_flag,
        name="consultation_flag",
    ),
    path(
        "consultas/<slug:consultation>/moderacion/",
        views.consultation_moderation,
        name="consultation_moderation",
    ),
    path(
        "consultas/<slug:consultation>/informe/",
        views.consultation_report,
        name="consultation_report",
    ),
    path(
        "consultas/<slug:consultation>/informe.csv",
        views.consultation_report_csv,
        name="consultation_report_csv",
    ),
    path("cuenta/consultas/", views.consultation_my_activity, name="consultation_my_activity"),
]
