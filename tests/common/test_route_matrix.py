"""Every URL pattern of the project, tried by every role, answers what its declaration says.

The declarations (`datacon.common.access`: public, signed-in, link or a named
rule) are checked by tests/common/test_route_declarations.py; this module
checks them by HTTP. Concrete URLs are found the way people find them: by
following the links and form actions of the site, signed in as a superuser
and as the demo's proposer, starting from the home page, the back office,
the account page and the admin. A route that no page links to gets its URL
from `UNLINKED` below; a route with neither fails (so a new route joins the
matrix, or says why it cannot).

Outcomes:
* ``ok``: 200, 204, 304, 405 (a POST-only action reached by GET) or a
  redirect that is not a log-in page;
* ``login``: a redirect to a log-in page (anonymous visitors of a protected route);
* ``refused``: 403;
* ``hidden``: 404 (a signed-in route showing someone else's record).

A rule route is ``ok`` for the roles listed in `GRANTS` for its rule and
``refused`` for every other signed-in role. `GRANTS` is written by hand: a
change of who may do what shows up here, on purpose.

The Django admin's routes, all behind one gate that looks at the account only, are
tried by one role of each kind of account (`ADMIN_GATE_ROLES`); every other route
by all 13 roles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from datacon.backoffice.admin_site import ENTER
from datacon.common.access import Audience
from tests.common.route_urls import (
    HEAVY,
    admin_urls,
    api_urls,
    crawl_links,
    literal_path,
    outcome,
)
from tests.common.test_route_declarations import Route, project_routes

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "attendee",
    "citizen",
    "proposer",
    "co_speaker",
    "reviewer",
    "reviewer_with_conflict",
    "checkin_staff",
    "moderator",
    "read_only_staff",
    "other_edition_organiser",
    "organiser",
    "superuser",
)
BACK_OFFICE_READERS = {"read_only_staff", "organiser", "superuser"}
ORGANISERS = {"organiser", "superuser"}
CONSULTATION_STAFF = {"moderator", "organiser", "superuser"}
STAFF = {
    "reviewer",
    "reviewer_with_conflict",
    "moderator",
    "read_only_staff",
    "other_edition_organiser",
    "organiser",
    "superuser",
}

# Who holds each named rule on the demo's 2027 edition and its records.
GRANTS: dict[str, set[str]] = {
    # Superusers' repairs only: organisers work in /gestion/ (the matrix leaves the model
    # pages inside to Django's checks).
    "admin.enter": {"superuser"},
    "editions.back_office": STAFF | {"checkin_staff"},
    "editions.create": ORGANISERS,
    "editions.organise": ORGANISERS,
    "editions.manage_roles": ORGANISERS,
    "proposals.organise": ORGANISERS,
    "proposals.configure": ORGANISERS,
    "proposals.decide": ORGANISERS,
    "proposals.assign": ORGANISERS,
    "program.schedule": ORGANISERS,
    # A confirmed participant after the session started (none in the demo's 2027), or organisers.
    "program.upload_material": ORGANISERS,
    "program.materials": ORGANISERS,
    "proposals.review_queue": {"reviewer", "reviewer_with_conflict"} | ORGANISERS,
    "proposals.review": {"reviewer", "superuser"},
    "common.change_outboundemail": ORGANISERS,
    "registration.back_office": BACK_OFFICE_READERS | {"checkin_staff"},
    "registration.view": BACK_OFFICE_READERS,
    "registration.manage": ORGANISERS,
    "registration.checkin": ORGANISERS | {"checkin_staff"},
    "policy.view": BACK_OFFICE_READERS,
    "policy.publish_document": ORGANISERS,
    "policy.edit_record": ORGANISERS,
    # The platform's record screens ask the rule of the record's kind: checked on the
    # policy's processes (PINNED below), the other kinds in tests/backoffice/test_catalogue_*.
    "backoffice.view_catalogue_record": BACK_OFFICE_READERS,
    "backoffice.edit_catalogue_record": ORGANISERS,
    "backoffice.delete_catalogue_record": ORGANISERS,
    "consultation.view": BACK_OFFICE_READERS | {"moderator"},
    "consultation.moderate": CONSULTATION_STAFF,
    "consultation.answer": ORGANISERS,
    "demand.triage": ORGANISERS,
    "demand.view_imports": BACK_OFFICE_READERS,
    "demand.import": ORGANISERS,
    "demand.analyse": ORGANISERS,
    "demand.view_standards": BACK_OFFICE_READERS,
    "demand.edit_standards": ORGANISERS,
    "demand.edit_institutions": ORGANISERS,
    "demand.merge_institutions": ORGANISERS,
    "opendata.view": BACK_OFFICE_READERS,
    "memoria.view": BACK_OFFICE_READERS,
    "memoria.edit": ORGANISERS,
    "certificates.manage": ORGANISERS,
    "contributions.review": ORGANISERS,
    # Present at the edition (checked in or connected online): nobody of the matrix was
    # at the demo edition, which has not happened; a superuser holds every rule.
    "feedback.rate": {"superuser"},
    # The demo's proposer is a confirmed speaker of the first 2027 session (S0101).
    "feedback.see_session": ORGANISERS | {"proposer"},
    "feedback.manage_survey": ORGANISERS,
}

# Rules asked without an object (a list of editions) are also held by whoever
# holds them for some edition: the list then shows only that person's editions.
UNSCOPED_EXTRA: dict[str, set[str]] = {
    "editions.manage_roles": {"other_edition_organiser"},
    "proposals.organise": {"other_edition_organiser"},
    "registration.back_office": {"other_edition_organiser"},
    "opendata.view": {"other_edition_organiser"},
    "memoria.view": {"other_edition_organiser"},
    "certificates.manage": {"other_edition_organiser"},
    "contributions.review": {"other_edition_organiser"},
    "feedback.manage_survey": {"other_edition_organiser"},
}
# A superuser holds every rule, but a review belongs to its reviewer alone
# (anonymous review): the page of someone else's assignment does not exist for them.
OVERRIDES: dict[tuple[str, str], set[str]] = {
    # The demo checks its fictional attendees in (the constancias' evidence), so the
    # attendee was present at the 2027 edition and may answer its survey.
    ("public:feedback_survey", "attendee"): {"ok"},
    ("backoffice:proposals_review", "superuser"): {"hidden"},
}

# Signed-in routes about one person's own record: the owner gets it, others a 404.
OWNED_BY = {
    "public:proposals_detail": "proposer",
    "public:proposals_edit": "proposer",
    "public:proposals_withdraw": "proposer",
    "public:registration_mine": "attendee",
    "public:registration_ticket": "attendee",
    # GET asks first (a confirmation page): only the account's own registration exists.
    "public:registration_cancel_mine": "attendee",
    "public:certificates_download": "attendee",
}

# Routes that no page links to, with where their URL comes from.
UNLINKED: dict[str, Callable[[Any], str]] = {
    # A folio is printed on the constancia (and its QR), not linked from public pages.
    "public:certificates_verify": lambda world: "/constancias/DATACON-2027-A-000001/",
    # The demo's first attendee (the matrix's "attendee") holds the edition's first folio.
    "public:certificates_download": lambda world: "/cuenta/constancias/DATACON-2027-A-000001/pdf/",
    "public:proposals_invitation": lambda world: (
        f"/propuestas/invitacion/{world['invitation_token']}/"
    ),
    "public:registration_cancel": lambda world: f"/registro/cancelar/{world['ticket_token']}/",
    "public:registration_stream": lambda world: f"/registro/transmision/{world['stream_code']}/",
    # Linked from the participant's page, which lists only the account's own participations.
    "public:account_profile": lambda world: "/cuenta/participaciones/perfil/",
    "public:account_participation_respond": lambda world: "/cuenta/participaciones/0/responder/",
    "public:account_material_new": lambda world: (
        f"/cuenta/participaciones/sesion/{world['workshop_pk']}/material/"
    ),
    "backoffice:proposals_publish_remind": lambda world: (
        "/gestion/ediciones/2027-demo/programa/publicar/recordar/0/"
    ),
    # Posted to by the schedule builder's script (drag and drop, keyboard), never a link.
    "backoffice:proposals_move": lambda world: (
        "/gestion/ediciones/2027-demo/programa/sesiones/0/mover/"
    ),
    "public:proposals_respond": lambda world: f"/cuenta/propuestas/{world['co_spoken']}/responder/",
    # A button (POST) on a privacy notice's screen; the crawl opens only the first records.
    "backoffice:catalogue_record_action": lambda world: (
        f"/gestion/registros/avisos-de-privacidad/{_demo_notice()}/accion/publicar/"
    ),
    "media": lambda world: "/media/no-existe.txt",
    "account_confirm_email": lambda world: "/cuentas/confirm-email/clave-falsa/",
    "account_reset_password_from_key": lambda world: "/cuentas/password/reset/key/1-clave/",
    "public:proposals_edit": lambda world: f"/cuenta/propuestas/{world['submitted']}/editar/",
    "public:proposals_withdraw": lambda world: f"/cuenta/propuestas/{world['submitted']}/retirar/",
    "public:registration_cancel_mine": lambda world: "/cuenta/registro/2027-demo/cancelar/",
    "public:registration_session_action": lambda world: (
        f"/ediciones/2027-demo/registro/talleres/{world['workshop']}/"
    ),
    "public:opendata_selection_ics": lambda world: "/ediciones/2027-demo/mi-seleccion.ics",
    "backoffice:proposals_review_conflict": lambda world: (
        f"/gestion/revision/{world['assignment']}/conflicto/"
    ),
    "backoffice:registration_live_counts": lambda world: "/gestion/registro/2027-demo/conteos.json",
    "api:material-detail": lambda world: "/api/v1/materials/0/",  # the demo has none
    "api:registration_figures_edition": lambda world: "/api/v1/registro/cifras/2027-demo/",
    "public:consultation_join": lambda world: f"/consultas/{world['consultation']}/participar/",
    "admin:auth_user_password_change": lambda world: (
        f"/admin/auth/user/{world['users']['attendee'].pk}/password/"
    ),
    "public:consultation_support": lambda world: (
        f"/consultas/{world['consultation']}/comentarios/{world['comment']}/apoyo/"
    ),
}


def _demo_process() -> int:
    from datacon.policy.models import Process

    process = Process.objects.order_by("pk").first()
    return process.pk if process is not None else 0


# The platform's record screens (/gestion/registros/<kind>/) ask the rule of the kind in
# the URL; many pages link them, so the matrix checks them on one kind, whatever the crawl
# meets first: the policy's processes (policy.view, policy.edit_record, delete_record).
PINNED: dict[str, Callable[[Any], str]] = {
    "backoffice:catalogue_records": lambda world: "/gestion/registros/procesos/",
    "backoffice:catalogue_record_new": lambda world: "/gestion/registros/procesos/nuevo/",
    "backoffice:catalogue_record_edit": lambda world: (
        f"/gestion/registros/procesos/{_demo_process()}/"
    ),
    "backoffice:catalogue_record_delete": lambda world: (
        f"/gestion/registros/procesos/{_demo_process()}/borrar/"
    ),
}


def _demo_notice() -> int:
    """The demo edition's privacy notice (organised by the matrix's organiser only)."""
    from datacon.people.models_privacy import PrivacyNotice

    notice = PrivacyNotice.objects.filter(edition__slug="2027-demo").order_by("pk").first()
    return notice.pk if notice is not None else 0


# Heavy files (PDF, archives) are fetched by a few roles only: their access
# is the same code path as the pages above them.
HEAVY_ROLES = ("anonymous", "attendee", "superuser")
# The Django admin's 269 routes all pass through one gate (RepairAdminSite.admin_view,
# test_route_declarations tells each route by it) that decides on the account alone,
# before any admin code runs: anonymous -> log-in, signed in without `admin.enter` -> 403,
# superuser -> in. They are fetched by one role of each kind of account the gate and
# Django's own admin tell apart (not signed in; signed in without staff status; staff
# with model permissions, whom Django's admin would let in; superuser), not by all 13:
# the other nine roles' 2,400 refusals were a fifth of this module's time and could only
# agree with these.
ADMIN_GATE_ROLES = ("anonymous", "attendee", "read_only_staff", "organiser", "superuser")
# Answers that depend on the secret or the record, not on who asks.
ANY_OUTCOME_FOR_EVERYONE = {
    "media": {"ok", "hidden"},  # an uploaded public file, or none
    # A personal streaming link works only while the edition has a stream to send to.
    "public:registration_stream": {"ok", "hidden"},
    # Only reached in the middle of a log-in by code; otherwise it sends to log-in.
    "account_confirm_login_code": {"ok", "login"},
    "api:material-detail": {"hidden"},
    "account_confirm_email": {"ok", "hidden"},
    "account_reset_password_from_key": {"ok"},
}


def _user(email: str, **extra: Any) -> Any:
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    if user is None:
        user = user_model.objects.create_user(
            username=email.split("@")[0], email=email, password="x", **extra
        )
    return user


@pytest.fixture(scope="module")
def world(demo_data, django_db_blocker) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group

    from datacon.backoffice.roles import READ_ONLY_STAFF, roles_ensure
    from datacon.consultation.models import Comment
    from datacon.editions.models import Edition
    from datacon.editions.models_access import EditionDuty, EditionRole
    from datacon.program.models import Session
    from datacon.proposals.models import Proposal, ProposalPerson, ReviewAssignment
    from datacon.registration.models import Registration
    from datacon.registration.tokens import cancel_token_make

    with django_db_blocker.unblock():
        roles_ensure()
        demo = Edition.objects.get(slug="2027-demo")
        other = Edition.objects.get(slug="2021")
        users: dict[str, Any] = {"anonymous": None}
        users["organiser"] = _user("organizadora.matriz@datacon.demo", is_staff=True)
        users["organiser"].groups.add(Group.objects.get(name="Organizadores"))
        users["superuser"] = _user("super.matriz@datacon.demo", is_staff=True, is_superuser=True)
        users["read_only_staff"] = _user("consulta.matriz@datacon.demo", is_staff=True)
        users["read_only_staff"].groups.add(Group.objects.get(name=READ_ONLY_STAFF))
        users["moderator"] = _user("moderacion.matriz@datacon.demo", is_staff=True)
        users["moderator"].groups.add(Group.objects.get(name="Moderación de consultas"))
        users["checkin_staff"] = _user("acceso.matriz@datacon.demo")
        users["other_edition_organiser"] = _user("otra.edicion@datacon.demo", is_staff=True)
        EditionRole.objects.bulk_create(
            [
                EditionRole(edition=demo, user=users["checkin_staff"], duty=EditionDuty.CHECKIN),
                EditionRole(
                    edition=other, user=users["other_edition_organiser"], duty=EditionDuty.ORGANISER
                ),
            ]
        )
        registration = Registration.objects.filter(edition=demo).order_by("pk").first()
        online = Registration.objects.filter(mode="online").order_by("pk").first() or registration
        assert registration is not None and online is not None
        users["attendee"] = registration.user
        users["citizen"] = get_user_model().objects.get(email="ciudadania@datacon.demo")
        users["proposer"] = get_user_model().objects.get(email="proponente@datacon.demo")
        assignment = ReviewAssignment.objects.order_by("pk").first()
        assert assignment is not None
        users["reviewer"] = assignment.reviewer
        conflicted = (
            ReviewAssignment.objects.exclude(reviewer=assignment.reviewer).order_by("pk").first()
        )
        assert conflicted is not None
        ReviewAssignment.objects.filter(pk=conflicted.pk).update(conflict_declared=True)
        users["reviewer_with_conflict"] = conflicted.reviewer
        users["co_speaker"] = _user("coponente.matriz@datacon.demo")
        invited = (
            ProposalPerson.objects.filter(proposal__edition=demo, user__isnull=True)
            .order_by("pk")
            .first()
        )
        assert invited is not None
        ProposalPerson.objects.filter(pk=invited.pk).update(user=users["co_speaker"])
        proposal = Proposal.objects.get(pk=invited.proposal_id)
        invitation = (
            ProposalPerson.objects.filter(user__isnull=True)
            .exclude(invitation_token="")
            .order_by("pk")
            .first()
        )
        submitted = (
            Proposal.objects.filter(submitter=users["proposer"], status="submitted")
            .order_by("pk")
            .first()
        )
        comment = Comment.objects.filter(consultation__slug__isnull=False).order_by("pk").first()
        assert submitted is not None and comment is not None
        workshop = Session.objects.filter(edition=demo).exclude(code="").order_by("code").first()
        assert workshop is not None
        yield {
            "users": users,
            "submitted": submitted.pk,
            "consultation": comment.consultation.slug,
            "comment": comment.pk,
            "workshop": workshop.code,
            "workshop_pk": workshop.pk,
            "assignment": assignment.pk,
            "conflicted": conflicted.pk,
            "co_spoken": proposal.pk,
            "invitation_token": getattr(invitation, "invitation_token", "sin-token"),
            "ticket_token": cancel_token_make(
                registration_id=registration.pk, ticket_code=registration.ticket_code
            ),
            "stream_code": online.ticket_code,
        }


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Crawl:
    urls: dict[str, str]  # route name -> the URL the matrix tries it at
    # role -> path -> outcome of the GET the crawl made as that role: the same data
    # (the module's demo and world) and the same request the matrix would make again.
    answers: dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def crawl(world, django_db_blocker) -> Crawl:  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    answers: dict[str, dict[str, str]] = {role: {} for role in ROLES}
    users = world["users"]
    routes = _matrix_routes()
    with django_db_blocker.unblock():
        crawl_links(
            _client(users["superuser"]),
            ["/", "/gestion/", "/admin/"],
            found,
            900,
            answers["superuser"],
        )
        crawl_links(
            _client(None), ["/cuentas/login/", "/cuentas/signup/"], found, 30, answers["anonymous"]
        )
        for role, starts in (
            ("proposer", ["/cuenta/", "/cuenta/propuestas/"]),
            ("attendee", ["/cuenta/", "/ediciones/2027-demo/registro/talleres/"]),
            ("reviewer", ["/gestion/revision/"]),
            ("citizen", ["/cuenta/", "/consultas/"]),
        ):
            crawl_links(_client(users[role]), starts, found, 60, answers[role])
        for name, url_of in UNLINKED.items():
            found.setdefault(name, url_of(world))
        for name, url_of in PINNED.items():
            found[name] = url_of(world)
        for route in routes:
            literal = literal_path(route.pattern)
            if literal is not None:
                found.setdefault(route.name, literal)
        api_urls(_client(None), routes, found)
        admin_urls(routes, found)
    return Crawl(urls=found, answers=answers)


@pytest.fixture(scope="module")
def urls(crawl) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return crawl.urls


@pytest.fixture(scope="module")
def public_answers(crawl, django_db_blocker) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """Every public route's page as an anonymous visitor gets it, fetched once for the
    anonymous role's check and the privacy scan: path -> (outcome, text of a 200 page).

    Asked for inside those tests (request.getfixturevalue), so the pages are fetched
    with the test's own cache namespace (isolated_cache) like the rest of the test."""
    client = _client(None)
    answers: dict[str, tuple[str, str | None]] = {}
    with django_db_blocker.unblock():
        for route in _matrix_routes():
            path = crawl.urls.get(route.name)
            access = route.access
            if path is None or access is None or access.audience != Audience.PUBLIC:
                continue
            if HEAVY.search(path):
                continue
            response = client.get(path)
            text = None
            if response.status_code == 200 and not response.streaming:
                text = response.content.decode("utf-8", "replace")
            answers[path] = (outcome(response), text)
    return answers


