"""Top-level URLs. Spanish pages live at the root, English ones under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from datacon.common.access import Access, Audience, public_route
from datacon.common.views import favicon, healthz, media_file

# Who may reach the routes of other projects' apps (ours declare it on each view,
# see datacon.common.access); read by the route × role matrix. Keys are URL names
# ("namespace:name"). The Django admin's views declare their own (superusers only:
# datacon/backoffice/admin_site.py), except its open log-in and log-out pages, declared here
# (an entry here comes before what a view declares).
THIRD_PARTY_ACCESS: dict[str, Access] = {
    # The admin's own log-in and log-out pages are open, like allauth's.
    "admin:login": Access(Audience.PUBLIC, private=True),
    "admin:logout": Access(Audience.PUBLIC, private=True),
    # django-allauth: signing up, in and out, passwords and e-mail confirmation are
    # open; the account's own e-mail and password screens need a signed-in account.
    **{
        name: Access(Audience.PUBLIC)
        for name in (
            "account_signup",
            "account_login",
            "account_logout",
            "account_confirm_email",
            "account_email_verification_sent",
            "account_inactive",
            "account_reset_password",
            "account_reset_password_done",
            "account_reset_password_from_key",
            "account_reset_password_from_key_done",
            "account_login_code_confirm",
            "account_request_login_code",
            # Only reached in the middle of a log-in by code; otherwise it sends to log-in.
            "account_confirm_login_code",
        )
    },
    **{
        name: Access(Audience.SIGNED_IN, private=True)
        for name in (
            "account_email",
            "account_change_password",
            "account_set_password",
            "account_reauthenticate",
        )
    },
    # drf-spectacular's OpenAPI document: public like the API it describes.
    "api:schema": Access(Audience.PUBLIC),
}

urlpatterns = [
    path("healthz", public_route(healthz), name="healthz"),
    path("favicon.ico", public_route(favicon), name="favicon"),
    path("api/v1/", include("datacon.api.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("cuentas/", include("allauth.urls")),
    path("gestion/", include("datacon.backoffice.urls")),
    path("", include("datacon.public.urls")),
    prefix_default_language=False,
)

if not settings.USE_S3_STORAGE:
    # Uploaded files from the local folder. In production a reverse proxy can
    # serve /media/ directly; this keeps the demo and small deployments working.
    urlpatterns += [
        path(
            "media/<path:path>",
            public_route(media_file),
            {"document_root": settings.MEDIA_ROOT},
            name="media",
        )
    ]

handler404 = "datacon.common.not_found.not_found"
handler500 = "datacon.common.views.server_error"
