"""Back-office screens of feedback: the editions an organiser runs, and one edition's
survey editor with its results and the sessions' ratings (aggregates only, from
MIN_GROUP answers on; datacon.feedback.aggregates)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.editions.models import Edition
from datacon.editions.permissions import editions_organised_by
from datacon.editions.selectors import edition_from_url
from datacon.feedback import aggregates, selectors, services
from datacon.feedback.forms import QuestionForm, SurveySettingsForm
from datacon.feedback.models import SurveyQuestion

MANAGE = "feedback.manage_survey"


@rule_route(MANAGE)
def feedback_home(request: HttpRequest) -> HttpResponse:
    editions = selectors.editions_with_counts(editions_organised_by(request.user))
    return render(
        request,
        "backoffice/feedback/home.html",
        {"editions": editions, "min_group": aggregates.MIN_GROUP},
    )


def _apply(form: Form, request: HttpRequest, edition: Edition) -> bool:
    """Run the write the posted form asks for; False (errors on the form) when refused."""
    actor = Actor.of(request.user)
    data = form.cleaned_data
    try:
        if isinstance(form, SurveySettingsForm):
            services.survey_save(
                actor=actor,
                edition=edition,
                title=data["title"],
                intro=data["intro"],
                is_open=data["is_open"],
            )
            messages.success(request, _("Encuesta guardada."))
        elif isinstance(form, QuestionForm):
            services.survey_question_add(
                actor=actor,
                edition=edition,
                text=data["text"],
                kind=data["kind"],
                options=data["options"],
                required=data["required"],
            )
            messages.success(request, _("Pregunta agregada."))
    except ValidationError as error:
        service_errors_to_form(form, error)
        return False
    return True


@rule_route(MANAGE, obj=edition_from_url)
def feedback_manage(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = request.access_object  # type: ignore[attr-defined]
    assert isinstance(current, Edition)
    survey = selectors.survey_of(current)
    settings_form = SurveySettingsForm(
        initial={
            "title": survey.title if survey else _("Encuesta de satisfacción"),
            "intro": survey.intro if survey else "",
            "is_open": survey.is_open if survey else False,
        }
    )
    question_form = QuestionForm()
    failed = False
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "remove":
            question = get_object_or_404(
                SurveyQuestion, pk=request.POST.get("question") or 0, survey__edition=current
            )
            try:
                services.survey_question_remove(actor=Actor.of(request.user), question=question)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Pregunta quitada."))
            return redirect("backoffice:feedback_manage", edition=current.slug)
        form: Form
        if action == "settings":
            form = settings_form = SurveySettingsForm(request.POST)
        else:
            form = question_form = QuestionForm(request.POST)
        if form.is_valid() and _apply(form, request, current):
            return redirect("backoffice:feedback_manage", edition=current.slug)
        failed = True
        survey = selectors.survey_of(current)
    questions = list(survey.questions.order_by("order", "id")) if survey else []
    return render(
        request,
        "backoffice/feedback/manage.html",
        {
            "edition": current,
            "survey": survey,
            "questions": questions,
            "responses": survey.responses.count() if survey else 0,
            "results": aggregates.survey_results(survey, with_texts=True) if survey else [],
            "sessions": aggregates.sessions_feedback(selectors.edition_sessions(current)),
            "settings_form": settings_form,
            "question_form": question_form,
            "min_group": aggregates.MIN_GROUP,
        },
        status=400 if failed else 200,
    )
