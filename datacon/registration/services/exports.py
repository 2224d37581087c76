"""The attendee list as CSV for organisers, every download logged.

Without personal data: anyone who reads the edition's registration screens
(`registration.view`). With names, e-mails, organisations and accessibility
needs: only who holds `registration.see_attendee_data` for the edition (an
EditionRole with the attendee-data duty, or the group "Responsables de datos
de asistentes"); organisers do not have it by being organisers. Each export is
a row of `AttendeeExport` and an entry of the audit log.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.common import csvout
from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.registration.models import AttendeeExport, RegistrationAction
from datacon.registration.selectors import EXPORT_COLUMNS, PERSONAL_EXPORT_COLUMNS, attendee_rows


def attendees_export_csv(
    *, edition: Edition, actor: Actor, with_personal_data: bool
) -> tuple[str, bytes]:
    """The attendee list as CSV, logged. Personal columns need `registration.see_attendee_data`."""
    require(actor, "registration.view", edition)
    if with_personal_data:
        require(actor, "registration.see_attendee_data", edition)
    rows = attendee_rows(edition=edition, with_personal_data=with_personal_data)
    columns = EXPORT_COLUMNS + (PERSONAL_EXPORT_COLUMNS if with_personal_data else [])
    content = csvout.dict_csv_bytes([key for key, _label in columns], rows)
    with unit_of_work(actor) as work:
        log = AttendeeExport(
            edition=edition,
            actor=work.actor.account,
            with_personal_data=with_personal_data,
            rows=len(rows),
        )
        work.save(log)
        work.record(
            RegistrationAction.EXPORT_PERSONAL if with_personal_data else RegistrationAction.EXPORT,
            log,
            summary=_("Exportación de asistentes de %(edition)s (%(rows)s filas)")
            % {"edition": edition.slug, "rows": len(rows)},
        )
    suffix = "con-datos-personales" if with_personal_data else "sin-datos-personales"
    return f"asistentes-{edition.slug}-{suffix}.csv", content
