"""Forms of the schedule builder: placing a session and publishing a version.

Forms only help people type; the rules live in `datacon.program.schedule`, whose
refusals the views put back on the form, so whatever was typed stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.actor import Actor
from datacon.common.choices import Licence, MexicanState
from datacon.editions.models import Edition, Room, Venue
from datacon.program.conflicts import Conflict
from datacon.program.models import Material, ProgramAction, Session
from datacon.program.schedule import placement_set


class PlacementForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Día"), coerce=dt.date.fromisoformat)
    start = forms.TimeField(
        label=_("Hora de inicio"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Escriba la hora así: 10:30.")},
    )
    duration = forms.IntegerField(label=_("Duración (minutos)"), min_value=5, max_value=12 * 60)
    place = forms.ChoiceField(label=_("Sede y sala"))
    expected_audience = forms.IntegerField(
        label=_("Audiencia esperada"), min_value=1, required=False
    )
    accept_warnings = forms.BooleanField(
        label=_("Colocar de todos modos, con las advertencias"), required=False
    )

    def __init__(
        self, *args: Any, edition: Edition, venues: Sequence[Venue], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        from datacon.common.dates import long_date

        self.edition = edition
        day_field = self.fields["day"]
        assert isinstance(day_field, forms.TypedChoiceField)
        day_field.choices = [(d.isoformat(), long_date(d)) for d in edition.days]
        choices: list[tuple[str, Any]] = []
        self.places: dict[str, tuple[Venue, Room | None]] = {}
        for venue in venues:
            group: list[tuple[str, str]] = []
            for room in venue.rooms.all():
                key = f"r{room.pk}"
                capacity = f" ({room.capacity})" if room.capacity else ""
                group.append((key, f"{room.name}{capacity}"))
                self.places[key] = (venue, room)
            key = f"v{venue.pk}"
            group.append((key, str(_("%(venue)s, sin sala") % {"venue": venue.name})))
            self.places[key] = (venue, None)
            choices.append((venue.name, group))
        place_field = self.fields["place"]
        assert isinstance(place_field, forms.ChoiceField)
        place_field.choices = choices

    def placement(self) -> tuple[dt.datetime, dt.datetime, Venue, Room | None]:
        data = self.cleaned_data
        starts = dt.datetime.combine(data["day"], data["start"]).replace(tzinfo=self.edition.tz)
        ends = starts + dt.timedelta(minutes=data["duration"])
        venue, room = self.places[data["place"]]
        return starts, ends, venue, room

    def place_session(
        self,
        *,
        session: Session,
        actor: Actor,
        accept_warnings: bool,
        action: ProgramAction = ProgramAction.SCHEDULE_PLACE,
    ) -> list[Conflict]:
        """Place the session where this valid form says, through the one placement service
        (the placement form and the builder's moves both come here); see `placement_set`."""
        starts, ends, venue, room = self.placement()
        return placement_set(
            session=session,
            starts_at=starts,
            ends_at=ends,
            venue=venue,
            room=room,
            expected_audience=self.cleaned_data["expected_audience"],
            actor=actor,
            accept_warnings=accept_warnings,
            action=action,
        )


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Nota pública sobre esta versión"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    renumber = forms.BooleanField(
        label=_("Volver a numerar los códigos según el horario"),
        required=False,
        help_text=_(
            "Cambia los códigos ya publicados (y sus enlaces). Sin marcar, solo las sesiones "
            "nuevas o movidas de día reciben código."
        ),
    )
    notify = forms.BooleanField(
        label=_("Avisar por correo a las personas de las sesiones que cambian"),
        required=False,
        initial=True,
    )
    review_notices = forms.BooleanField(
        label=_("Revisar los avisos en la bandeja de salida antes de enviarlos"),
        required=False,
        initial=True,
    )
    acknowledge_parity = forms.BooleanField(
        label=_("Publicar aunque haya paneles sin paridad"), required=False
    )


class ProgramImportForm(forms.Form):
    """A program file (schedule.xml, schedule.json or the CSV template) and its options.

    `sha256` carries the fingerprint of the previewed file into the import form: the
    import re-uploads the file and must find the same bytes (nothing kept on the server).
    """

    file = forms.FileField(
        label=_("Archivo del programa"),
        help_text=_("schedule.xml o schedule.json (frab, pretalx, C3VOC) o la plantilla CSV."),
    )
    venue_state = forms.ChoiceField(
        label=_("Entidad federativa de las sedes nuevas"),
        required=False,
        help_text=_(
            "Si el archivo trae salas que la edición no tiene, se crean como sedes en esta "
            "entidad. Vacío: la de las sedes que ya tiene la edición."
        ),
    )
    confirm_sessions = forms.BooleanField(
        label=_("Crear las sesiones nuevas como confirmadas (se ven en el programa público)"),
        required=False,
        help_text=_(
            "Sin marcar, quedan en borrador y se publican desde el constructor del programa. "
            "Las personas quedan siempre por confirmar."
        ),
    )
    sha256 = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        blank = ("", _("(la de las sedes existentes)"))
        state_field = self.fields["venue_state"]
        assert isinstance(state_field, forms.ChoiceField)
        state_field.choices = [blank, *MexicanState.choices]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("El archivo pesa más de %(mb)s MB.") % {"mb": self.max_bytes // (1024 * 1024)}
            )
        return upload


class MaterialUploadForm(forms.Form):
    """Slides, a document or a link left on a session after it started."""

    kind = forms.ChoiceField(
        label=_("Tipo"),
        choices=[
            ("slides", _("Presentación (diapositivas)")),
            ("document", _("Documento")),
            ("link", _("Enlace")),
        ],
    )
    title = forms.CharField(label=_("Título"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Archivo"),
        required=False,
        help_text=_("PDF, PPTX, ODP, DOCX, ODT u otro formato abierto."),
    )
    url = forms.URLField(label=_("Enlace"), required=False, max_length=500)
    licence = forms.ChoiceField(label=_("Licencia"), choices=Licence.choices)


class MaterialForm(forms.ModelForm):  # type: ignore[type-arg]
    """A session's material: the kind says what is needed (a link, a file or a text)."""

    class Meta:
        model = Material
        fields = ("kind", "title", "url", "file", "licence", "language", "body")
        labels = {
            "kind": _("Tipo de material"),
            "title": _("Título (opcional)"),
            "url": _("Enlace (video, página o archivo en línea)"),
            "file": _("Archivo"),
            "licence": _("Licencia"),
            "language": _("Idioma"),
            "body": _("Texto de la relatoría (Markdown)"),
        }
        help_texts = {
            "licence": _("Con la que se publica: quién puede reutilizarlo y cómo."),
            "file": _("PDF, presentación o documento. Si hay enlace, el archivo es opcional."),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
