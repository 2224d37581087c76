"""Back-office roles of the demand capability (turned into groups after each migrate)."""

from datacon.common.roles import Role

ROLES = [
    Role(
        name="Mesa de datos por abrir",
        description=(
            "Grupos de trabajo que clasifican las necesidades de información, les asignan "
            "estándares y convierten candidatos del análisis de solicitudes en necesidades."
        ),
        permissions=(
            "demand.view_informationneed",
            "demand.change_informationneed",
            "demand.triage_informationneed",
            "demand.view_datastandard",
            "demand.add_datastandard",
            "demand.change_datastandard",
            "demand.view_institution",
            "demand.view_datasetcandidate",
            "demand.view_importrun",
            "demand.view_analysisrun",
            "demand.view_needmention",
            "demand.add_needmention",
            "demand.delete_needmention",
        ),
    ),
]
