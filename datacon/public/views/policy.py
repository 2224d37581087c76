"""Public pages of policy processes: the process and its timeline, groups, calendar,
meetings, agreements, documents and their changes, transparency, commitments.

All cached under the `policy` scope; pages that depend on today's date (the
current stage, upcoming meetings, overdue agreements) add the date to the key.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from datacon.common import csvout
from datacon.common.access import public_route
from datacon.common.http import public_page
from datacon.common.ical import CALENDAR_CONTENT_TYPE, CalendarEvent, calendar_bytes
from datacon.common.query import query_int
from datacon.common.versions import POLICY
from datacon.consultation.models import ALL_CONSULTATIONS
from datacon.consultation.selectors import process_consultations
from datacon.policy import documents, progress, selectors
from datacon.policy.datasets import EXPENSES_DATASET, expense_rows
from datacon.policy.models import AgreementStatus


def _today(request: HttpRequest) -> str:
    return timezone.now().strftime("%Y-%m-%dT%H")


@public_route
@public_page([POLICY], vary_on=_today)
def process_list(request: HttpRequest) -> HttpResponse:
    processes = selectors.process_list_public()
    for process in processes:
        stages = list(process.stages.all())
        process.timeline = selectors.timeline_build(  # type: ignore[attr-defined]
            stages=stages, milestones=[], today=process.today()
        )
    return render(request, "public/policy/process_list.html", {"processes": processes})


@public_route
@public_page([POLICY, ALL_CONSULTATIONS], vary_on=_today)
def process_detail(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    overview = selectors.process_overview(process=current)
    return render(
        request,
        "public/policy/process_detail.html",
        {
            "process": current,
            "overview": overview,
            "timeline": overview.timeline,
            "consultations": process_consultations(process_id=current.pk),
            "section": "process",
        },
    )


@public_route
@public_page([POLICY], vary_on=_today)
def group_list(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    today = current.today()
    groups = selectors.groups_with_members(process=current)
    for group in groups:
        group.current_members = [m for m in group.memberships.all() if m.is_current_on(today)]  # type: ignore[attr-defined]
    return render(
        request,
        "public/policy/group_list.html",
        {"process": current, "groups": groups, "section": "groups"},
    )


@public_route
@public_page([POLICY], vary_on=_today)
def group_detail(request: HttpRequest, process: str, group: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    detail = selectors.group_get_public(process=current, slug=group, today=current.today())
    return render(
        request,
        "public/policy/group_detail.html",
        {"process": current, "detail": detail, "group": detail.group, "section": "groups"},
    )


@public_route
@public_page([POLICY], vary_on=_today)
def meeting_list(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    upcoming, past = selectors.meetings_split(process=current, now=timezone.now())
    return render(
        request,
        "public/policy/meeting_list.html",
        {"process": current, "upcoming": upcoming, "past": past, "section": "meetings"},
    )


def _ics(events: list[CalendarEvent], name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(events, name=name, method="PUBLISH"), content_type=CALENDAR_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public_route
@public_page([POLICY], cors=True)
def meetings_ics(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    return _ics(
        selectors.calendar_events(processes=[current]),
        f"{current.short_title} · DATACON",
        f"{current.slug}-reuniones.ics",
    )


@public_route
@public_page([POLICY], cors=True)
def all_meetings_ics(request: HttpRequest) -> HttpResponse:
    return _ics(
        selectors.calendar_events(processes=selectors.processes_public()),
        "Política nacional de datos abiertos · DATACON",
        "politica-reuniones.ics",
    )


@public_route
@public_page([POLICY], vary_on=_today)
def meeting_detail(request: HttpRequest, process: str, meeting: int) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    found = selectors.meeting_get_public(process=current, pk=meeting)
    attendances = list(found.attendances.all())
    return render(
        request,
        "public/policy/meeting_detail.html",
        {
            "process": current,
            "meeting": found,
            "attendances": attendances,
            "present": [a for a in attendances if a.status == "present"],
            "absent": [a for a in attendances if a.status != "present"],
            "agreements": list(found.agreements.all()),
            "attachments": list(found.attachments.all()),
            "today": current.today(),
            "section": "meetings",
        },
    )


@public_route
@public_page([POLICY], vary_on=_today)
def agreement_list(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    status = request.GET.get("estado", "")
    status = status if status in AgreementStatus.values else ""
    page = Paginator(selectors.agreements_public(process=current, status=status), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "public/policy/agreement_list.html",
        {
            "process": current,
            "page": page,
            "status": status,
            "statuses": AgreementStatus.choices,
            "counts": selectors.agreement_counts(process=current),
            "today": current.today(),
            "section": "agreements",
        },
    )


@public_route
@public_page([POLICY])
def document_list(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    return render(
        request,
        "public/policy/document_list.html",
        {
            "process": current,
            "documents": documents.documents_public(process=current),
            "section": "documents",
        },
    )


def _version_page(
    request: HttpRequest, process: str, document: str, number: int | None
) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    found = documents.document_get_public(process=current, slug=document)
    versions = documents.document_versions(document=found)
    version = documents.version_get(document=found, number=number)
    return render(
        request,
        "public/policy/document_detail.html",
        {
            "process": current,
            "document": found,
            "version": version,
            "versions": versions,
            "latest": versions[0] if versions else None,
            "paragraphs": documents.version_paragraphs(version=version),
            "section": "documents",
        },
    )


@public_route
@public_page([POLICY])
def document_detail(request: HttpRequest, process: str, document: str) -> HttpResponse:
    return _version_page(request, process, document, None)


@public_route
@public_page([POLICY])
def document_version(
    request: HttpRequest, process: str, document: str, number: int
) -> HttpResponse:
    return _version_page(request, process, document, number)


def _int(value: str | None) -> int | None:
    return query_int(value)


@public_route
@public_page([POLICY])
def document_diff(request: HttpRequest, process: str, document: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    found = documents.document_get_public(process=current, slug=document)
    versions = documents.document_versions(document=found)
    if len(versions) < 2:
        raise Http404("Solo hay una versión")
    new_number = _int(request.GET.get("a")) or versions[0].number
    old_number = _int(request.GET.get("de")) or max(new_number - 1, 1)
    if old_number == new_number:
        old_number = max(new_number - 1, 1)
    if old_number > new_number:
        old_number, new_number = new_number, old_number
    comparison = documents.versions_compare(
        old=documents.version_get(document=found, number=old_number),
        new=documents.version_get(document=found, number=new_number),
    )
    return render(
        request,
        "public/policy/document_diff.html",
        {
            "process": current,
            "document": found,
            "versions": versions,
            "comparison": comparison,
            "section": "documents",
        },
    )


@public_route
@public_page([POLICY])
def transparency(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    page = Paginator(selectors.expenses_public(process=current), 100).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "public/policy/transparency.html",
        {
            "process": current,
            "page": page,
            "totals": selectors.expense_totals(process=current),
            "contacts": list(
                current.contacts.select_related("organisation").order_by("order", "name")
            ),
            "section": "transparency",
        },
    )


@public_route
@public_page([POLICY], cors=True)
def expenses_csv(request: HttpRequest, process: str) -> HttpResponseBase:
    """This process's expenses with the open dataset's own columns."""
    current = selectors.process_get_public(slug=process)
    lines = csvout.dict_csv_lines(
        EXPENSES_DATASET.column_names, expense_rows(None, process_id=current.pk)
    )
    response = StreamingHttpResponse(lines, content_type=csvout.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{current.slug}-gastos.csv"'
    return response


@public_route
@public_page([POLICY], vary_on=_today)
def commitment_list(request: HttpRequest, process: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    summary = progress.commitments_progress(process=current)
    return render(
        request,
        "public/policy/commitment_list.html",
        {
            "process": current,
            "summary": summary,
            "years": progress.assessment_years(process=current),
            "section": "commitments",
        },
    )


@public_route
@public_page([POLICY], vary_on=_today)
def commitment_detail(request: HttpRequest, process: str, code: str) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    item = progress.commitment_get_public(process=current, code=code)
    return render(
        request,
        "public/policy/commitment_detail.html",
        {"process": current, "item": item, "section": "commitments"},
    )


@public_route
@public_page([POLICY], vary_on=_today)
def assessment(request: HttpRequest, process: str, year: int) -> HttpResponse:
    current = selectors.process_get_public(slug=process)
    report = progress.year_report(process=current, year=year)
    return render(
        request,
        "public/policy/assessment.html",
        {
            "process": current,
            "report": report,
            "years": progress.assessment_years(process=current),
            "section": "commitments",
        },
    )
