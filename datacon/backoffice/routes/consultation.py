"""Back-office URLs of the consultation capability. URL names start with "consultation_"."""

from django.urls import path

from datacon.backoffice.views import consultation as views

urlpatterns = [
    path("consultas/", views.consultation_home, name="consultation_home"),
    path(
        "consultas/<int:consultation>/moderacion/",
        views.moderation_queue,
        name="consultation_moderation",
    ),
    path(
        "consultas/<int:consultation>/moderacion/registro/",
        views.moderation_log,
        name="consultation_moderation_log",
    ),
    path(
        "consultas/<int:consultation>/moderacion/<int:comment>/",
        views.moderate_comment,
        name="consultation_moderate",
    ),
    path(
        "consultas/<int:consultation>/respuestas/",
        views.answer_queue,
        name="consultation_answers",
    ),
    path(
        "consultas/<int:consultation>/respuestas/<int:comment>/",
        views.answer_comment,
        name="consultation_answer",
    ),
]
