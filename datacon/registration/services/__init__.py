"""Writes for registration, one module per sub-domain; every write goes through the unit of
work (datacon.common.write) with the acting `Actor`.

* `registrations`: sign up to an edition, correct or move, cancel (also by e-mail link),
  the organisers' settings;
* `seats`: seats of a venue or the online quota, the edition's lock, waiting lines;
* `workshops`: sessions with limited seats, sign-ups and their lines;
* `checkin`: check-in at venues and sessions, online attendance;
* `reminders`: the reminder and the streaming link, to many;
* `anonymisation`: what an erased account leaves behind;
* `exports`: the attendee list as CSV, logged.

Concurrency: every write that decides who gets a seat locks one row first and
counts under that lock (the edition's settings for registrations, the
session's seats for workshops); lock order is always settings → registration
→ session seats, so two writers never wait on each other in a circle.
"""

from datacon.registration.services.anonymisation import registration_anonymise
from datacon.registration.services.checkin import (
    CheckInOutcome,
    checkin_session,
    checkin_venue,
    online_join_record,
)
from datacon.registration.services.exports import attendees_export_csv
from datacon.registration.services.registrations import (
    cancel_link_resend,
    registration_cancel,
    registration_cancel_by_link,
    registration_create,
    registration_settings_save,
    registration_update,
)
from datacon.registration.services.reminders import reminders_send, streaming_links_send
from datacon.registration.services.seats import waitlists_promote
from datacon.registration.services.workshops import (
    session_seats_save,
    session_signup,
    session_signup_cancel,
)

__all__ = [
    "CheckInOutcome",
    "attendees_export_csv",
    "cancel_link_resend",
    "checkin_session",
    "checkin_venue",
    "online_join_record",
    "registration_anonymise",
    "registration_cancel",
    "registration_cancel_by_link",
    "registration_create",
    "registration_settings_save",
    "registration_update",
    "reminders_send",
    "session_seats_save",
    "session_signup",
    "session_signup_cancel",
    "streaming_links_send",
    "waitlists_promote",
]
