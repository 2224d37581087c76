"""Open data publishes everyone else's records (see datacon.opendata.registry); its own
record is the platform's operator: publisher of platform-wide data, contact point of
every dataset in the DCAT catalogue (datacon.opendata.models)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from datacon.backoffice.admin_base import ServiceModelAdmin
from datacon.opendata.models import PlatformOperator


@admin.register(PlatformOperator)
class PlatformOperatorAdmin(ServiceModelAdmin):
    list_display = ("name", "email", "website", "updated_at")
    fields = ("name", "email", "website")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One operator: once recorded, it is edited, not added again.
        return super().has_add_permission(request) and not PlatformOperator.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # without it the catalogue falls back to the settings; edit it instead
