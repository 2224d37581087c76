"""Public consultation on one version of a policy document.

Citizens with a verified e-mail join a consultation (choosing the name shown
next to their comments, "Participante N" by default), comment on a paragraph
or on a passage of it, reply in threads, support comments and report abusive
ones. Moderators hide a comment with a public reason (logged, reversible,
never silent). The answering group gives one official answer per comment and
points to the paragraph of a later version that addresses it.

Comments point at the paragraph of the consulted version *and* at its
identity (`policy.ParagraphIdentity`), which survives new versions; that is
how "addressed in paragraph X of version N" is found.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.bilingual import english_of
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction
from datacon.editions.models import validate_timezone
from datacon.policy.models import DocumentVersion, Group, Paragraph, ParagraphIdentity, Process

MIN_COMMENT_LENGTH = 10
# Bumped with every consultation's own scope: lists and open datasets that
# cover all consultations are cached under it.
ALL_CONSULTATIONS = "consultation:all"
DEFAULT_MAX_COMMENT_LENGTH = 3000


class ConsultationAction(AuditAction):
    """Audit actions of consultations beyond plain create/update/delete."""

    PARTICIPANT_JOIN = "participant.join"
    PARTICIPANT_RENAME = "participant.rename"
    COMMENT_CREATE = "comment.create"
    COMMENT_REPLY = "comment.reply"
    COMMENT_HIDE = "comment.hide"
    COMMENT_RESTORE = "comment.restore"
    FLAGS_RESOLVE = "flag.resolve"
    FLAGS_DISMISS = "comment.flags_dismiss"
    ANSWER_CREATE = "answer.create"
    ANSWER_UPDATE = "answer.update"
    PERSONAL_DATA_ERASE = "consultation.personal_data_erase"
    FLAGS_ERASE = "flag.erase"
    SYNTHETIC_FILL = "consultation.synthetic_fill"
    AUTHOR_NAMES_ERASE = "comment.author_names_erase"
    PARTICIPANTS_UNLINK = "participant.unlink"


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador (no pública)")
    PUBLISHED = "published", _("Publicada")


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Próxima")
    OPEN = "open", _("Abierta")
    CLOSED = "closed", _("Cerrada")


class Consultation(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="consultations"
    )
    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("versión consultada"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField(_("título"), max_length=250)
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    title_en = english_of(title)
    description_en = english_of(description)
    rules = models.TextField(
        _("reglas de participación"),
        help_text=_("Markdown. Se muestran antes de participar y rigen la moderación."),
    )
    opens_on = models.DateField(_("abre el"))
    closes_on = models.DateField(
        _("cierra el"), help_text=_("Se reciben comentarios hasta las 23:59 de este día.")
    )
    timezone = models.CharField(
        _("zona horaria"),
        max_length=64,
        default="America/Mexico_City",
        validators=[validate_timezone],
        help_text=_("La apertura y el cierre se cuentan en esta zona horaria."),
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )
    answering_group = models.ForeignKey(
        Group,
        verbose_name=_("grupo que responde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_consultations",
    )
    max_comment_length = models.PositiveIntegerField(
        _("longitud máxima de un comentario"),
        default=DEFAULT_MAX_COMMENT_LENGTH,
        validators=[MinValueValidator(200), MaxValueValidator(20000)],
    )

    TRANSLATED_FIELDS = ("title", "description")

    class Meta:
        verbose_name = _("consulta pública")
        verbose_name_plural = _("consultas públicas")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_opening",
                violation_error_message=_("La consulta no puede cerrar antes de abrir."),
            )
        ]
        permissions = [
            ("moderate_comment", _("Puede moderar comentarios de consultas")),
            ("answer_comment", _("Puede dar la respuesta oficial a comentarios")),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("La consulta no puede cerrar antes de abrir.")
        if (
            self.version_id
            and self.process_id
            and self.version.document.process_id != self.process_id
        ):
            errors["version"] = _("La versión pertenece a un documento de otro proceso.")
        if (
            self.answering_group_id
            and self.process_id
            and self.answering_group.process_id != self.process_id  # type: ignore[union-attr]
        ):
            errors["answering_group"] = _("El grupo pertenece a otro proceso.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("public:consultation_detail", kwargs={"consultation": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        # The process page lists its consultations; need pages link to its paragraphs
        # only while it is published.
        return (
            versions.consultation_scope(self.pk),
            ALL_CONSULTATIONS,
            versions.POLICY,
            versions.DEMAND,
        )

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def opens_at(self) -> dt.datetime:
        return dt.datetime.combine(self.opens_on, dt.time.min, tzinfo=self.tz)

    @property
    def closes_at(self) -> dt.datetime:
        """The first instant after the period: midnight after the closing day, local time."""
        return dt.datetime.combine(
            self.closes_on + dt.timedelta(days=1), dt.time.min, tzinfo=self.tz
        )

    def phase_at(self, moment: dt.datetime | None = None) -> str:
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return Phase.UPCOMING
        if moment >= self.closes_at:
            return Phase.CLOSED
        return Phase.OPEN

    @property
    def phase(self) -> str:
        return self.phase_at()

    @property
    def is_public(self) -> bool:
        return self.status == ConsultationStatus.PUBLISHED


class Participant(models.Model):
    """A person taking part in one consultation, under the name they chose for it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_participations",
    )
    number = models.PositiveIntegerField(_("número de participante"))
    display_name = models.CharField(
        _("nombre que se muestra"),
        max_length=60,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Opcional. Si lo deja vacío se mostrará «Participante N»."),
    )
    joined_at = models.DateTimeField(_("se unió"), default=timezone.now)

    class Meta:
        verbose_name = _("participante")
        verbose_name_plural = _("participantes")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="consultation_participant_once"
            ),
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_participant_number"
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or str(_("Participante %(number)s") % {"number": self.number})

    def public_scopes(self) -> tuple[str, ...]:
        # The name shown next to the participant's comments.
        return (versions.consultation_scope(self.consultation_id), ALL_CONSULTATIONS)


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Ocultado por moderación")


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("párrafo"), on_delete=models.PROTECT, related_name="comments"
    )
    identity = models.ForeignKey(
        ParagraphIdentity, on_delete=models.PROTECT, related_name="comments"
    )
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en respuesta a"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="direct_replies",
    )
    # The top comment of the thread (None for a top comment): one query loads a thread.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="thread_replies"
    )
    # The commented paragraph's place in the consulted version (versions never
    # change): the report lists comments in document order with an index.
    position = models.PositiveIntegerField(default=0, editable=False)
    body = models.TextField(_("comentario"))
    # The name the participant chose, as it was when the comment was published: renaming
    # later changes the author of later comments only (docs/consultation.md). Empty shows
    # "Participante N". Erased with the account (ARCO cancellation).
    author_name = models.CharField(
        _("nombre con que se publicó"),
        max_length=60,
        blank=True,
        validators=[validate_single_line],
    )
    quote = models.TextField(_("fragmento comentado"), blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    hidden_reason = models.CharField(
        _("motivo público de la moderación"), max_length=300, blank=True
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("comentario")
        verbose_name_plural = _("comentarios")
        ordering = ["created_at", "id"]
        indexes = [
            # counts per paragraph (index-only scan)
            models.Index(
                fields=["consultation", "paragraph", "root", "status"],
                name="consult_comment_paragraph",
            ),
            # latest comments
            models.Index(
                fields=["consultation", "created_at", "id"], name="consult_comment_recent"
            ),
            # a paragraph's threads, a page at a time (top comments have root NULL)
            models.Index(
                fields=["paragraph", "root", "created_at", "id"], name="consult_comment_thread"
            ),
            # the report and the answering queue, in document order
            models.Index(
                fields=["consultation", "root", "position", "created_at", "id"],
                name="consult_comment_report",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.body[:60]}"

    def get_absolute_url(self) -> str:
        return reverse(
            "public:consultation_comment",
            kwargs={"consultation": self.consultation.slug, "comment": self.pk},
        )

    @property
    def author(self) -> str:
        """Who wrote it, as shown in public: the name at publication, or "Participante N"."""
        return self.author_name or str(
            _("Participante %(number)s") % {"number": self.participant.number}
        )

    @property
    def is_hidden(self) -> bool:
        return self.status == CommentStatus.HIDDEN

    @property
    def public_text(self) -> str:
        if self.is_hidden:
            return str(
                _("Comentario ocultado por moderación: %(reason)s") % {"reason": self.hidden_reason}
            )
        return self.body

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.consultation_scope(self.consultation_id), ALL_CONSULTATIONS)


class Support(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("apoyo")
        verbose_name_plural = _("apoyos")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "participant"], name="consultation_support_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} → #{self.comment_id}"

    def public_scopes(self) -> tuple[str, ...]:
        # Support counts are shown on the consultation's pages.
        return (versions.consultation_scope(self.comment.consultation_id), ALL_CONSULTATIONS)


class Flag(models.Model):
    """A signed-in reader's report that a comment breaks the rules (private: moderators see it)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_flags",
    )
    reason = models.CharField(_("motivo"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reporte de comentario")
        verbose_name_plural = _("reportes de comentarios")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="consultation_flag_once")
        ]

    def __str__(self) -> str:
        return f"#{self.comment_id}: {self.reason[:60]}"


class ModerationActionKind(models.TextChoices):
    HIDE = "hide", _("Ocultado")
    RESTORE = "restore", _("Restablecido")
    DISMISS = "dismiss", _("Reportes descartados")


class ModerationAction(models.Model):
    """The public moderation log: what was done, when and why (the moderator is kept privately)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="moderation_log")
    action = models.CharField(_("acción"), max_length=8, choices=ModerationActionKind.choices)
    reason = models.CharField(_("motivo"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("acción de moderación")
        verbose_name_plural = _("registro de moderación")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} #{self.comment_id}"

    def public_scopes(self) -> tuple[str, ...]:
        # The public moderation log (the API lists it).
        return (versions.consultation_scope(self.comment.consultation_id), ALL_CONSULTATIONS)


class AnswerStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Aceptado")
    PARTLY = "partly", _("Parcialmente aceptado")
    NOT_ACCEPTED = "not_accepted", _("No aceptado")


class Answer(models.Model):
    """The official answer to one comment."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="answer")
    status = models.CharField(_("dictamen"), max_length=14, choices=AnswerStatus.choices)
    reason = models.TextField(_("razones"))
    addressed_in = models.ForeignKey(
        Paragraph,
        verbose_name=_("párrafo que lo atiende"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="addressed_answers",
        help_text=_("Un párrafo de una versión posterior del documento."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("fecha de la respuesta"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("respuesta oficial")
        verbose_name_plural = _("respuestas oficiales")

    def __str__(self) -> str:
        return f"#{self.comment_id}: {self.get_status_display()}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.consultation_scope(self.comment.consultation_id), ALL_CONSULTATIONS)
