"""Public URLs of the policy capability. URL names start with "policy_" to stay unique in the namespace."""

from django.urls import path

from datacon.public.views import policy as views

urlpatterns = [
    path("politica/", views.process_list, name="policy_process_list"),
    path("politica/reuniones.ics", views.all_meetings_ics, name="policy_all_meetings_ics"),
    path("politica/<slug:process>/", views.process_detail, name="policy_process"),
    path("politica/<slug:process>/grupos/", views.group_list, name="policy_groups"),
    path("politica/<slug:process>/grupos/<slug:group>/", views.group_detail, name="policy_group"),
    path("politica/<slug:process>/reuniones/", views.meeting_list, name="policy_meetings"),
    path("politica/<slug:process>/reuniones.ics", views.meetings_ics, name="policy_meetings_ics"),
    path(
        "politica/<slug:process>/reuniones/<int:meeting>/",
        views.meeting_detail,
        name="policy_meeting",
    ),
    path("politica/<slug:process>/acuerdos/", views.agreement_list, name="policy_agreements"),
    path("politica/<slug:process>/documentos/", views.document_list, name="policy_documents"),
    path(
        "politica/<slug:process>/documentos/<slug:document>/",
        views.document_detail,
        name="policy_document",
    ),
    path(
        "politica/<slug:process>/documentos/<slug:document>/v<int:number>/",
        views.document_version,
        name="policy_document_version",
    ),
    path(
        "politica/<slug:process>/documentos/<slug:document>/cambios/",
        views.document_diff,
        name="policy_document_diff",
    ),
    path("politica/<slug:process>/transparencia/", views.transparency, name="policy_transparency"),
    path("politica/<slug:process>/gastos.csv", views.expenses_csv, name="policy_expenses_csv"),
    path("politica/<slug:process>/compromisos/", views.commitment_list, name="policy_commitments"),
    path(
        "politica/<slug:process>/compromisos/<str:code>/",
        views.commitment_detail,
        name="policy_commitment",
    ),
    path(
        "politica/<slug:process>/evaluacion/<int:year>/",
        views.assessment,
        name="policy_assessment",
    ),
]
