"""Facts about the real DATACON editions, taken from the seed documents.

Sources (kept in the repository's history as ../shared/seeds/):
* INAI press release INAI/138/21 (27 April 2021): first edition, 11-12 May, virtual,
  convened by INAI and Codeando México.
* DATACON 2021 memoria: the 17 sessions with codes, start times and types,
  70 panelists, 30 co-convening organisations, more than 2,500 attendees.
* DATACON concept note (2022 summary): three venues (Nuevo León, Jalisco,
  Quintana Roo), 25 convening organisations, 25 moderators, 12 panels,
  3 workshops, 4 conferences.
* DATACON 2024 concept note: title, dates (17-18 October 2024), venue (INAI,
  Av. Insurgentes Sur 3211) and the two-day program without times.

Nothing here is invented. Where the sources are silent (people's names, end
times, 2022-2023 dates, the 2023 venues, the 2024 times) the loader leaves the
field empty, except session end times in 2021, which the memoria does not give:
each session is assumed to last until the next slot starts, at most one hour
(ESTIMATED_END_RULE), and the edition summary says so. Nor does the memoria say
which stream carried each 2021 session: the loader puts each in the first free
channel, "Transmisión 1", "2", "3" in code order, rooms flagged as the
platform's own numbering, and the summary and the program page say so.
"""

from __future__ import annotations

from typing import Any

ESTIMATED_END_RULE_MINUTES = 60

ORGANISATIONS: list[dict[str, str]] = [
    {
        "slug": "inai",
        "name": "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales",
        "acronym": "INAI",
        "kind": "public",
        "website": "https://home.inai.org.mx/",
    },
    {
        "slug": "codeando-mexico",
        "name": "Codeando México, A.C.",
        "acronym": "",
        "kind": "civil_society",
        "website": "https://codeandomexico.org/",
    },
    {
        "slug": "snt",
        "name": "Sistema Nacional de Transparencia, Acceso a la Información Pública y Protección de Datos Personales",
        "acronym": "SNT",
        "kind": "public",
        "website": "",
    },
]

