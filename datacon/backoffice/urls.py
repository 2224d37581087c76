"""Organisers' and reviewers' screens beyond the Django admin, one module per capability."""

from datacon.backoffice.routes import (
    catalogue,
    certificates,
    conference,
    consultation,
    contributions,
    demand,
    feedback,
    memoria,
    opendata,
    policy,
    proposals,
    registration,
)

app_name = "backoffice"

urlpatterns = [
    *conference.urlpatterns,
    *proposals.urlpatterns,
    *registration.urlpatterns,
    *policy.urlpatterns,
    *consultation.urlpatterns,
    *demand.urlpatterns,
    *opendata.urlpatterns,
    *memoria.urlpatterns,
    *contributions.urlpatterns,
    *certificates.urlpatterns,
    *feedback.urlpatterns,
    *catalogue.urlpatterns,
]
