"""The public site's URLs, one module per capability (see routes/)."""

from datacon.public.routes import (
    account,
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

app_name = "public"

urlpatterns = [
    *conference.urlpatterns,
    *account.urlpatterns,
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
]
