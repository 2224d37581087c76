"""Back office for open data: what the platform publishes, and each edition's static archive.

Back-office readers and organisers (`opendata.view`), not every staff account.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.editions.models import PUBLIC_EDITION_STATUSES, Edition
from datacon.editions.selectors import edition_from_url
from datacon.opendata import exporters
from datacon.opendata.archive import archive_edition
from datacon.opendata.registry import THEMES, datasets_all


@rule_route("opendata.view")
def opendata_panel(request: HttpRequest) -> HttpResponse:
    datasets = datasets_all()
    return render(
        request,
        "backoffice/opendata/panel.html",
        {
            "datasets": [
                (d, THEMES.get(d.theme, d.theme), exporters.theme_folder(d.theme)) for d in datasets
            ],
            "editions": list(Edition.objects.order_by("-year")),
            "public_statuses": PUBLIC_EDITION_STATUSES,
        },
    )


@rule_route("opendata.view", obj=edition_from_url)
def opendata_archive_download(request: HttpRequest, edition: str) -> HttpResponseBase:
    """The edition's static archive as a ZIP, built on demand (a few seconds)."""
    current: Edition = request.access_object  # type: ignore[attr-defined]
    if current.status not in PUBLIC_EDITION_STATUSES:
        raise Http404(_("Solo las ediciones publicadas o archivadas tienen archivo estático."))
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / f"datacon-{current.slug}-archivo"
        archive_edition(slug=current.slug, folder=folder)
        files = [
            exporters.ExportFile(path.relative_to(folder).as_posix(), path.read_bytes())
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        ]
    content = exporters.zip_bytes(files, folder=f"datacon-{current.slug}-archivo")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="datacon-{current.slug}-archivo.zip"'
    return response
