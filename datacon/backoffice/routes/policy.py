"""Back-office URLs of the policy capability. URL names start with "policy_"."""

from django.urls import path

from datacon.backoffice.views import policy as views

urlpatterns = [
    path("politica/", views.policy_home, name="policy_home"),
    path(
        "politica/documentos/<int:document>/version-nueva/",
        views.version_new,
        name="policy_version_new",
    ),
]
