"""Public pages of the demand capability: which data to open.

Views pick a selector, a template and the cache scope (DEMAND); the writes
(proposing, supporting) go through `datacon.demand.services`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common import csvout
from datacon.common.access import public_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.http import public_page
from datacon.common.ratelimit import rate_limit_hit
from datacon.common.versions import DEMAND
from datacon.demand import selectors as demand
from datacon.demand import services
from datacon.demand.forms import NeedProposalForm
from datacon.demand.models import (
    GovernmentLevel,
    Institution,
    NeedStatus,
    ReuseKind,
    Sector,
)
from datacon.editions.selectors import editions_public
from datacon.opendata.registry import Dataset, dataset_get, datasets_all

PAGE_SIZE = 30
PROPOSALS_PER_HOUR = 5
SUPPORTS_PER_TEN_MINUTES = 60
# Datasets streamed instead of built in memory (a million requests).
STREAMED_DATASETS = {"solicitudes-de-informacion"}


def _choice(value: str | None, allowed: Iterable[str]) -> str:
    value = (value or "")[:40]
    return value if value in set(allowed) else ""


def _per_user(request: HttpRequest) -> str:
    # Pages that show "you support this" differ per account.
    return str(request.user.pk) if request.user.is_authenticated else ""


def _page(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Any:
    return Paginator(items, size).get_page(request.GET.get("pagina"))


def _common() -> dict[str, Any]:
    return {"synthetic": demand.requests_are_synthetic()}


# --- overview --------------------------------------------------------------------------------------


@public_route
@public_page([DEMAND])
def home(request: HttpRequest) -> HttpResponse:
    overview = demand.demand_overview()
    return render(
        request,
        "public/demand/home.html",
        {
            "section": "home",
            **_common(),
            "overview": overview,
            "status_counts": demand.need_status_counts(),
            "top_needs": list(demand.needs_list(include_closed=False)[:6]),
            "top_candidates": list(demand.candidates_ranked()[:5]),
            "projects": list(demand.projects_public()[:4]),
            "topics": demand.topics_current()[:6],
        },
    )


# --- the registry ------------------------------------------------------------------------------------


@public_route
@public_page([DEMAND])
def need_list(request: HttpRequest) -> HttpResponse:
    selected = {
        "estado": _choice(request.GET.get("estado"), NeedStatus.values),
        "sector": _choice(request.GET.get("sector"), Sector.values),
        "orden": _choice(request.GET.get("orden_gobierno"), GovernmentLevel.values),
        "institucion": (request.GET.get("institucion") or "")[:80],
        "q": (request.GET.get("q") or "").strip()[:200],
        "ordenar": _choice(request.GET.get("ordenar"), demand.NEED_ORDERS) or "apoyos",
    }
    needs = demand.needs_list(
        status=selected["estado"],
        sector=selected["sector"],
        level=selected["orden"],
        institution=selected["institucion"],
        query=selected["q"],
        order=selected["ordenar"],
    )
    page = _page(request, needs)
    return render(
        request,
        "public/demand/need_list.html",
        {
            "section": "needs",
            "page": page,
            "selected": selected,
            "filtered": any(v for k, v in selected.items() if k != "ordenar"),
            "statuses": NeedStatus.choices,
            "sectors": Sector.choices,
            "levels": GovernmentLevel.choices,
            "status_counts": demand.need_status_counts(),
        },
    )


@public_route
@public_page([DEMAND], vary_on=_per_user)
def need_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = demand.need_get_public(slug=slug)
    return render(
        request,
        "public/demand/need_detail.html",
        {
            "section": "needs",
            "page": page,
            "need": page.need,
            "supported": demand.need_supported_by(need=page.need, user=request.user),
            "supportable": page.need.status in services.SUPPORTABLE_STATUSES,
            "projects": list(demand.projects_public(need=page.need)),
        },
    )


@signed_in_route
def need_propose(request: HttpRequest) -> HttpResponse:
    form = NeedProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            key=f"demand-propose:{request.user.pk}", limit=PROPOSALS_PER_HOUR, window_seconds=3600
        ):
            form.add_error(
                None,
                _("Ha enviado muchas propuestas en poco tiempo. Inténtelo de nuevo en una hora."),
            )
        else:
            data = form.cleaned_data
            try:
                need = services.need_propose(
                    actor=Actor.of(request.user),
                    title=data["title"],
                    description=data["description"],
                    justification=data["justification"],
                    rights=data["rights"],
                    sector=data["sector"],
                    level=data["level"],
                    holders_suggested=data["holders_suggested"],
                    proposer_public_name=data["proposer_public_name"],
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Gracias: su propuesta está publicada y cuenta con su apoyo. El equipo organizador la revisará."
                    ),
                )
                return redirect("public:demand_need", slug=need.slug)
    response = render(
        request,
        "public/demand/need_form.html",
        {
            "section": "needs",
            "form": form,
            "institutions": list(
                Institution.objects.order_by("name").values_list("name", flat=True)[:2000]
            ),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


# Anyone may send it; a visitor who is not signed in is asked to sign in and comes back to
# the need's page (not to this POST-only address).
@public_route
@require_POST
def need_support(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        messages.info(request, _("Inicie sesión para apoyar esta necesidad."))
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.path.replace("apoyar/", ""))
    page = demand.need_get_public(slug=slug)
    if rate_limit_hit(
        key=f"demand-support:{request.user.pk}", limit=SUPPORTS_PER_TEN_MINUTES, window_seconds=600
    ):
        messages.error(request, _("Demasiadas acciones en poco tiempo. Inténtelo más tarde."))
        return redirect("public:demand_need", slug=slug)
    try:
        if request.POST.get("accion") == "retirar":
            services.need_support_withdraw(need=page.need, actor=Actor.of(request.user))
            messages.success(request, _("Retiró su apoyo."))
        else:
            added = services.need_support(need=page.need, actor=Actor.of(request.user))
            messages.success(
                request, _("Gracias por su apoyo.") if added else _("Ya apoyaba esta necesidad.")
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("public:demand_need", slug=slug)


@public_route
@public_page([DEMAND])
def standard_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/demand/standards.html",
        {"section": "standards", "standards": list(demand.standards_public())},
    )


@public_route
@public_page([DEMAND])
def standard_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "public/demand/standard_detail.html",
        {"section": "standards", "standard": demand.standard_get_public(slug=slug)},
    )


# --- demand read from the requests -----------------------------------------------------------------


@public_route
@public_page([DEMAND])
def requests_overview(request: HttpRequest) -> HttpResponse:
    overview = demand.demand_overview()
    return render(
        request,
        "public/demand/requests.html",
        {
            "section": "requests",
            **_common(),
            "overview": overview,
            "month_rows": list(
                zip(
                    overview.months,
                    overview.total.rows[0].counts if overview.total.rows else [],
                    strict=False,
                )
            ),
            "institution_rows": overview.institutions.rows[:25],
            "state_rows": overview.states.rows,
            "topic_rows": overview.topics.rows,
            "institution_peak": overview.institutions.rows[0].total
            if overview.institutions.rows
            else 0,
            "state_peak": overview.states.rows[0].total if overview.states.rows else 0,
            "topic_peak": overview.topics.rows[0].total if overview.topics.rows else 0,
        },
    )


@public_route
@public_page([DEMAND])
def institution_list(request: HttpRequest) -> HttpResponse:
    months, rows = demand.institutions_directory()
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        from datacon.common.text import search_normalise

        words = search_normalise(query).split()
        rows = [
            r
            for r in rows
            if all(
                w in search_normalise(f"{r.institution.name} {r.institution.acronym}")
                for w in words
            )
        ]
    return render(
        request,
        "public/demand/institutions.html",
        {
            "section": "institutions",
            **_common(),
            "page": _page(request, rows, 50),
            "months": months,
            "query": query,
        },
    )


@public_route
@public_page([DEMAND])
def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    institution = demand.institution_get_public(slug=slug)
    months, rows = demand.institutions_directory()
    row = next((r for r in rows if r.institution.pk == institution.pk), None)
    if row is None:
        raise Http404("Institución sin solicitudes ni necesidades")
    return render(
        request,
        "public/demand/institution_detail.html",
        {
            "section": "institutions",
            **_common(),
            "institution": institution,
            "row": row,
            "months": months,
            "topics": demand.institution_topics(institution=institution),
            "repeated": list(demand.repeated_questions(institution=institution)[:10]),
            "candidates": list(demand.candidates_ranked(institution=institution)),
            "needs": list(demand.needs_list(institution=institution.slug)[:20]),
        },
    )


@public_route
@public_page([DEMAND])
def topic_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/demand/topics.html",
        {
            "section": "topics",
            **_common(),
            "topics": demand.topics_current(),
            "run": demand.current_run(),
        },
    )


@public_route
@public_page([DEMAND])
def topic_detail(request: HttpRequest, number: int) -> HttpResponse:
    topic = demand.topic_get(number=number)
    return render(
        request,
        "public/demand/topic_detail.html",
        {
            "section": "topics",
            **_common(),
            "topic": topic,
            "run": demand.current_run(),
            "repeated": list(demand.repeated_questions(topic=number)[:20]),
        },
    )


def _institution_filter(request: HttpRequest) -> Institution | None:
    slug = (request.GET.get("institucion") or "")[:80]
    return Institution.objects.filter(slug=slug).first() if slug else None


@public_route
@public_page([DEMAND])
def repeated_list(request: HttpRequest) -> HttpResponse:
    institution = _institution_filter(request)
    return render(
        request,
        "public/demand/repeated.html",
        {
            "section": "repeated",
            **_common(),
            "page": _page(request, demand.repeated_questions(institution=institution)),
            "institution": institution,
            "run": demand.current_run(),
        },
    )


@public_route
@public_page([DEMAND])
def candidate_list(request: HttpRequest) -> HttpResponse:
    institution = _institution_filter(request)
    return render(
        request,
        "public/demand/candidates.html",
        {
            "section": "candidates",
            **_common(),
            "page": _page(request, demand.candidates_ranked(institution=institution)),
            "institution": institution,
            "run": demand.current_run(),
        },
    )


@public_route
@public_page([DEMAND])
def method(request: HttpRequest) -> HttpResponse:
    from datacon.demand.analysis.candidates import AnalysisParameters

    run = demand.current_run()
    return render(
        request,
        "public/demand/method.html",
        {"section": "method", "run": run, "defaults": AnalysisParameters(), **_common()},
    )


# --- reuse showcase -------------------------------------------------------------------------------------


@public_route
@public_page([DEMAND])
def project_list(request: HttpRequest) -> HttpResponse:
    editions = list(
        editions_public().filter(reuse_projects__is_published=True).distinct().order_by("-year")
    )
    selected = {
        "tipo": _choice(request.GET.get("tipo"), ReuseKind.values),
        "edicion": _choice(request.GET.get("edicion"), [e.slug for e in editions]),
        "sector": _choice(request.GET.get("sector"), Sector.values),
    }
    projects = demand.projects_public(
        kind=selected["tipo"], edition=selected["edicion"], sector=selected["sector"]
    )
    return render(
        request,
        "public/demand/projects.html",
        {
            "section": "projects",
            "page": _page(request, projects, 24),
            "selected": selected,
            "filtered": any(selected.values()),
            "kinds": ReuseKind.choices,
            "sectors": Sector.choices,
            "editions": editions,
        },
    )


@public_route
@public_page([DEMAND])
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request,
        "public/demand/project_detail.html",
        {"section": "projects", "project": demand.project_get_public(slug=slug)},
    )


# --- open data ------------------------------------------------------------------------------------------


def demand_datasets() -> list[Dataset]:
    return [dataset for dataset in datasets_all() if dataset.theme == "demand"]


@public_route
@public_page([DEMAND], cors=True)
def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "public/demand/data.html", {"section": "data", "datasets": demand_datasets()}
    )


@public_route
@public_page([DEMAND], cors=True)
def dataset_csv(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    try:
        dataset = dataset_get(slug)
    except KeyError as missing:
        raise Http404("Conjunto de datos no encontrado") from missing
    if dataset.theme != "demand":
        raise Http404("Conjunto de datos no encontrado")
    lines = csvout.dict_csv_lines(dataset.column_names, dataset.rows(None))
    disposition = f'attachment; filename="{dataset.slug}.csv"'
    if slug in STREAMED_DATASETS:
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            lines, content_type=csvout.CONTENT_TYPE
        )
    else:
        response = HttpResponse("".join(lines), content_type=csvout.CONTENT_TYPE)
    response["Content-Disposition"] = disposition
    return response