def _expected(route: Route, role: str) -> set[str]:
    if route.name in ANY_OUTCOME_FOR_EVERYONE:
        return ANY_OUTCOME_FOR_EVERYONE[route.name]
    access = route.access
    assert access is not None
    if access.audience in (Audience.PUBLIC, Audience.LINK):
        return {"ok"}
    if role == "anonymous":
        return {"login"}
    if access.audience == Audience.SIGNED_IN:
        owner = OWNED_BY.get(route.name)
        return {"ok"} if owner in (None, role) else {"hidden", "refused"}
    if access.permission == ENTER:
        # Inside, a superuser meets Django's own checks (a record that may not be deleted).
        return {"ok", "refused", "hidden"} if role == "superuser" else {"refused"}
    if (route.name, role) in OVERRIDES:
        return OVERRIDES[(route.name, role)]
    holders = GRANTS[access.permission]
    if not access.scope:
        holders = holders | UNSCOPED_EXTRA.get(access.permission, set())
    return {"ok"} if role in holders else {"refused"}


def _matrix_routes() -> list[Route]:
    return [route for route in project_routes() if not route.pattern.startswith("en/")]


def test_every_route_has_a_url_and_every_rule_a_grant(urls):  # type: ignore[no-untyped-def]
    routes = _matrix_routes()
    without_url = sorted(
        route.name or route.pattern
        for route in routes
        if route.name not in urls and route.name != "admin:None" and route.access is not None
    )
    assert without_url == [], "Rutas sin URL de prueba (enlácelas o añádalas a UNLINKED): " + (
        ", ".join(without_url)
    )
    rules = {
        route.access.permission
        for route in routes
        if route.access is not None and route.access.audience == Audience.RULE
    }
    assert sorted(rules - GRANTS.keys()) == []


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_each_route_declares(role, world, crawl, django_db_blocker, request):  # type: ignore[no-untyped-def]
    """A page already fetched as this role is not fetched again: its outcome is the
    crawl's (the superuser's crawl covers most routes) or, for an anonymous visitor,
    that of `public_answers` (shared with the privacy scan)."""
    client = _client(world["users"][role])
    urls = crawl.urls
    answered = dict(crawl.answers[role])
    if role == "anonymous":
        public = request.getfixturevalue("public_answers")
        answered |= {path: outcome for path, (outcome, _text) in public.items()}
    wrong: list[str] = []
    checked = 0
    with django_db_blocker.unblock():
        for route in _matrix_routes():
            path = urls.get(route.name)
            if path is None or route.access is None:
                continue
            if HEAVY.search(path) and role not in HEAVY_ROLES:
                continue
            if route.access.permission == ENTER and role not in ADMIN_GATE_ROLES:
                continue
            got = answered[path] if path in answered else outcome(client.get(path))
            expected = _expected(route, role)
            checked += 1
            if got not in expected:
                wrong.append(f"{route.name} {path}: {got}, declared {sorted(expected)}")
    assert wrong == [], "\n".join(wrong)
    assert checked >= 300


