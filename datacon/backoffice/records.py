"""One mechanism for an edition's configuration records in the back office.

Organisers list, add and change an edition's venues, rooms, session types,
tracks, review criteria... with the same three screens; each kind of record is
a `RecordKind` (datacon/backoffice/record_kinds.py) that says:

* `form`: an `EditionRecordForm`, whose choices of related records (a room's
  venue, a team's tracks) are limited to the edition's;
* `rule`: the named rule checked on the edition (a refusal is a 403);
* `records`: the edition's records of the kind (what the list shows, and the
  only records the edit screen opens: another edition's is a 404);
* `service`: the service that saves one record (it opens the unit of work and
  checks its own rule; `record_save_plain` when the model has none);
* `deletable`: whether the edit screen offers to delete the record. The
  confirmation lists what goes with it and refuses when other records hold it
  (datacon/backoffice/deletion.py); deleting goes through `record_remove`
  (rule, unit of work, audit).

Saving runs in one unit of work: the rule, the service, then the form's
many-to-many choices. A service's `ValidationError` is shown on the form with
`service_errors_to_form`, keeping what the organiser typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from datacon.backoffice.cells import record_row
from datacon.backoffice.deletion import protected_message
from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.forms import model_form_save
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition


def record_save_plain(record: Model, actor: Actor) -> Model:
    """The write path for a model without a service of its own: validate, save, audit."""
    with unit_of_work(actor) as work:
        return work.save(record)


class EditionRecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form of one edition's record: related choices are the edition's only."""

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        for form_field in self.fields.values():
            if isinstance(form_field, forms.DateTimeField):
                # Typed and shown in the edition's time zone (the view activates it).
                form_field.widget = forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                )
                form_field.help_text = _("hora de %(tz)s") % {"tz": edition.timezone}
            if isinstance(form_field, forms.ModelChoiceField):
                queryset = form_field.queryset
                assert queryset is not None
                model = queryset.model
                if _has_field(model, "edition"):
                    form_field.queryset = queryset.filter(edition=edition)


def _has_field(model: type[Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _attach_edition(record: Model, edition: Edition) -> None:
    if _has_field(type(record), "edition"):
        record.edition = edition  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RecordKind:
    slug: str
    form: type[EditionRecordForm]
    plural: str | Promise
    new_title: str | Promise | None  # None: records of the kind are not added here
    rule: str
    records: Callable[[Edition], QuerySet[Any]]
    service: Callable[[Any, Actor], Model]
    columns: tuple[str, ...]
    attach: Callable[[Model, Edition], None] = _attach_edition
    help_text: str | Promise = ""
    deletable: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def model(self) -> type[Model]:
        model = self.form._meta.model
        assert model is not None
        return model

    def new_record(self, edition: Edition) -> Model:
        record = self.model()
        self.attach(record, edition)
        return record

    def column_labels(self) -> list[str]:
        fields = [self.model._meta.get_field(name) for name in self.columns]
        return [str(getattr(field, "verbose_name", field.name)) for field in fields]

    def row(self, record: Model) -> list[tuple[str, Any]]:
        """What the list shows of a record: (column label, value) per column."""
        return record_row(record, self.columns, self.column_labels())


def record_form(kind: RecordKind, edition: Edition, record: Model, data: Any, files: Any) -> Any:
    return kind.form(data, files, instance=record, edition=edition)


def record_submit(*, kind: RecordKind, edition: Edition, form: Any, actor: Actor) -> Model | None:
    """Save a bound, valid form through the kind's service; None (errors on the form) when
    the service refuses it."""
    return model_form_save(form, actor=actor, rule=kind.rule, service=kind.service, on=edition)


def record_remove(*, kind: RecordKind, edition: Edition, record: Model, actor: Actor) -> list[str]:
    """Delete a record of the edition through the unit of work (rule, audit, public scopes);
    the reasons it was not deleted (records that still hold it), [] when it was."""
    try:
        with unit_of_work(actor) as work:
            require(actor, kind.rule, edition)
            work.delete(record)
    except (ProtectedError, RestrictedError) as error:
        return [protected_message(error.args[1])]
    return []
