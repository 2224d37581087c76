"""Public pages of consultations: the draft, paragraph threads, comments, the report.

Reading pages are cached per consultation scope (`consultation:<id>`): any
comment, support, moderation or answer bumps it. Signed-in people see their own
form and supports, so their pages are keyed by their account too. Writes are
POSTs that go through the services; on an error the page is shown again with
the message and everything that was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, overload

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common import csvout
from datacon.common.access import public_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.http import public_page
from datacon.common.versions import POLICY, consultation_scope
from datacon.consultation import limits, selectors, services
from datacon.consultation.datasets import COMMENTS_DATASET, comment_rows
from datacon.consultation.forms import CommentForm, FlagForm, JoinForm, ReplyForm
from datacon.consultation.models import Comment, Consultation, Phase


def _hour(request: HttpRequest) -> str:
    # The phase changes at midnight in the consultation's zone: the hour is enough.
    return timezone.now().strftime("%Y-%m-%dT%H")


_View = Callable[..., HttpResponseBase]


@overload
def consultation_cached(view: _View, *, cors: bool = False) -> _View: ...
@overload
def consultation_cached(view: None = None, *, cors: bool = False) -> Callable[[_View], _View]: ...
def consultation_cached(
    view: _View | None = None, *, cors: bool = False
) -> _View | Callable[[_View], _View]:
    """public_page with the scope of the consultation named in the URL, for anonymous readers.

    Signed-in people see their own state (verified e-mail, joined or not, their
    supports), which can change without any public data changing: their pages
    are never cached nor answered with 304. `cors=True` for the open data (the report CSV).
    """
    if view is None:
        return lambda actual: consultation_cached(actual, cors=cors)

    @wraps(view)
    def wrapped(
        request: HttpRequest, consultation: str, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.user.is_authenticated:
            response = view(request, consultation, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response
        pk = selectors.consultation_id_for(slug=consultation)
        cached = public_page([consultation_scope(pk), POLICY], vary_on=_hour, cors=cors)(view)
        return cached(request, consultation, *args, **kwargs)

    return wrapped


def _participation(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    """What the page offers this visitor: sign in, verify, join, comment, or nothing (closed)."""
    user = request.user
    phase = consultation.phase
    state = "closed" if phase == Phase.CLOSED else "upcoming" if phase == Phase.UPCOMING else ""
    participant = None
    if not state:
        if not user.is_authenticated:
            state = "anonymous"
        elif not services.user_has_verified_email(user):
            state = "unverified"
        else:
            participant = services.participant_for(consultation=consultation, user=user)
            state = "participant" if participant else "join"
    return {"state": state, "participant": participant, "phase": phase}


@public_route
@public_page([POLICY])
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/consultation/list.html",
        {"consultations": selectors.consultation_list_public()},
    )


@public_route
@consultation_cached
def consultation_detail(request: HttpRequest, consultation: str) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    page = selectors.consultation_page(consultation=current, user=request.user)
    return render(
        request,
        "public/consultation/detail.html",
        {
            "consultation": current,
            "process": current.process,
            "draft": page,
            "access": _participation(request, current),
        },
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@signed_in_route
def consultation_join(request: HttpRequest, consultation: str) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    existing = services.participant_for(consultation=current, user=request.user)
    fallback = current.get_absolute_url()
    if request.method == "POST":
        form = JoinForm(request.POST)
        if form.is_valid():
            if limits.join_limited(request):
                form.add_error(
                    None,
                    _(
                        "Demasiados registros desde su conexión. Espere un momento e inténtelo de nuevo."
                    ),
                )
            else:
                try:
                    services.participant_join(
                        consultation=current,
                        actor=Actor.of(request.user),
                        display_name=form.cleaned_data["display_name"],
                        accept_rules=form.cleaned_data["accept_rules"] or existing is not None,
                    )
                except ValidationError as error:
                    service_errors_to_form(form, error)
                else:
                    messages.success(
                        request,
                        _("Listo: ya puede comentar.")
                        if existing is None
                        else _("Su nombre en la consulta se actualizó."),
                    )
                    return HttpResponseRedirect(_safe_next(request, fallback))
    else:
        form = JoinForm(initial={"display_name": existing.display_name if existing else ""})
    response = render(
        request,
        "public/consultation/join.html",
        {
            "consultation": current,
            "process": current.process,
            "form": form,
            "participant": existing,
            "verified": services.user_has_verified_email(request.user),
            "next": _safe_next(request, fallback),
        },
        status=200 if not form.errors else 400,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _paragraph_context(
    request: HttpRequest, current: Consultation, anchor: str, form: CommentForm | None
) -> dict[str, Any]:
    paragraph = selectors.consulted_paragraph(consultation=current, anchor=anchor)
    threads = selectors.paragraph_threads(
        consultation=current,
        paragraph=paragraph,
        page_number=request.GET.get("pagina"),
        ordering=request.GET.get("orden", "antiguos"),
        user=request.user,
    )
    if form is None:
        initial: dict[str, Any] = {}
        # A passage selected on the draft page arrives in the query string.
        if request.GET.get("fragmento"):
            initial = {
                "quote": request.GET.get("fragmento", "")[:2000],
                "quote_start": request.GET.get("desde") or None,
                "quote_end": request.GET.get("hasta") or None,
            }
        form = CommentForm(initial=initial)
    return {
        "consultation": current,
        "process": current.process,
        "paragraph": paragraph,
        "threads": threads,
        "form": form,
        "access": _participation(request, current),
        "max_length": current.max_comment_length,
    }


@public_route
@consultation_cached
def consultation_paragraph(request: HttpRequest, consultation: str, anchor: str) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    if request.method != "POST":
        return render(
            request,
            "public/consultation/paragraph.html",
            _paragraph_context(request, current, anchor, None),
        )
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('account_login')}?next={request.path}")
    paragraph = selectors.consulted_paragraph(consultation=current, anchor=anchor)
    form = CommentForm(request.POST)
    if form.is_valid():
        if limits.comment_limited(request):
            form.add_error(
                None,
                _(
                    "Ha enviado muchos comentarios en poco tiempo. Espere unos minutos; "
                    "su texto sigue en el formulario."
                ),
            )
        else:
            try:
                comment = services.comment_create(
                    consultation=current,
                    paragraph=paragraph,
                    actor=Actor.of(request.user),
                    body=form.cleaned_data["body"],
                    quote=form.cleaned_data["quote"],
                    quote_start=form.cleaned_data["quote_start"],
                    quote_end=form.cleaned_data["quote_end"],
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("Su comentario se publicó."))
                return HttpResponseRedirect(f"{comment.get_absolute_url()}#c{comment.pk}")
    response = render(
        request,
        "public/consultation/paragraph.html",
        _paragraph_context(request, current, anchor, form),
        status=400,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@public_route
@consultation_cached
def consultation_comment(request: HttpRequest, consultation: str, comment: int) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    form = ReplyForm()
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('account_login')}?next={request.path}")
        parent = get_object_or_404(
            Comment, consultation=current, pk=request.POST.get("parent") or comment
        )
        form = ReplyForm(request.POST)
        if form.is_valid():
            if limits.comment_limited(request):
                form.add_error(
                    None,
                    _(
                        "Ha enviado muchos comentarios en poco tiempo. Espere unos minutos; "
                        "su texto sigue en el formulario."
                    ),
                )
            else:
                try:
                    reply = services.comment_reply(
                        parent=parent, actor=Actor.of(request.user), body=form.cleaned_data["body"]
                    )
                except ValidationError as error:
                    service_errors_to_form(form, error)
                else:
                    messages.success(request, _("Su respuesta se publicó."))
                    return HttpResponseRedirect(f"{reply.get_absolute_url()}#c{reply.pk}")
        status = 400
    page = selectors.comment_thread(consultation=current, pk=comment, user=request.user)
    response = render(
        request,
        "public/consultation/comment.html",
        {
            "consultation": current,
            "process": current.process,
            "thread": page.thread,
            "focus": page.focus,
            "viewer": page.viewer,
            "moderation": page.moderation,
            "form": form,
            "flag_form": FlagForm(),
            "access": _participation(request, current),
            "max_length": current.max_comment_length,
        },
        status=status,
    )
    if status != 200:
        response["Cache-Control"] = "private, no-store"
    return response


def _back_to(request: HttpRequest, comment: Comment) -> str:
    return _safe_next(request, f"{comment.get_absolute_url()}#c{comment.pk}")


@signed_in_route
@require_POST
def consultation_support(request: HttpRequest, consultation: str, comment: int) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    target = get_object_or_404(Comment, consultation=current, pk=comment)
    withdraw = request.POST.get("accion") == "retirar"
    if limits.support_limited(request):
        messages.error(request, _("Demasiados apoyos en poco tiempo. Espere unos minutos."))
        return HttpResponseRedirect(_back_to(request, target))
    try:
        if withdraw:
            services.support_withdraw(comment=target, actor=Actor.of(request.user))
            messages.success(request, _("Retiró su apoyo."))
        else:
            _support, created = services.support_add(comment=target, actor=Actor.of(request.user))
            messages.success(
                request,
                _("Apoyó este comentario.") if created else _("Ya apoyaba este comentario."),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(_back_to(request, target))


@signed_in_route
@require_POST
def consultation_flag(request: HttpRequest, consultation: str, comment: int) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    target = get_object_or_404(Comment, consultation=current, pk=comment)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.non_field_errors()))
    elif limits.flag_limited(request):
        messages.error(request, _("Demasiados reportes en poco tiempo. Espere un momento."))
    else:
        try:
            _flag, created = services.comment_flag(
                comment=target, actor=Actor.of(request.user), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Gracias: el equipo de moderación revisará el comentario.")
                if created
                else _("Ya había reportado este comentario."),
            )
    return HttpResponseRedirect(_back_to(request, target))


@public_route
@consultation_cached
def consultation_report(request: HttpRequest, consultation: str) -> HttpResponse:
    current = selectors.consultation_get_public(slug=consultation)
    report = selectors.consultation_report(
        consultation=current, page_number=request.GET.get("pagina")
    )
    return render(
        request,
        "public/consultation/report.html",
        {"consultation": current, "process": current.process, "report": report},
    )


@public_route
@consultation_cached
def consultation_moderation(request: HttpRequest, consultation: str) -> HttpResponse:
    """The public moderation log of one consultation: what was hidden, restored or
    dismissed, when, why and on which paragraph; never whose comment it was."""
    current = selectors.consultation_get_public(slug=consultation)
    page = selectors.moderation_log(consultation=current, page_number=request.GET.get("pagina"))
    return render(
        request,
        "public/consultation/moderation.html",
        {"consultation": current, "process": current.process, "page": page},
    )


@public_route
@consultation_cached(cors=True)
def consultation_report_csv(request: HttpRequest, consultation: str) -> HttpResponseBase:
    """The report as CSV: the open dataset's own columns, for this consultation only."""
    current = selectors.consultation_get_public(slug=consultation)
    lines = csvout.dict_csv_lines(
        COMMENTS_DATASET.column_names, comment_rows(consultation_id=current.pk)
    )
    response = StreamingHttpResponse(lines, content_type=csvout.CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="consulta-{current.slug}-comentarios.csv"'
    )
    return response


@signed_in_route
def consultation_my_activity(request: HttpRequest) -> HttpResponse:
    from datacon.consultation.models import Support

    user_id = request.user.pk or 0  # login_required: always set

    comments = selectors.counted(
        Paginator(
            Comment.objects.filter(participant__user_id=user_id)
            .select_related("consultation", "paragraph__identity", "answer")
            .order_by("-created_at", "-id"),
            50,
        ).get_page(request.GET.get("pagina"))
    )
    supports = list(
        Support.objects.filter(participant__user_id=user_id)
        .select_related(
            "comment__consultation", "comment__participant", "comment__paragraph__identity"
        )
        .order_by("-created_at", "-id")[:200]
    )
    response = render(
        request,
        "public/consultation/my_activity.html",
        {"page": comments, "supports": supports},
    )
    response["Cache-Control"] = "private, no-store"
    return response