def test_no_public_answer_shows_private_data(world, urls, django_db_blocker, request):  # type: ignore[no-untyped-def]
    """A privacy scan of every public and link route, as an anonymous visitor sees it:
    no account's e-mail, no person's private e-mail or declared gender, and no name
    of someone who never agreed to appear (pending or declined everywhere)."""
    from datacon.people.models import Person
    from datacon.program.models import Participation

    with django_db_blocker.unblock():
        emails = set(get_user_model().objects.values_list("email", flat=True))
        emails |= set(Person.objects.exclude(email="").values_list("email", flat=True))
        public_people = set(Participation.objects.public().values_list("person_id", flat=True))
        # People of the conference who never agreed to appear; policy members are
        # public in their public role by the policy's own rules, a link's holder
        # sees their own name.
        never_agreed = set(
            Person.objects.filter(participations__isnull=False)
            .exclude(pk__in=public_people)
            .exclude(policy_memberships__isnull=False)
            .values_list("public_name", flat=True)
        )
        # The demo consultation tells visitors which demonstration account to use.
        emails -= {"ciudadania@datacon.demo"}
        emails.discard("")
        public = request.getfixturevalue("public_answers")
        leaks: list[str] = []
        scanned = 0
        for route in _matrix_routes():
            path = urls.get(route.name)
            access = route.access
            if path is None or access is None or access.audience == Audience.RULE:
                continue
            if access.audience != Audience.PUBLIC or HEAVY.search(path):
                continue
            _outcome_of_path, text = public[path]
            if text is None:  # not a 200 page, or streamed
                continue
            scanned += 1
            leaks += [f"{path}: {email}" for email in emails if email in text]
            leaks += [f"{path}: {name}" for name in never_agreed if name in text]
            if re.search(r'"(?:gender|genero)"\s*:', text):
                leaks.append(f"{path}: gender field")
    assert leaks == [], "\n".join(leaks)
    assert scanned >= 150
