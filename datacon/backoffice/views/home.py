"""The back office's start page: each capability adds its panel."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from datacon.backoffice.access import staff_required
from datacon.editions.models import Edition


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year").only("pk", "slug", "title", "year", "status"))
    return render(request, "backoffice/home.html", {"editions": editions})