EDITIONS: list[dict[str, Any]] = [
    {
        "number": 1,
        "year": 2021,
        "slug": "2021",
        "title": "DATACON 2021",
        "theme": "Primera edición de la Conferencia Nacional de Datos Abiertos",
        "mode": "virtual",
        "status": "archived",
        "start_date": "2021-05-11",
        "end_date": "2021-05-12",
        "organiser": "inai",
        "website": "http://datacon.mx/",
        "summary": (
            "La primera edición de la DATACON se celebró los días martes 11 y miércoles 12 de mayo "
            "de 2021 de forma virtual, producto de la emergencia sanitaria ocasionada por la COVID-19. "
            "La convocaron el INAI y Codeando México junto con 30 organizaciones co-convocantes; "
            "participaron 70 personas panelistas y más de 2 mil 500 personas asistentes.\n\n"
            "Sus objetivos: (1) analizar y discutir el estado de la agenda de los datos abiertos en "
            "México; (2) presentar, intercambiar y reconocer experiencias, mejores prácticas y "
            "necesidades no satisfechas, y (3) definir una agenda anual orientada a sentar las bases "
            "para la construcción de una Política Nacional de Datos Abiertos.\n\n"
            "*Nota sobre los datos:* la memoria publica la hora de inicio de cada sesión, no la de "
            "término; aquí cada sesión dura hasta el siguiente bloque, con un máximo de una hora. "
            "Tampoco dice por qué transmisión se vio cada sesión: las que coincidieron en horario "
            "aparecen en «Transmisión 1», «Transmisión 2» y «Transmisión 3», numeración propia de "
            "esta plataforma para las transmisiones simultáneas (la primera libre, en el orden de "
            "los códigos)."
        ),
        "venues": [{"name": "Virtual", "is_virtual": True}],
        "roles": [("inai", "organiser"), ("inai", "committee"), ("codeando-mexico", "committee")],
        "reported": {"co_conveners": 30, "panelists": 70, "attendees_online_more_than": 2500},
    },
    {
        "number": 2,
        "year": 2022,
        "slug": "2022",
        "title": "DATACON 2022",
        "theme": "Segunda edición de la Conferencia Nacional de Datos Abiertos",
        "mode": "in_person",
        "status": "archived",
        "start_date": None,
        "end_date": None,
        "organiser": "inai",
        "website": "http://datacon.mx/",
        "summary": (
            "La segunda edición, celebrada en 2022, se llevó a cabo de manera presencial en tres "
            "sedes: Nuevo León, Jalisco y Quintana Roo. La convocatoria fue emitida por 25 "
            "organizaciones; se contó con el apoyo de 25 personas moderadoras y se realizaron "
            "12 paneles, 3 talleres y 4 conferencias, además de mesas temáticas con personas "
            "expertas para contribuir a la construcción de la Política Nacional de Datos Abiertos.\n\n"
            "*Nota sobre los datos:* los documentos fuente no registran las fechas ni el programa "
            "detallado de esta edición."
        ),
        "venues": [
            {"name": "Nuevo León", "state": "19"},
            {"name": "Jalisco", "state": "14"},
            {"name": "Quintana Roo", "state": "23"},
        ],
        "roles": [("inai", "organiser"), ("inai", "committee")],
        "reported": {
            "co_conveners": 25,
            "moderators": 25,
            "panels": 12,
            "workshops": 3,
            "conferences": 4,
        },
    },
    {
        "number": 3,
        "year": 2023,
        "slug": "2023",
        "title": "DATACON 2023",
        "theme": "Tercera edición de la Conferencia Nacional de Datos Abiertos",
        "mode": "in_person",
        "status": "archived",
        "start_date": None,
        "end_date": None,
        "organiser": "inai",
        "website": "http://datacon.mx/",
        "summary": (
            "La edición 2023 se realizó de forma simultánea en diez entidades federativas, según "
            "el comité organizador. En octubre de 2023 el Consejo Nacional del SNT aprobó la "
            "Política Nacional de Datos Abiertos, ConDATOS (9 de octubre; publicada en el Diario "
            "Oficial de la Federación el 10 de noviembre de 2023).\n\n"
            "*Nota sobre los datos:* los documentos fuente no nombran las diez sedes ni registran "
            "las fechas o el programa de esta edición, por lo que no se cargan."
        ),
        "venues": [],
        "roles": [("inai", "organiser")],
        "reported": {"venues": 10},
    },
    {
        "number": 4,
        "year": 2024,
        "slug": "2024",
        "title": "DATACON 2024",
        "theme": "Reflexiones para el Futuro de los Datos Abiertos en México",
        "mode": "in_person",
        "status": "archived",
        "start_date": "2024-10-17",
        "end_date": "2024-10-18",
        "organiser": "inai",
        "website": "http://www.datacon.mx/",
        "hashtag": "#SociedadTransparente",
        "summary": (
            "La DATACON 2024 convocó a un diálogo nacional entre instituciones públicas, sociedad "
            "civil, academia, sector empresarial y comunidades de práctica para compartir "
            "experiencias, construir capacidades, identificar estándares, temas de vanguardia y "
            "desafíos para avanzar en la implementación efectiva de la Política Nacional de Datos "
            "Abiertos, ConDATOS, en México.\n\n"
            "*Nota sobre los datos:* la nota conceptual da el orden de las actividades de cada día, "
            "no sus horarios."
        ),
        "venues": [
            {
                "name": "Instalaciones del INAI",
                "state": "09",
                "city": "Coyoacán",
                "address": "Av. Insurgentes Sur 3211, colonia Insurgentes Cuicuilco, alcaldía Coyoacán, C.P. 04530, Ciudad de México",
            }
        ],
        "roles": [("inai", "organiser"), ("inai", "committee")],
        "reported": {},
    },
]

