"""Back-office screens of consultations: the moderation queue and log, the answering queue.

Moderators hide (with a public reason), restore and dismiss reports; the
technical group answers each comment and points at the paragraph of a later
version that addresses it. The services do the rules, the log and the e-mails.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.consultation import answers, moderation, queues, selectors
from datacon.consultation.forms import AnswerForm, ModerationForm
from datacon.consultation.models import Comment, Consultation, Flag, ModerationAction
from datacon.policy.counts import count_of


@rule_route("consultation.view")
def consultation_home(request: HttpRequest) -> HttpResponse:
    consultations = (
        Consultation.objects.select_related("process", "version__document")
        .annotate(
            comment_total=count_of(Comment, "consultation"),
            pending_total=count_of(
                Comment, "consultation", extra=Q(root__isnull=True, answer__isnull=True)
            ),
            flag_total=count_of(Flag, "comment__consultation", extra=Q(resolved_at__isnull=True)),
        )
        .order_by("-opens_on", "-id")
    )
    return render(
        request, "backoffice/consultation/home.html", {"consultations": list(consultations)}
    )


def consultation_from_url(consultation: int, **_comment: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("process", "version__document"), pk=consultation
    )


def _current(request: HttpRequest) -> Consultation:
    current: Consultation = request.access_object  # type: ignore[attr-defined]
    return current


@rule_route("consultation.moderate", obj=consultation_from_url)
def moderation_queue(request: HttpRequest, consultation: int) -> HttpResponse:
    current = _current(request)
    which = request.GET.get("ver", "reportados")
    which = which if which in queues.MODERATION_FILTERS else "reportados"
    page = queues.moderation_queue(
        consultation=current, which=which, page_number=request.GET.get("pagina")
    )
    comments = list(page.object_list)
    return render(
        request,
        "backoffice/consultation/moderation.html",
        {
            "consultation": current,
            "page": page,
            "comments": comments,
            "which": which,
            "form": ModerationForm(),
        },
    )


@rule_route("consultation.moderate", obj=consultation_from_url)
def moderate_comment(request: HttpRequest, consultation: int, comment: int) -> HttpResponse:
    current = _current(request)
    target = get_object_or_404(
        Comment.objects.select_related("participant", "paragraph__identity", "parent"),
        consultation=current,
        pk=comment,
    )
    form = ModerationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("accion")
        reason = form.cleaned_data["reason"]
        actor = Actor.of(request.user)
        try:
            if action == "ocultar":
                moderation.comment_hide(comment=target, reason=reason, actor=actor)
                messages.success(
                    request,
                    _("Comentario ocultado; se publica el motivo y se avisó a la persona autora."),
                )
            elif action == "restablecer":
                moderation.comment_restore(comment=target, reason=reason, actor=actor)
                messages.success(request, _("Comentario restablecido."))
            elif action == "descartar":
                count = moderation.flags_dismiss(comment=target, reason=reason, actor=actor)
                messages.success(request, _("Reportes descartados: %(count)s.") % {"count": count})
            else:
                raise ValidationError(_("Elija una acción."))
        except ValidationError as error:
            service_errors_to_form(form, error)
            status = 400
        else:
            back = request.POST.get("volver") or reverse(
                "backoffice:consultation_moderation", kwargs={"consultation": current.pk}
            )
            if not back.startswith("/"):
                back = "/"
            return HttpResponseRedirect(back)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "backoffice/consultation/moderate.html",
        {
            "consultation": current,
            "comment": target,
            "flags": queues.flags_for(comment_ids=[target.pk]).get(target.pk, []),
            "log": list(ModerationAction.objects.filter(comment=target).select_related("actor")),
            "form": form,
        },
        status=status,
    )


@rule_route("consultation.moderate", obj=consultation_from_url)
def moderation_log(request: HttpRequest, consultation: int) -> HttpResponse:
    current = _current(request)
    return render(
        request,
        "backoffice/consultation/moderation_log.html",
        {
            "consultation": current,
            "page": queues.moderation_log(
                consultation=current, page_number=request.GET.get("pagina")
            ),
        },
    )


@rule_route("consultation.answer", obj=consultation_from_url)
def answer_queue(request: HttpRequest, consultation: int) -> HttpResponse:
    current = _current(request)
    which = request.GET.get("ver", "pendientes")
    which = which if which in queues.ANSWER_FILTERS else "pendientes"
    page = queues.answer_queue(
        consultation=current, which=which, page_number=request.GET.get("pagina")
    )
    return render(
        request,
        "backoffice/consultation/answers.html",
        {
            "consultation": current,
            "page": page,
            "which": which,
            "figures": selectors.consultation_figures(consultation=current),
        },
    )


@rule_route("consultation.answer", obj=consultation_from_url)
def answer_comment(request: HttpRequest, consultation: int, comment: int) -> HttpResponse:
    current = _current(request)
    target = get_object_or_404(
        Comment.objects.select_related("participant", "paragraph__identity").filter(
            root__isnull=True
        ),
        consultation=current,
        pk=comment,
    )
    paragraphs = queues.later_paragraphs(consultation=current)
    existing = getattr(target, "answer", None)
    if request.method == "POST":
        form = AnswerForm(request.POST, paragraphs=paragraphs)
        if form.is_valid():
            try:
                answers.answer_save(
                    comment=target,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    addressed_in=form.cleaned_data["addressed_in"],
                    actor=Actor.of(request.user),
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("Respuesta oficial publicada."))
                next_pending = (
                    Comment.objects.filter(
                        consultation=current, root__isnull=True, answer__isnull=True
                    )
                    .order_by("position", "created_at", "id")
                    .values_list("pk", flat=True)
                    .first()
                )
                if next_pending and request.POST.get("siguiente"):
                    return HttpResponseRedirect(
                        reverse(
                            "backoffice:consultation_answer",
                            kwargs={"consultation": current.pk, "comment": next_pending},
                        )
                    )
                return HttpResponseRedirect(
                    reverse("backoffice:consultation_answers", kwargs={"consultation": current.pk})
                )
    else:
        suggested = next((p for p in paragraphs if p.identity_id == target.identity_id), None)
        initial = (
            {
                "status": existing.status,
                "reason": existing.reason,
                "addressed_in": existing.addressed_in_id,
            }
            if existing
            else {"addressed_in": suggested.pk if suggested else None}
        )
        form = AnswerForm(initial=initial, paragraphs=paragraphs)
    replies = list(
        Comment.objects.filter(root=target).select_related("participant").order_by("created_at")
    )
    return render(
        request,
        "backoffice/consultation/answer.html",
        {
            "consultation": current,
            "comment": target,
            "replies": replies,
            "existing": existing,
            "form": form,
            "same_identity": [p for p in paragraphs if p.identity_id == target.identity_id],
        },
        status=400 if form.errors else 200,
    )
