"""The public site. Views only choose a selector, a template and the cache scopes."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from datacon.common.access import public_route
from datacon.common.http import public_page
from datacon.common.query import query_int
from datacon.common.versions import CONFERENCE, DEMAND, POLICY
from datacon.consultation import selectors as consultation
from datacon.consultation.models import Phase
from datacon.demand import selectors as demand
from datacon.editions import selectors as editions
from datacon.editions.models import Venue
from datacon.people.models import Person
from datacon.policy import selectors as policy
from datacon.program import people_selectors as people
from datacon.program import selectors as program
from datacon.program.models import Participation


def _today(request: HttpRequest) -> str:
    return timezone.localdate().isoformat()


@public_route
@public_page([CONFERENCE, POLICY, DEMAND], vary_on=_today)
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    featured = editions.edition_featured(today=today)
    archive = [e for e in editions.editions_public().order_by("-year") if e != featured]
    figures = program.edition_figures(edition=featured) if featured else None
    return render(
        request,
        "public/home.html",
        {
            "edition": featured,
            "featured": featured,
            "archive": archive,
            "figures": figures,
            # The platform's other half: the policy built in public and what to open.
            # Phases and current stages are day-granular, hence the page varies by day.
            "processes": policy.processes_current_stage(today=today),
            "consultations": [
                c for c in consultation.consultation_list_public() if c.phase != Phase.CLOSED
            ],
            "need_counts": demand.need_status_counts(),
        },
    )


@public_route
@public_page([CONFERENCE])
def edition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/edition_list.html",
        {"editions": editions.editions_public().order_by("-year")},
    )


@public_route
@public_page([CONFERENCE])
def edition_detail(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    venues = editions.venues_with_rooms(edition=current)
    return render(
        request,
        "public/edition_detail.html",
        {
            "edition": current,
            "venues": venues,
            "platform_numbered_channels": _platform_numbered(venues),
            "role_groups": editions.organisations_by_role(edition=current),
            "figures": program.edition_figures(edition=current),
        },
    )


def _platform_numbered(venues: list[Venue]) -> bool:
    """Whether the edition's channel names are the platform's numbering (the page says so)."""
    return any(room.platform_numbering for venue in venues for room in venue.rooms.all())


def _int_or_none(value: str | None) -> int | None:
    return query_int(value)


@public_route
@public_page([CONFERENCE])
def program_view(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    venue_id = _int_or_none(request.GET.get("sede"))
    room_id = _int_or_none(request.GET.get("sala"))
    type_slug = (request.GET.get("tipo") or "")[:80]
    # Cards, not model instances: a national program has 1,000 sessions (see program_cards).
    sessions = program.program_cards(
        edition=current, venue_id=venue_id, room_id=room_id, session_type_slug=type_slug
    )
    venues = editions.venues_with_rooms(edition=current)
    return render(
        request,
        "public/program.html",
        {
            "edition": current,
            "days": program.program_by_day(edition=current, sessions=sessions),
            "unscheduled": [s for s in sessions if s.day is None],
            "session_count": len(sessions),
            "venues": venues,
            "rooms": [room for venue in venues for room in venue.rooms.all()],
            "platform_numbered_channels": _platform_numbered(venues),
            "session_types": list(current.session_types.all()),
            "selected": {"venue": venue_id, "room": room_id, "type": type_slug},
            "filtered": bool(venue_id or room_id or type_slug),
        },
    )


def _this_minute(request: HttpRequest) -> str:
    return timezone.now().strftime("%Y-%m-%dT%H:%M")


@public_route
@public_page([CONFERENCE], vary_on=_this_minute)
def program_now(request: HttpRequest, edition: str) -> HttpResponse:
    # Depends on the clock: cached for the current minute only (and, like every
    # public page, dropped at once when the program changes). On the morning of
    # the event everyone asks this page at once; one render a minute serves them.
    current = editions.edition_get_public(slug=edition)
    now = timezone.now()
    running, upcoming = program.program_cards_now_and_next(edition=current, now=now)
    return render(
        request,
        "public/program_now.html",
        {"edition": current, "running": running, "upcoming": upcoming, "now": now},
    )


@public_route
@public_page([CONFERENCE])
def session_detail(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    session = program.session_get_public(edition=current, code=code)
    participations = list(session.participations.all())
    return render(
        request,
        "public/session_detail.html",
        {
            "edition": current,
            "session": session,
            "people_by_role": _group_by_role(participations),
            "materials": list(session.materials.all()),
        },
    )


def _group_by_role(participations: list[Participation]) -> list[tuple[str, list[Person]]]:
    groups: dict[str, list[Person]] = {}
    for participation in participations:
        groups.setdefault(participation.get_role_display(), []).append(participation.person)
    return list(groups.items())


@public_route
@public_page([CONFERENCE])
def person_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(people.persons_public().order_by("public_name"), 60).get_page(
        request.GET.get("pagina")
    )
    return render(request, "public/person_list.html", {"page": page})


@public_route
@public_page([CONFERENCE])
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = people.person_get_public(slug=slug)
    return render(
        request,
        "public/person_detail.html",
        {"person": person, "participations": people.person_participations(person=person)},
    )


@public_route
@public_page([CONFERENCE])
def organisation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(people.organisations_public().order_by("name"), 60).get_page(
        request.GET.get("pagina")
    )
    return render(request, "public/organisation_list.html", {"page": page})


@public_route
@public_page([CONFERENCE])
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = people.organisation_get_public(slug=slug)
    return render(
        request,
        "public/organisation_detail.html",
        {
            "organisation": organisation,
            "roles": people.organisation_edition_roles(organisation=organisation),
            "sessions": people.organisation_sessions(organisation=organisation),
            "members": list(
                people.persons_public().filter(organisation=organisation).order_by("public_name")
            ),
        },
    )