# (code, day 1-based, start "HH:MM" or None, type slug, title exactly as in the source)
SESSIONS: dict[int, list[tuple[str, int, str | None, str, str]]] = {
    2021: [
        ("S0101", 1, "10:30", "ceremonia", "Inauguración"),
        (
            "S0102",
            1,
            "11:00",
            "conferencia",
            "La evolución de la agenda de datos abiertos en México",
        ),
        ("S0103", 1, "12:00", "presentacion", "Contrataciones Abiertas y estrategia nacional"),
        ("S0104", 1, "12:00", "presentacion", "Infraestructura Abierta, el caso de Nuevo León"),
        (
            "S0105",
            1,
            "12:00",
            "presentacion",
            "Publicidad Abierta, gastos en comunicación social de los gobiernos y partidos políticos",
        ),
        (
            "S0106",
            1,
            "13:00",
            "conversatorio",
            "Aprovechamiento de los datos abiertos; experiencias desde la SC",
        ),
        ("S0107", 1, "16:00", "conversatorio", "Datos abiertos en la atención de emergencias"),
        ("S0108", 1, "17:00", "presentacion", "Datos abiertos como instrumento anticorrupción"),
        (
            "S0109",
            1,
            "17:00",
            "presentacion",
            "Aprovechamiento gubernamental de los datos abiertos",
        ),
        ("S0110", 1, "18:00", "presentacion", "Buenas prácticas de datos abiertos"),
        ("S0201", 2, "10:00", "conferencia", "Hacia una política nacional de datos abiertos"),
        (
            "S0202",
            2,
            "11:00",
            "taller",
            "¿Qué datos abrir? Entendiendo la demanda de información a través de las solicitudes y de la PNT",
        ),
        ("S0203", 2, "11:00", "taller", "Abrir datos con perspectiva de género"),
        ("S0204", 2, "11:00", "taller", "Visualizaciones, memes y arte callejero con datos"),
        (
            "S0205",
            2,
            "12:00",
            "conversatorio",
            "El valor económico de los datos abiertos y su potencial como motor de desarrollo",
        ),
        (
            "S0206",
            2,
            "13:00",
            "conversatorio",
            "Datos abiertos desde la sociedad civil: siguientes pasos",
        ),
        (
            "S0207",
            2,
            "14:00",
            "ceremonia",
            "Cierre / presentación de reflexiones y agenda de apertura a un año",
        ),
    ],
    2024: [
        ("S0101", 1, None, "ceremonia", "Acto de apertura"),
        (
            "S0102",
            1,
            None,
            "mesa-de-dialogo",
            "Tendencias en el desarrollo de soluciones tecnológicas con datos abiertos",
        ),
        (
            "S0103",
            1,
            None,
            "panel",
            "Implementando la Política Nacional de Datos Abiertos, ConDATOS",
        ),
        (
            "S0104",
            1,
            None,
            "panel",
            "Avances y desafíos en Datos Abiertos: un enfoque colaborativo entre el Gobierno, la Sociedad Civil y el Sector Privado",
        ),
        (
            "S0201",
            2,
            None,
            "panel",
            "Innovación tecnológica para la apertura de datos: lecciones y experiencias",
        ),
        (
            "S0202",
            2,
            None,
            "taller",
            "Hacia la definición de Estándares Para la Publicación y Reutilización de Conjuntos de Datos de Alto Valor",
        ),
        ("S0203", 2, None, "taller", "Claves para realizar piezas de periodismo de datos"),
    ],
}

# Short descriptions the 2024 concept note gives for each activity.
ABSTRACTS_2024 = {
    "S0101": "Personas representantes de diferentes organizaciones comparten su visión y expectativas acerca de los datos abiertos en México.",
    "S0102": "Mesa de diálogo de alto nivel sobre la experiencia transformadora de las soluciones tecnológicas basadas en datos abiertos.",
    "S0103": "Panel 1. Estrategias y desafíos hacia una implementación efectiva de la Política Nacional ConDATOS.",
    "S0104": "Panel 2. Avances y desafíos en datos abiertos desde un enfoque colaborativo entre el Gobierno, la Sociedad Civil y el Sector Privado.",
    "S0201": "Panel 3. Innovación tecnológica para la apertura de datos: casos de éxito, lecciones aprendidas y recomendaciones.",
    "S0202": "Taller interactivo 1. La ruta hacia la definición de estándares y conjuntos de alto valor que favorezcan la publicación y reutilización de los datos en el territorio nacional.",
    "S0203": "Taller interactivo 2. Herramientas, recomendaciones y principales obstáculos para realizar trabajos periodísticos basados en conjuntos de datos.",
}
