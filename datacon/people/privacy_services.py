"""Writes for privacy: notices, consents, objections and the ARCO rights a person exercises alone.

Rectification and deletion are self-service: the person does it from their
account, the service checks and audits it, and every capability's personal-data
provider (`datacon.common.personal_data`) is asked to erase or anonymise what
it holds before the account itself goes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.personal_data import personal_data_providers
from datacon.common.write import unit_of_work
from datacon.people.models_privacy import (
    Consent,
    NonEssentialUse,
    PrivacyAction,
    PrivacyNotice,
    UseObjection,
)

NOTICES = "people.privacy_notices"


def _own(actor: Actor, user: User | None) -> None:
    """Only the person themselves (or the platform) acts on their own account."""
    if actor.is_system:
        return
    if user is None or actor.account is None or actor.account.pk != user.pk:
        raise PermissionDenied("people.own_account")


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


def privacy_notice_save(*, notice: PrivacyNotice, actor: Actor) -> PrivacyNotice:
    """Save a draft. A published version is the legal record of what people accepted: frozen."""
    with unit_of_work(actor) as work:
        require(actor, NOTICES, notice)
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
        return work.save(notice)


def privacy_notice_publish(*, notice: PrivacyNotice, actor: Actor) -> PrivacyNotice:
    """Give the draft the next version number of its series and make it the current notice."""
    # The edition row numbers an edition's series (people never imports editions).
    edition_model = PrivacyNotice._meta.get_field("edition").related_model
    with unit_of_work(actor) as work:
        notice = PrivacyNotice.objects.select_for_update(of=("self",)).get(pk=notice.pk)
        require(actor, NOTICES, notice)
        if notice.published_at is not None:
            raise ValidationError(
                _("Este aviso ya está publicado (versión %(v)s).") % {"v": notice.version}
            )
        # Serialise numbering within the series so two publishers never take the same number.
        if notice.edition_id:
            edition_model._default_manager.select_for_update(of=("self",)).filter(
                pk=notice.edition_id
            ).first()
            series = PrivacyNotice.objects.filter(edition_id=notice.edition_id)
        else:
            series = PrivacyNotice.objects.filter(edition__isnull=True)
            list(series.select_for_update(of=("self",)).values_list("pk", flat=True))
        last = series.aggregate(last=Max("version"))["last"] or 0
        notice.version = last + 1
        notice.published_at = timezone.now()
        notice.published_by = work.actor.account
        return work.save(notice, action=PrivacyAction.NOTICE_PUBLISH)


def privacy_notice_new_draft(*, source: PrivacyNotice, actor: Actor) -> PrivacyNotice:
    """A draft copy of a notice, to correct it and publish it as the next version."""
    with unit_of_work(actor) as work:
        require(actor, NOTICES, source)
        draft = PrivacyNotice(edition_id=source.edition_id)
        for name in NOTICE_TEXT_FIELDS:
            setattr(draft, name, getattr(source, name))
        return work.save(draft, action=PrivacyAction.NOTICE_NEW_DRAFT)


def consent_record(
    *, user: User | None, notice: PrivacyNotice, purpose: str, actor: Actor
) -> Consent:
    """The person accepts a published notice for a purpose (their own act: `actor` is them)."""
    if not notice.is_published:
        raise ValidationError(_("Solo se puede aceptar un aviso de privacidad publicado."))
    with unit_of_work(actor) as work:
        if actor.is_authenticated:
            _own(actor, user)
        return work.save(
            Consent(user=user, notice=notice, purpose=purpose), action=PrivacyAction.CONSENT_GIVE
        )


def use_objections_set(*, user: User, objections: Iterable[str], actor: Actor) -> set[str]:
    """Make the person's objections exactly `objections` (the uses they do not want)."""
    wanted = set(objections)
    unknown = wanted - set(NonEssentialUse.values)
    if unknown:
        raise ValidationError(_("Uso desconocido: %(uses)s") % {"uses": ", ".join(sorted(unknown))})
    with unit_of_work(actor) as work:
        _own(actor, user)
        current = {o.use: o for o in UseObjection.objects.filter(user=user)}
        removed = set(current) - wanted
        added = wanted - set(current)
        for use in sorted(removed):
            work.delete(current[use])
        work.create_many(
            [UseObjection(user=user, use=use) for use in sorted(added)],
            action=PrivacyAction.OBJECTIONS,
            ignore_conflicts=True,
        )
        if added or removed:
            work.record(
                PrivacyAction.OBJECTIONS,
                object_type="auth.user",
                object_id=str(user.pk),
                summary=_("Oposición a usos no esenciales actualizada"),
                changes={"added": sorted(added), "removed": sorted(removed)},
            )
    return wanted


def account_rectify(*, user: User, first_name: str, last_name: str, actor: Actor) -> User:
    """Correct the name held on the account (the e-mail is changed and verified through allauth)."""
    user_model = get_user_model()
    with unit_of_work(actor) as work:
        _own(actor, user)
        user = user_model.objects.select_for_update(of=("self",)).get(pk=user.pk)
        changes = {}
        for field, value in (("first_name", first_name.strip()), ("last_name", last_name.strip())):
            if getattr(user, field) != value:
                changes[field] = "…"  # the log says what changed, never the personal value
                setattr(user, field, value)
        # The name is personal data: the audit says which fields changed, never the values.
        user.full_clean(exclude=["password", "username", "email"])
        # A bulk update records the fields, not their values (a save would diff them).
        work.update_many(
            [user], ["first_name", "last_name"], action=PrivacyAction.ACCOUNT_RECTIFY_SAVE
        )
        if changes:
            work.record(
                PrivacyAction.ACCOUNT_RECTIFY,
                object_type="auth.user",
                object_id=str(user.pk),
                summary=_("Rectificación de datos de la cuenta"),
                changes={"fields": sorted(changes)},
            )
    return user


def account_delete(*, user: User, actor: Actor) -> None:
    """Erase everything held about the person, then the account itself, in one transaction.

    Each capability's provider anonymises what must stay for aggregate figures
    (a registration keeps its venue and attendance, loses name and e-mail) and
    deletes the rest. The account provider runs last, so the others still see
    the account while they work. Any failure leaves everything as it was.
    """
    user_model = get_user_model()
    user_id = user.pk
    providers = sorted(personal_data_providers(), key=lambda p: p.key == "account")
    _own(actor, user)
    # Signed by the platform: the log must not keep the address of an account that is gone.
    with unit_of_work(Actor.system("account deleted by its holder")) as work:
        user = user_model.objects.select_for_update(of=("self",)).get(pk=user_id)
        for provider in providers:
            provider.erase(user)
        # The deletion's audit entry keeps a snapshot of the record: blank the personal
        # values in memory first (the row is deleted by its key).
        for name in ("username", "email", "first_name", "last_name", "password"):
            setattr(user, name, "")
        work.delete(user, action=PrivacyAction.ACCOUNT_DELETE_ROW)
        work.record(
            PrivacyAction.ACCOUNT_DELETE,
            object_type="auth.user",
            object_id=str(user_id),
            summary=_("Cuenta eliminada por su titular; registros anonimizados"),
        )


def personal_data_access_record(*, user: User, kind: str, actor: Actor) -> None:
    """The person downloaded their data (ARCO access): the log says so, with no content."""
    actions = {"json": PrivacyAction.ACCESS_JSON, "csv": PrivacyAction.ACCESS_CSV}
    with unit_of_work(actor) as work:
        _own(actor, user)
        work.record(
            actions[kind],
            object_type="auth.user",
            object_id=str(user.pk),
            summary=_("Descarga de datos personales por su titular"),
        )
