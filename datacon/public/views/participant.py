"""A participant's own page under /cuenta/participaciones/: everyone with a role in an
edition (speaker, panelist, moderator, rapporteur, workshop leader) confirms or declines
each participation, reviewers see the editions they review (reviews done, conflicts
declared) with the way to their queue and their constancias, edits their public profile (each field public or private, the
photo with its own consent), sees their sessions, times, rooms and streaming links,
and leaves slides and materials once a session has started.

The page holds no rules: the services check `people.edit_own_profile`,
`program.respond` and `program.upload_material`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import allowed, rule_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.people.forms import ParticipantProfileForm
from datacon.people.models import Person
from datacon.people.services import person_profile_update, person_profile_values
from datacon.program.forms import MaterialUploadForm
from datacon.program.models import Material, Participation, Session
from datacon.program.people_selectors import (
    materials_of_sessions,
    participations_of_account,
    session_from_pk,
)
from datacon.program.services import (
    material_save,
    participation_confirm,
    participation_decline,
)
from datacon.proposals.review_selectors import review_roles_of_account


def _own_person(request: HttpRequest) -> Person | None:
    return (
        Person.objects.select_related("organisation").filter(user__pk=request.user.pk or 0).first()
    )


@signed_in_route
def participations(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    mine = participations_of_account(user_id=request.user.pk or 0) if person else []
    actor = Actor.of(request.user)
    session_ids = sorted({p.session_id for p in mine})
    materials = materials_of_sessions(session_ids)
    rows = [
        {
            "participation": p,
            "materials": materials.get(p.session_id, []),
            "may_upload": allowed(actor, "program.upload_material", p.session),
        }
        for p in mine
    ]
    return render(
        request,
        "public/account/participant/home.html",
        {
            "person": person,
            "private_values": (person.private_values if person else {}) or {},
            "rows": rows,
            "review_roles": review_roles_of_account(user_id=request.user.pk or 0),
        },
    )


@signed_in_route
def profile(request: HttpRequest) -> HttpResponseBase:
    person = _own_person(request)
    if person is None:  # the page explains that no profile is linked yet
        return redirect("public:account_participations")
    form = ParticipantProfileForm(
        request.POST or None, request.FILES or None, initial=person_profile_values(person)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person_profile_update(
                person=person,
                actor=Actor.of(request.user),
                public_name=data["public_name"],
                position=data["position"],
                organisation=data["organisation"],
                bio=data["bio"],
                website=data["website"],
                private=data["private"],
                photo=data["photo"] or None,
                photo_remove=data["photo_remove"],
                photo_consent=data["photo_consent"],
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Guardamos su perfil."))
            return redirect("public:account_participations")
    return render(
        request,
        "public/account/participant/profile.html",
        {"person": person, "form": form, "form_list": [form]},
    )


@signed_in_route
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponseBase:
    participation = (
        Participation.objects.select_related("person", "session__edition")
        .filter(pk=pk, person__user__pk=request.user.pk or 0)
        .first()
    )
    if participation is None:
        raise Http404("Participación no encontrada")
    actor = Actor.of(request.user)
    if request.POST.get("answer") == "confirm":
        participation_confirm(participation=participation, actor=actor)
        messages.success(request, _("Gracias: confirmó su participación."))
    elif request.POST.get("answer") == "decline":
        participation_decline(participation=participation, actor=actor)
        messages.success(request, _("Registramos que declina esta participación."))
    return redirect("public:account_participations")


@rule_route("program.upload_material", obj=session_from_pk)
def material_new(request: HttpRequest, session: int) -> HttpResponseBase:
    current: Session = request.access_object  # type: ignore[attr-defined]
    form = MaterialUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = Material(
                session=current,
                kind=data["kind"],
                title=data["title"],
                url=data["url"],
                licence=data["licence"],
                language="es",
            )
            if data["file"]:
                material.file = data["file"]
            material_save(material=material, actor=Actor.of(request.user))
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Publicamos el material en la página de la sesión."))
            return redirect("public:account_participations")
    return render(
        request,
        "public/account/participant/material.html",
        {"session": current, "form": form, "form_list": [form]},
    )
