"""Public URLs of the proposals capability. URL names start with "proposals_" to stay unique in the namespace."""

from django.urls import path

from datacon.public.views import proposals as views

urlpatterns = [
    path("ediciones/<slug:edition>/convocatoria/", views.call_page, name="proposals_call"),
    path("ediciones/<slug:edition>/convocatoria/enviar/", views.submit, name="proposals_submit"),
    path("ediciones/<slug:edition>/programa/cambios/", views.changelog, name="proposals_changelog"),
    path(
        "ediciones/<slug:edition>/co-convocantes/solicitud/",
        views.co_convener,
        name="proposals_co_convener",
    ),
    path("cuenta/propuestas/", views.mine, name="proposals_mine"),
    path("cuenta/propuestas/<int:pk>/", views.detail, name="proposals_detail"),
    path("cuenta/propuestas/<int:pk>/editar/", views.edit, name="proposals_edit"),
    path("cuenta/propuestas/<int:pk>/retirar/", views.withdraw, name="proposals_withdraw"),
    path("cuenta/propuestas/<int:pk>/responder/", views.respond, name="proposals_respond"),
    path("propuestas/invitacion/<str:token>/", views.invitation, name="proposals_invitation"),
]
