"""Every field of every back-office record form is labelled in Spanish (and so in English
through the catalogue): a relation or field whose model gives no `verbose_name` shows
Django's default, the English field name ("Process:", "Session:"), in a Spanish form.

The labels are the models' own `verbose_name` (one owner: the admin, the forms and the
lists read them), so a new field without one fails here."""

from __future__ import annotations

import pytest
from django import forms

from datacon.backoffice.catalogue_kinds import KINDS as PLATFORM_KINDS
from datacon.backoffice.record_kinds import EDITION_SETTINGS
from datacon.backoffice.record_kinds import KINDS as EDITION_KINDS
from tests import factories

pytestmark = pytest.mark.django_db


# Field names that are also the Spanish word (their label is the model's, in Spanish).
SAME_IN_SPANISH = {"sector"}


def _english_defaults(form: forms.BaseForm) -> list[str]:
    """Fields whose label is Django's default made from the (English) field name."""
    return [
        name
        for name, field in form.fields.items()
        if str(field.label or "").lower() == name.replace("_", " ").lower()
        and name not in SAME_IN_SPANISH
    ]


def test_no_record_form_shows_an_english_field_name_as_a_label():
    edition = factories.EditionFactory()
    found = {}
    for kind in PLATFORM_KINDS.values():
        for form_class in {kind.form, kind.private_form or kind.form}:
            unlabelled = _english_defaults(form_class())
            if unlabelled:
                found[f"registros/{kind.slug}"] = unlabelled
    for kind in (EDITION_SETTINGS, *EDITION_KINDS.values()):
        unlabelled = _english_defaults(kind.form(edition=edition))
        if unlabelled:
            found[f"configuracion/{kind.slug}"] = unlabelled
    assert found == {}
