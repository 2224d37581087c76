"""Words of the large data set: generic, clearly fictional, never a real person's name."""

from __future__ import annotations

from datacon.people.models import OrganisationKind
from datacon.program.models import ParticipationRole

# --- Vocabulary: generic, clearly fictional, never a real person's name ---------------------

TOPICS = [
    "datos abiertos", "contrataciones abiertas", "presupuesto público", "salud pública",
    "seguridad ciudadana", "movilidad urbana", "cambio climático", "educación básica",
    "agua y saneamiento", "igualdad de género", "infraestructura", "obra pública",
    "transparencia municipal", "padrones de beneficiarios", "datos geoespaciales",
    "inteligencia artificial", "protección de datos personales", "periodismo de datos",
    "archivos históricos", "participación ciudadana", "justicia abierta", "gasto en salud",
]  # fmt: skip
OPENERS = [
    "Datos abiertos para", "Lecciones aprendidas sobre", "Cómo abrir datos de",
    "Estándares y calidad en", "Retos de la publicación de", "Herramientas para analizar",
    "Reutilización de datos de", "Una agenda común sobre", "Visualizar",
    "Del dato a la decisión:", "Indicadores abiertos de", "Colaboración pública en",
]  # fmt: skip
CONTEXTS = [
    "en los gobiernos locales", "desde la sociedad civil", "en la academia",
    "para periodistas", "en el ámbito estatal", "con perspectiva de género",
    "en comunidades indígenas", "para la rendición de cuentas", "a escala nacional",
    "en la región sur-sureste", "en el norte del país", "con enfoque de derechos",
]  # fmt: skip
SENTENCES = [
    "La sesión revisa experiencias recientes y propone pasos concretos.",
    "Se comparten herramientas libres que cualquier institución puede adoptar.",
    "Participantes de distintos sectores discuten qué datos hacen falta y para qué.",
    "Se presentan casos de reutilización con resultados medibles.",
    "El objetivo es acordar prioridades de publicación para el próximo año.",
    "Se analizan los obstáculos técnicos, legales y de presupuesto.",
    "La conversación parte de solicitudes de acceso a la información reales.",
    "Se muestran **estándares abiertos** y formatos que facilitan la reutilización.",
    "Habrá tiempo para preguntas del público presente y en línea.",
    "Los materiales se publican con licencia CC BY 4.0 al terminar.",
]  # fmt: skip
POSITIONS = [
    "Coordinación de datos abiertos", "Dirección de transparencia", "Investigación",
    "Análisis de datos", "Periodismo", "Dirección de tecnologías de la información",
    "Coordinación de proyectos", "Docencia", "Consultoría independiente",
    "Desarrollo de software", "Dirección ejecutiva", "Estudiante de posgrado",
]  # fmt: skip
ORGANISATION_FORMS: dict[str, list[str]] = {
    OrganisationKind.PUBLIC_BODY: ["Instituto ficticio de", "Secretaría ficticia de"],
    OrganisationKind.CIVIL_SOCIETY: ["Colectivo ficticio por", "Observatorio ficticio de"],
    OrganisationKind.ACADEMIA: ["Centro ficticio de estudios sobre", "Laboratorio ficticio de"],
    OrganisationKind.PRIVATE_SECTOR: ["Consultora ficticia en", "Empresa ficticia de"],
    OrganisationKind.INTERNATIONAL: ["Red internacional ficticia de"],
    OrganisationKind.MEDIA: ["Medio ficticio de"],
}
STATES = [
    ("09", "Ciudad de México"), ("14", "Guadalajara"), ("19", "Monterrey"), ("21", "Puebla"),
    ("31", "Mérida"), ("20", "Oaxaca de Juárez"), ("02", "Tijuana"), ("11", "León"),
    ("22", "Querétaro"), ("30", "Xalapa"), ("08", "Chihuahua"), ("07", "Tuxtla Gutiérrez"),
]  # fmt: skip
SLOT_STARTS = [(9, 0), (10, 30), (12, 0), (13, 30), (16, 0), (17, 30), (19, 0), (8, 0), (20, 30)]
ROLE_PLANS: dict[str, list[tuple[str, int, int]]] = {
    # session type slug -> [(role, fewest, most)]
    "ceremonia": [(ParticipationRole.SPEAKER, 1, 3)],
    "conferencia": [(ParticipationRole.SPEAKER, 1, 1), (ParticipationRole.MODERATOR, 1, 1)],
    "conversatorio": [(ParticipationRole.PANELIST, 2, 3), (ParticipationRole.MODERATOR, 1, 1)],
    "presentacion": [(ParticipationRole.SPEAKER, 2, 3)],
    "taller": [(ParticipationRole.WORKSHOP_LEADER, 1, 3)],
    "panel": [(ParticipationRole.PANELIST, 3, 4), (ParticipationRole.MODERATOR, 1, 1)],
    "mesa-de-dialogo": [
        (ParticipationRole.PANELIST, 2, 4),
        (ParticipationRole.MODERATOR, 1, 1),
        (ParticipationRole.RAPPORTEUR, 0, 1),
    ],
}
TYPE_WEIGHTS = {
    "ceremonia": 1,
    "conferencia": 8,
    "conversatorio": 14,
    "presentacion": 30,
    "taller": 15,
    "panel": 20,
    "mesa-de-dialogo": 12,
}


MEMORIA_SECTIONS = {
    "background": "La edición sintética se generó para medir el rendimiento de la plataforma.",
    "development": (
        "Durante tres días ficticios, diez sedes y sesenta salas recibieron mil sesiones. "
        "Nada de esto ocurrió: son datos de prueba."
    ),
    "conclusions": "Las páginas públicas deben responder igual de rápido con datos de este tamaño.",
}
