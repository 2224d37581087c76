"""Back-office roles of the registration capability.

Personal data of attendees (names, e-mails, accessibility needs) is guarded by
permissions whose codenames start with "view_private"/"export_private": the
organisers' group does not get them automatically (see
`datacon.backoffice.roles.PRIVATE_PREFIXES`); an administrator grants the
"Responsables de datos de asistentes" group person by person.
"""

from datacon.common.roles import Role

ROLES = [
    Role(
        name="Personal de registro en sede",
        permissions=(
            "registration.checkin_attendees",
            "registration.view_registrationsettings",
        ),
        description="Registra la entrada de asistentes en sedes y sesiones y ve los conteos en vivo.",
    ),
    Role(
        name="Responsables de datos de asistentes",
        permissions=(
            "registration.view_registration",
            "registration.view_registrationsettings",
            "registration.view_private_attendees",
            "registration.export_private_attendees",
        ),
        description=(
            "Ven y exportan los datos personales de asistentes; cada exportación queda registrada."
        ),
    ),
]
