"""Writes for privacy: notices, consents, objections and the ARCO rights a person exercises alone.

Rectification and deletion are self-service: the person does it from their
account, the service checks and audits it, and every capability's personal-data
provider (`datacon.common.personal_data`) is asked to erase or anonymise what
it holds before the account itself goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.audit import audit_record
from datacon.common.personal_data import personal_data_providers
from datacon.common.services import record_save
from datacon.people.models_privacy import (
    Consent,
    NonEssentialUse,
    PrivacyNotice,
    UseObjection,
)

# Fields a new version copies from the one it replaces.
NOTICE_TEXT_FIELDS = (
    "responsible_body",
    "responsible_address",
    "short_text",
    "data_collected",
    "purposes",
    "legal_basis",
    "transfers",
    "retention",
    "arco_contact",
    "arco_procedure",
)


def privacy_notice_save(*, notice: PrivacyNotice, actor: Any) -> PrivacyNotice:
    """Save a draft. A published version is the legal record of what people accepted: frozen."""
    if (
        notice.pk
        and PrivacyNotice.objects.filter(pk=notice.pk, published_at__isnull=False).exists()
    ):
        raise ValidationError(
            _(
                "Un aviso publicado no se puede modificar: las personas aceptaron ese texto. "
                "Cree una nueva versión."
            )
        )
    return record_save(instance=notice, actor=actor)


def privacy_notice_publish(*, notice: PrivacyNotice, actor: Any) -> PrivacyNotice:
    """Give the draft the next version number of its series and make it the current notice."""
    from datacon.editions.models import Edition

    with transaction.atomic():
        notice = PrivacyNotice.objects.select_for_update(of=("self",)).get(pk=notice.pk)
        if notice.published_at is not None:
            raise ValidationError(
                _("Este aviso ya está publicado (versión %(v)s).") % {"v": notice.version}
            )
        # Serialise numbering within the series so two publishers never take the same number.
        if notice.edition_id:
            Edition.objects.select_for_update(of=("self",)).filter(pk=notice.edition_id).first()
            series = PrivacyNotice.objects.filter(edition_id=notice.edition_id)
        else:
            series = PrivacyNotice.objects.filter(edition__isnull=True)
            list(series.select_for_update(of=("self",)).values_list("pk", flat=True))
        last = series.aggregate(last=Max("version"))["last"] or 0
        notice.version = last + 1
        notice.published_at = timezone.now()
        notice.published_by = actor if getattr(actor, "is_authenticated", False) else None
        return record_save(instance=notice, actor=actor, action="privacy_notice.publish")


def privacy_notice_new_draft(*, source: PrivacyNotice, actor: Any) -> PrivacyNotice:
    """A draft copy of a notice, to correct it and publish it as the next version."""
    draft = PrivacyNotice(edition_id=source.edition_id)
    for name in NOTICE_TEXT_FIELDS:
        setattr(draft, name, getattr(source, name))
    return record_save(instance=draft, actor=actor, action="privacy_notice.new_draft")


def consent_record(*, user: Any, notice: PrivacyNotice, purpose: str) -> Consent:
    if not notice.is_published:
        raise ValidationError(_("Solo se puede aceptar un aviso de privacidad publicado."))
    consent = Consent(user=user, notice=notice, purpose=purpose)
    consent.full_clean()
    consent.save()
    audit_record(actor=user, action="consent.give", instance=consent)
    return consent


def use_objections_set(*, user: Any, objections: Iterable[str], actor: Any) -> set[str]:
    """Make the person's objections exactly `objections` (the uses they do not want)."""
    wanted = set(objections)
    unknown = wanted - set(NonEssentialUse.values)
    if unknown:
        raise ValidationError(_("Uso desconocido: %(uses)s") % {"uses": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = set(UseObjection.objects.filter(user=user).values_list("use", flat=True))
        removed = current - wanted
        added = wanted - current
        if removed:
            UseObjection.objects.filter(user=user, use__in=removed).delete()
        UseObjection.objects.bulk_create(
            [UseObjection(user=user, use=use) for use in sorted(added)], ignore_conflicts=True
        )
        if added or removed:
            audit_record(
                actor=actor,
                action="privacy.objections",
                object_type="auth.user",
                object_id=str(user.pk),
                summary=_("Oposición a usos no esenciales actualizada"),
                changes={"added": sorted(added), "removed": sorted(removed)},
            )
    return wanted


def account_rectify(*, user: Any, first_name: str, last_name: str, actor: Any) -> Any:
    """Correct the name held on the account (the e-mail is changed and verified through allauth)."""
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update(of=("self",)).get(pk=user.pk)
        changes = {}
        for field, value in (("first_name", first_name.strip()), ("last_name", last_name.strip())):
            if getattr(user, field) != value:
                changes[field] = "…"  # the log says what changed, never the personal value
                setattr(user, field, value)
        user.full_clean(exclude=["password", "username", "email"])
        user.save(update_fields=["first_name", "last_name"])
        if changes:
            audit_record(
                actor=actor,
                action="arco.rectify",
                object_type="auth.user",
                object_id=str(user.pk),
                summary=_("Rectificación de datos de la cuenta"),
                changes={"fields": sorted(changes)},
            )
    return user


def account_delete(*, user: Any, actor: Any) -> None:
    """Erase everything held about the person, then the account itself, in one transaction.

    Each capability's provider anonymises what must stay for aggregate figures
    (a registration keeps its venue and attendance, loses name and e-mail) and
    deletes the rest. The account provider runs last, so the others still see
    the account while they work. Any failure leaves everything as it was.
    """
    user_model = get_user_model()
    user_id = user.pk
    providers = sorted(personal_data_providers(), key=lambda p: p.key == "account")
    with transaction.atomic():
        user = user_model.objects.select_for_update(of=("self",)).get(pk=user_id)
        for provider in providers:
            provider.erase(user)
        user.delete()
        audit_record(
            actor=None,
            action="arco.account_delete",
            object_type="auth.user",
            object_id=str(user_id),
            summary=_("Cuenta eliminada por su titular; registros anonimizados"),
        )
