"""A clearly labelled demonstration edition, so the call for proposals,
registration and check-in can be tried in the demo. Nothing about it is real:
its title and summary say so on every page.
"""

from __future__ import annotations

from typing import Any

DEMO_ORGANISATION: dict[str, str] = {
    "slug": "comite-de-demostracion",
    "name": "Comité organizador de demostración (ficticio)",
    "acronym": "",
    "kind": "civil_society",
    "website": "",
}

DEMO_EDITION: dict[str, Any] = {
    "number": 5,
    "year": 2027,
    "slug": "2027-demo",
    "title": "DATACON 2027 · edición de demostración",
    "theme": "Edición ficticia para probar la convocatoria, el registro y el registro de asistencia",
    "mode": "hybrid",
    "status": "published",
    "start_date": "2027-05-18",
    "end_date": "2027-05-19",
    "organiser": "comite-de-demostracion",
    "website": "",
    "summary": (
        "**Esta edición no existe.** Sirve para probar la plataforma: su convocatoria, sus "
        "sedes y sus talleres son ficticios. Los datos de las ediciones 2021 a 2024 sí son "
        "reales y provienen de los documentos públicos de la DATACON."
    ),
    "venues": [
        {
            "name": "Sede Ciudad de México (demostración)",
            "state": "09",
            "city": "Ciudad de México",
            "capacity": 300,
        },
        {"name": "Transmisión en línea", "is_virtual": True},
    ],
    "roles": [("comite-de-demostracion", "organiser")],
    "reported": {},
    "is_demo": True,
}
