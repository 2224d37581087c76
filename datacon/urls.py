"""Top-level URLs. Spanish pages live at the root, English ones under /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from datacon.common.views import healthz

admin.site.site_header = "DATACON · Administración"
admin.site.site_title = "DATACON"
admin.site.index_title = "Gestión de la plataforma"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
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
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "datacon.common.not_found.not_found"
handler500 = "datacon.common.views.server_error"
