"""Public pages of feedback: rating a session, the edition's survey, a speaker's feedback.

Who may reach each page is a named rule (datacon/feedback/permissions.py); the
writes go through datacon.feedback.services; what a page may show, and from how
many answers on, is datacon.feedback.aggregates (MIN_GROUP).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.editions.models import Edition
from datacon.feedback import aggregates, selectors, services
from datacon.feedback.forms import RatingForm, SurveyForm
from datacon.program.models import Session


@rule_route("feedback.rate", obj=selectors.session_to_rate)
def feedback_rate(request: HttpRequest, edition: str, code: str) -> HttpResponseBase:
    session = request.access_object  # type: ignore[attr-defined]
    assert isinstance(session, Session)
    mine = services.session_rating_of(user=request.user, session=session)
    initial = {"rating": mine.rating, "comment": mine.comment} if mine else None
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_rate(
                actor=Actor.of(request.user),
                session=session,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Gracias: guardamos su calificación."))
            # Back to this page (never cached), not the session's page: a browser
            # could show its cached copy of that one, without the message.
            return redirect("public:feedback_rate", edition=session.edition.slug, code=session.code)
    return render(
        request,
        "public/feedback/rate.html",
        {
            "edition": session.edition,
            "session": session,
            "form": form,
            "mine": mine,
            "min_group": aggregates.MIN_GROUP,
        },
        status=400 if form.errors else 200,
    )


@rule_route("feedback.rate", obj=selectors.public_edition_from_url)
def feedback_survey(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = request.access_object  # type: ignore[attr-defined]
    assert isinstance(current, Edition)
    survey = selectors.open_survey_of(current)
    if survey is None:
        raise Http404("Encuesta no encontrada")
    answered = services.survey_answered(user=request.user, survey=survey)
    questions = list(survey.questions.order_by("order", "id"))
    form = SurveyForm(request.POST or None, questions=questions)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.survey_answer(
                actor=Actor.of(request.user), survey=survey, answers=form.answers()
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Gracias: recibimos sus respuestas."))
            return redirect("public:feedback_survey", edition=current.slug)
    return render(
        request,
        "public/feedback/survey.html",
        {
            "edition": current,
            "survey": survey,
            "form": form,
            "answered": answered,
            "min_group": aggregates.MIN_GROUP,
        },
        status=400 if form.errors else 200,
    )


@signed_in_route
def feedback_mine(request: HttpRequest) -> HttpResponse:
    summaries = aggregates.sessions_feedback(selectors.sessions_spoken_by(request.user))
    return render(
        request,
        "public/feedback/mine.html",
        {"summaries": summaries, "min_group": aggregates.MIN_GROUP},
    )


@rule_route("feedback.see_session", obj=selectors.session_from_url)
def feedback_session(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    session = request.access_object  # type: ignore[attr-defined]
    assert isinstance(session, Session)
    return render(
        request,
        "public/feedback/session.html",
        {
            "session": session,
            "summary": aggregates.session_feedback(session),
            "min_group": aggregates.MIN_GROUP,
        },
    )
