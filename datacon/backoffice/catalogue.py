"""One mechanism for the platform's records that belong to no edition, in the back office.

The policy process's records, people and organisations, privacy notices, the
platform's operator, the sources of the public record... are listed, added,
changed and deleted with the same four screens (datacon/backoffice/views/
catalogue.py, `/gestion/registros/<kind>/`). Each kind of record is a
`CatalogueKind` (the kinds: datacon/backoffice/catalogue_kinds.py) that says:

* `form`: the model form of the record (`private_form`: the one shown to
  accounts that see personal data, when the kind holds some);
* `view_rule`, `edit_rule`, `delete_rule`: the named rules asked on the record
  (a new, unsaved one for the list and the "new" screen); the routes declare
  the `backoffice.*_catalogue_record` rules (datacon/backoffice/permissions.py),
  which ask the kind's own;
* `saver` and `deleter`: the services that write one record (each opens the unit
  of work and checks its own rule); `deleter` is None when records of the kind
  are not deleted here;
* `columns`: what the list shows of each record.

Saving and deleting run in one unit of work: the kind's rule, then its
service. A service's `ValidationError` is shown on the form, keeping what the
organiser typed; a record other records still need (a PROTECTed foreign key)
is not deleted and the screen says which records hold it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from datacon.backoffice.cells import record_row
from datacon.backoffice.deletion import protected_message
from datacon.common.access import allowed, require
from datacon.common.actor import Actor
from datacon.common.forms import model_form_save
from datacon.common.write import unit_of_work

Saver = Callable[[Any, Actor], Model]
Deleter = Callable[[Any, Actor], None]


def _always(record: Any) -> bool:
    return True


@dataclass(frozen=True)
class CatalogueAction:
    """A step of a record beyond saving it (publishing a privacy notice...): a button on the
    record's screen, a POST through the service `run` under the kind's `edit_rule`."""

    slug: str
    label: str | Promise
    run: Callable[[Any, Actor], Model]  # the record the screen shows afterwards
    done: str | Promise
    shown: Callable[[Any], bool] = _always


@dataclass(frozen=True)
class CatalogueKind:
    slug: str
    form: type[forms.ModelForm]  # type: ignore[type-arg]
    plural: str | Promise
    new_title: str | Promise | None  # None: records of the kind are not added here
    group: str | Promise  # the menu's heading
    view_rule: str
    edit_rule: str
    saver: Saver
    columns: tuple[str, ...]
    delete_rule: str = ""
    deleter: Deleter | None = None
    ordering: tuple[str, ...] = ("-id",)
    related: tuple[str, ...] = ()
    single: bool = False  # one record at most: "new" only while there is none
    private_form: type[forms.ModelForm] | None = None  # type: ignore[type-arg]
    help_text: str | Promise = ""
    actions: tuple[CatalogueAction, ...] = ()
    # Why a stored record may no longer be changed (a published privacy notice), or "":
    # its screen then shows it read-only, with the reason and its actions.
    locked: Callable[[Any], str | Promise] = lambda record: ""

    @property
    def model(self) -> type[Model]:
        model = self.form._meta.model
        assert model is not None
        return model

    def records(self) -> QuerySet[Any]:
        return (
            self.model._default_manager.select_related(*self.related).all().order_by(*self.ordering)
        )

    def may_add(self, actor: Actor) -> bool:
        if self.new_title is None:
            return False
        if self.single and self.model._default_manager.exists():
            return False
        return allowed(actor, self.edit_rule, self.model())

    def action(self, slug: str) -> CatalogueAction | None:
        return next((action for action in self.actions if action.slug == slug), None)

    def form_class(self, actor: Actor) -> type[forms.ModelForm]:  # type: ignore[type-arg]
        """The private form (personal data) only for accounts allowed to see it."""
        if self.private_form is not None and actor.has_perm("people.view_private_data"):
            return self.private_form
        return self.form

    def column_labels(self) -> list[str]:
        return [self._label(name) for name in self.columns]

    def _label(self, name: str) -> str:
        field = self.model._meta.get_field(name)
        label = str(getattr(field, "verbose_name", name))
        related = field.related_model
        if label == name.replace("_", " ") and isinstance(related, type):
            # A relation without a label of its own (`process`): the related model's name.
            return str(related._meta.verbose_name)
        return label

    def row(self, record: Model) -> list[tuple[str, Any]]:
        """What the list shows of a record: (column label, value) per column."""
        return record_row(record, self.columns, self.column_labels())


class CatalogueForm(forms.ModelForm):  # type: ignore[type-arg]
    """A record's form: dates and times typed with the browser's pickers; the fields in
    `Meta.optional` may stay empty (the service fills them: a goal's number...)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in getattr(getattr(type(self), "Meta", None), "optional", ()):
            self.fields[name].required = False
        for form_field in self.fields.values():
            if isinstance(form_field, forms.DateTimeField):
                form_field.widget = forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                )
            elif isinstance(form_field, forms.DateField):
                form_field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def catalogue_submit(*, kind: CatalogueKind, form: Any, actor: Actor) -> Model | None:
    """Save a bound, valid form through the kind's service; None (errors on the form) when
    the service refuses it."""
    return model_form_save(form, actor=actor, rule=kind.edit_rule, service=kind.saver)


def catalogue_act(
    *, kind: CatalogueKind, action: CatalogueAction, record: Model, actor: Actor
) -> tuple[Model | None, list[str]]:
    """Run a record's action through its service: (the record to show next, []), or
    (None, the service's reasons)."""
    try:
        with unit_of_work(actor):
            require(actor, kind.edit_rule, record)
            return action.run(record, actor), []
    except ValidationError as error:
        return None, list(error.messages)


def catalogue_delete(*, kind: CatalogueKind, record: Model, actor: Actor) -> list[str]:
    """Delete the record through the kind's service; the reasons it was not deleted
    (records that still need it, the service's refusal), or [] when it was."""
    if kind.deleter is None:
        return [_("Los registros de este tipo no se borran aquí.")]
    try:
        with unit_of_work(actor):
            require(actor, kind.delete_rule, record)
            kind.deleter(record, actor)
    except (ProtectedError, RestrictedError) as error:
        return [protected_message(error.args[1])]
    except ValidationError as error:
        return list(error.messages)
    return []
