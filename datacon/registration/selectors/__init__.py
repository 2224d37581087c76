"""Reads for registration, one module per audience:

* `availability`: the registration window, seats left, a person's own
  registrations and places in line (public pages and the account);
* `attendees`: the organisers' attendee lists and export, live counts for check-in;
* `figures`: aggregate attendance figures (memoria, figures page, API, open data).

Every list runs a fixed number of queries whatever the number of rows; tests
measure that with two data sizes. Names are re-exported here, so callers write
`selectors.attendance_figures(...)`.
"""

from datacon.registration.selectors.attendees import (
    EXPORT_COLUMNS,
    PERSONAL_EXPORT_COLUMNS,
    LiveCounts,
    attendee_rows,
    attendees_for_organisers,
    attendees_listed,
    checkin_sessions,
    live_counts,
    walk_in_sessions,
)
from datacon.registration.selectors.availability import (
    WINDOW_MESSAGES,
    SeatInfo,
    WindowState,
    edition_starts_at,
    limited_sessions,
    online_availability,
    registration_active_for,
    registration_settings_for,
    registration_window,
    registrations_of_user,
    session_availability,
    session_seats_public,
    signup_position,
    signups_by_session_for,
    streaming_url_for,
    venue_availability,
    waiting_position,
)
from datacon.registration.selectors.figures import AttendanceFigures, FigureRow, attendance_figures

__all__ = [
    "EXPORT_COLUMNS",
    "PERSONAL_EXPORT_COLUMNS",
    "WINDOW_MESSAGES",
    "AttendanceFigures",
    "FigureRow",
    "LiveCounts",
    "SeatInfo",
    "WindowState",
    "attendance_figures",
    "attendee_rows",
    "attendees_for_organisers",
    "attendees_listed",
    "checkin_sessions",
    "edition_starts_at",
    "limited_sessions",
    "live_counts",
    "online_availability",
    "registration_active_for",
    "registration_settings_for",
    "registration_window",
    "registrations_of_user",
    "session_availability",
    "session_seats_public",
    "signup_position",
    "signups_by_session_for",
    "streaming_url_for",
    "venue_availability",
    "waiting_position",
    "walk_in_sessions",
]
