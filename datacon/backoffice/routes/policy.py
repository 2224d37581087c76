"""Back-office URLs of the policy capability. URL names start with "policy_"."""

from django.urls import path

from datacon.backoffice.views import catalogue as records
from datacon.backoffice.views import policy as views

urlpatterns = [
    path("politica/", views.policy_home, name="policy_home"),
    path("politica/registros/<slug:kind>/", records.policy_records, name="policy_records"),
    path(
        "politica/registros/<slug:kind>/nuevo/",
        records.policy_record_new,
        name="policy_record_new",
    ),
    path(
        "politica/registros/<slug:kind>/<int:pk>/",
        records.policy_record_edit,
        name="policy_record_edit",
    ),
    path(
        "politica/documentos/<int:document>/version-nueva/",
        views.version_new,
        name="policy_version_new",
    ),
]
