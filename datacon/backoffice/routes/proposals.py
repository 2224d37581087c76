"""Back-office URLs of the proposals capability. URL names start with "proposals_"."""

from django.urls import path

from datacon.backoffice.views import materials, outbox, program_import, schedule, schedule_moves
from datacon.backoffice.views import proposals as views

urlpatterns = [
    path("convocatorias/", views.calls, name="proposals_calls"),
    path("ediciones/<slug:edition>/convocatoria/", views.edition_hub, name="proposals_edition"),
    path(
        "ediciones/<slug:edition>/convocatoria/ajustes/",
        views.call_settings,
        name="proposals_call_settings",
    ),
    path("ediciones/<slug:edition>/propuestas/", views.proposal_list, name="proposals_list"),
    path(
        "ediciones/<slug:edition>/propuestas/<int:pk>/",
        views.proposal_detail,
        name="proposals_detail",
    ),
    path(
        "ediciones/<slug:edition>/propuestas/<int:pk>/decidir/",
        views.proposal_decide_view,
        name="proposals_decide",
    ),
    path("ediciones/<slug:edition>/propuestas/asignar/", views.assign, name="proposals_assign"),
    path(
        "ediciones/<slug:edition>/propuestas/decidir/",
        views.bulk_decide,
        name="proposals_bulk_decide",
    ),
    path("ediciones/<slug:edition>/clasificacion/", views.ranking, name="proposals_ranking"),
    path("ediciones/<slug:edition>/paridad/", views.parity, name="proposals_parity"),
    path("ediciones/<slug:edition>/programa/", schedule.schedule, name="proposals_schedule"),
    path(
        "ediciones/<slug:edition>/programa/sesiones/<int:pk>/",
        schedule.place,
        name="proposals_place",
    ),
    path(
        "ediciones/<slug:edition>/programa/sesiones/<int:pk>/mover/",
        schedule_moves.move,
        name="proposals_move",
    ),
    path(
        "ediciones/<slug:edition>/programa/sesiones/<int:pk>/materiales/",
        materials.session_materials,
        name="proposals_materials",
    ),
    path(
        "ediciones/<slug:edition>/programa/importar/",
        program_import.program_import_view,
        name="proposals_program_import",
    ),
    path(
        "ediciones/<slug:edition>/programa/importar/plantilla.csv",
        program_import.program_import_template,
        name="proposals_program_import_template",
    ),
    path(
        "ediciones/<slug:edition>/programa/publicar/",
        schedule.publish,
        name="proposals_publish",
    ),
    path(
        "ediciones/<slug:edition>/programa/publicar/recordar/<int:pk>/",
        schedule.remind,
        name="proposals_publish_remind",
    ),
    path("revision/", views.review_queue, name="proposals_review_queue"),
    path("revision/<int:pk>/", views.review, name="proposals_review"),
    path("revision/<int:pk>/conflicto/", views.review_conflict, name="proposals_review_conflict"),
    path("bandeja/", outbox.outbox, name="proposals_outbox"),
    path("bandeja/<int:pk>/", outbox.outbox_email, name="proposals_outbox_email"),
]
