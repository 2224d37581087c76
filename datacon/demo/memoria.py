"""Demo memorias: the figures the seed documents report, and the 2021 memoria's own text.

Sources: the DATACON 2021 memoria ("Memoria del evento"), the DATACON concept
note (its summary of the 2022 edition) and the edition facts in
datacon/demo/facts.py. The narrative is the 2021 memoria's text, verbatim;
the sessions-by-type table, the session list and every count are not copied:
the memoria page computes them from the loaded program.

Idempotent: the services write only what differs.
"""

from __future__ import annotations

from datacon.common.actor import Actor
from datacon.demo import facts
from datacon.editions.models import Edition
from datacon.memoria.models import FigureKey, FigureQualifier, Memoria, MemoriaStatus, SectionKind
from datacon.memoria.services import (
    memoria_ensure,
    memoria_save,
    memoria_section_save,
    reported_figure_save,
)

SOURCES: dict[int, tuple[str, str]] = {
    2021: ("Memoria del evento, DATACON 2021", "https://datacon.mx/edicion-2021-memoria/"),
    2022: (
        "Nota conceptual de la DATACON, apartado «Introducción» (resumen de la edición 2022)",
        "",
    ),
    # No seed document gives the 2023 figure; the press does (datacon/sources/data).
    2023: (
        "Acceso libre a datos abiertos, Reporte Índigo (octubre de 2023)",
        "https://reporteindigo.com/reporte/acceso-libre-a-datos-abiertos/amp",
    ),
}

# facts.EDITIONS[...]["reported"] key -> (figure key, qualifier)
REPORTED_KEYS: dict[str, tuple[str, str]] = {
    "co_conveners": (FigureKey.CO_CONVENERS, FigureQualifier.EXACT),
    "panelists": (FigureKey.PANELISTS, FigureQualifier.EXACT),
    "attendees_online_more_than": (FigureKey.ATTENDEES_ONLINE, FigureQualifier.MORE_THAN),
    "moderators": (FigureKey.MODERATORS, FigureQualifier.EXACT),
    "panels": (FigureKey.PANELS, FigureQualifier.EXACT),
    "workshops": (FigureKey.WORKSHOPS, FigureQualifier.EXACT),
    "conferences": (FigureKey.CONFERENCES, FigureQualifier.EXACT),
    "venues": (FigureKey.VENUES, FigureQualifier.EXACT),
}

# The DATACON 2021 memoria ("Memoria del evento"), verbatim, as Markdown.
SECTIONS_2021: dict[str, str] = {
    SectionKind.BACKGROUND: """\
En la última década, distintos sectores y actores han venido impulsando y posicionando gradualmente la agenda de los datos abiertos en México y el mundo. En el caso de nuestro país, se ha pugnado por una mayor apertura de datos del sector público así como una mejor explotación de estos, con la intención de fortalecer la participación ciudadana en la toma de decisiones públicas y la rendición de cuentas en temas de relevancia nacional, y para fomentar la innovación social y la resolución colectiva de problemas públicos.

Como parte de esta tendencia, desde una perspectiva internacional y regional se identifican diversos mecanismos que buscan contribuir a robustecer esta agenda mediante, entre otras cosas, la celebración de encuentros entre personas y organizaciones involucradas en el tema. Por ejemplo, la Conferencia Internacional de Datos Abiertos “IODC”, la Desconferencia “AbreLatam” o la Conferencia Regional de Datos Abiertos “ConDatos”.

No obstante, a nivel nacional aún no existía un foro que reuniera a la comunidad de datos en México para que, tanto generadores como publicadores y usuarios de estos, dialogaran sobre los principales retos que enfrentamos, y definieran conjuntamente el rumbo que esta agenda debería seguir. Lo anterior había implicado que, tanto los actores involucrados como los esfuerzos ya realizados se encontraran desconectados, y en consecuencia, que los resultados e impactos deseados hayan sido insuficientes.""",
    SectionKind.GOALS: """\
En este sentido, se propuso celebrar la Primera edición de la Conferencia Nacional de Datos Abiertos (DATA CON) con el propósito de establecer un espacio permanente para el diálogo y la colaboración entre personas e instituciones de distintos sectores, nacionales e internacionales interesadas en la generación, publicación, uso y aprovechamiento de datos abiertos.

Además, específicamente, este foro tendrá como objetivo disponer de una plataforma que permita (1) analizar y discutir el estado de la agenda de los datos abiertos en México, dónde estamos y hacia dónde vamos, (2) presentar, intercambiar y reconocer experiencias, mejores prácticas y necesidades no satisfechas, así como (3) definir una agenda anual orientada a sentar las bases para la construcción de una Política Nacional de Datos Abiertos.""",
    SectionKind.CRITERIA: """\
### De la periodicidad y duración

La DATA CON deberá llevarse a cabo de manera anual y preferentemente, durante el primer trimestre de cada ejercicio fiscal. Esto, con la intención de que las conclusiones, recomendaciones o acuerdos generados sirvan para posicionar y desarrollar una agenda de datos abiertos y, al final del ejercicio, se pueda hacer una valoración de los resultados alcanzados y efectos generados.

La duración de la conferencia deberá ser, idealmente, de al menos día y medio de actividades, lo que permitirá estructurar la dinámica y alcanzar sus objetivos. El primer día estará dirigido a la presentación de diagnósticos así como al intercambio de experiencias y mejores prácticas, mientras que el segundo día, a la definición de la agenda anual y los pasos a seguir.

### De la sede

Por su parte, de preferencia, se espera que cada edición de la conferencia se realice en una sede estatal distinta, lo que contribuirá a posicionar la agenda a nivel nacional y regional, y generar incentivos para la construcción de una cultura de los datos abiertos en México. En caso de que la conferencia se realice fuera de la Ciudad de México, la selección de la sede tendrá que estar fundamentada al menos, en los siguientes criterios:

1. Contar con buena disposición por parte del Organismo Garante Local (OGL) y el gobierno del estado para coadyuvar en su diseño y ejecución.
2. Elegir una entidad federativa que destaque por sus avances o porque dispone de experiencias y/o buenas prácticas en la generación, publicación, uso y/o aprovechamiento de datos abiertos.
3. De preferencia, se debe probar la existencia de una comunidad de usuarios de datos. En el mejor de los casos, un ecosistema de datos activo y funcional en el que interactúan diversos actores y sectores.

Es importante señalar que, de manera excepcional, para la organización de la primera edición de la conferencia en 2021, dado el contexto en que vivimos por motivo de la pandemia ocasionada por la COVID-19, se ponderó y privilegió su organización vía remota y a través de plataformas tecnológicas.

### De la organización

El INAI, como organismo garante cabeza del Sistema Nacional de Transparencia (SNT), deberá impulsar y coordinar la celebración de cada edición. Para ello, contará con un Comité Organizador encargado de diseñar y construir la propuesta de la conferencia, el cual estará integrado por el INAI, el OGL, el gobierno del estado sede y organizaciones de la sociedad civil (OSC).

Comité Organizador:

- INAI
- Codeando México, A.C.
- Gobierno del Estado (sede)
- OGL aplicable
- OSC Local (si aplica)

Adicionalmente, el Comité Organizador invitará a un conjunto de instituciones nacionales e internacionales de los sectores público, privado, académico y de la sociedad civil para participar como organizaciones co-convocantes, con independencia de que también participen de manera directa durante las actividades programadas.

### De las y los participantes, y la audiencia

Las personas ponentes serán elegidas de acuerdo con criterios meritocráticos, así como en términos de la innovación e impulso de la agenda de datos abiertos para su generación, publicación, uso y/o aprovechamiento. Además, si fuera el caso, por corresponder al ámbito de sus atribuciones en función del marco legal aplicable a la agenda de datos abiertos. Se deberá privilegiar la participación paritaria entre mujeres y hombres.

La audiencia principal de la conferencia son gobiernos e instituciones públicas generadoras y publicadoras de datos, así como sociedad civil, periodistas, académicos y población en general que potencialmente usen los datos abiertos para generar productos o proveer servicios.

Como parte de la audiencia, también se considera a grupos poblacionales que potencialmente puedan ser beneficiarios (aprovechen) de los datos abiertos y de los desarrollos generados, y cuando este aprovechamiento se traduzca en el acceso y garantía de sus derechos fundamentales.""",
    SectionKind.DEVELOPMENT: """\
Dado el contexto y la propuesta anteriores, la Primera edición de la DATA CON se celebró los días martes 11 y miércoles 12 de mayo de 2021 de forma virtual. Esto, como se previó, producto de la emergencia sanitaria ocasionada por la COVID-19. Durante estos dos días de actividades, se llevaron a cabo 17 sesiones en los distintos formatos que se detallan a continuación:""",
    SectionKind.CONCLUSIONS: """\
Se trató de un foro que permitió, con éxito, analizar y discutir el estado de la agenda de los datos abiertos en México; presentar, intercambiar y reconocer experiencias y mejores prácticas; así como discutir las bases para la construcción de una Política Nacional de Datos Abiertos.

En términos generales, el primer día de actividades concluyó como un diagnóstico que permitió dilucidar un abandono de la agenda de datos abiertos por parte del Estado mexicano, y destacar la necesidad de contar con una política pública de carácter nacional que otorgue certeza sobre la ruta de acción en la materia, de manera coordinada entre los tres poderes y órdenes de gobierno, y donde los diversos sectores sepan cómo pueden involucrarse para abonar a la solución de los más importantes problemas públicos.

Como parte de esta jornada, también se presentaron proyectos y buenas prácticas en materia de datos abiertos. Desde el INAI y en colaboración con sus aliados estratégicos, se expusieron las iniciativas de Contrataciones Abiertas, Infraestructura Abierta y Publicidad Abierta. Estas iniciativas buscan transparentar y publicar en datos abiertos información completa, oportuna y accesible sobre estas temáticas de alto interés público.

Durante el segundo día de actividades, las sesiones se enfocaron en generar conocimientos y capacidades entre los asistentes para la identificación, publicación y uso de datos públicos relevantes, así como en dialogar sobre posibles recomendaciones que, en distintos sectores, pueden contribuir al fortalecimiento de la agenda de datos en México.

En particular, se presentó el documento denominado “Hacia una política de datos abiertos en México”, en cual se realiza un diagnóstico del estado actual de la implementación de esta agenda en nuestro país, detalla la importancia y casos de uso prácticos de los datos abiertos para la resolución de problemas públicos y para la garantía de derechos, y establece recomendaciones específicas para la construcción de una Política Nacional de Datos Abiertos.

Por otra parte, se determinaron necesidades de información estratégicas que pueden ser utilizadas para contribuir a la investigación y seguimiento de agendas de derechos humanos encabezadas por OSC, y se determinaron los actores clave que generan o resguardan dicha información con el objetivo de generar acercamientos y eventualmente, buscar su apertura gradual.""",
    SectionKind.AGREEMENTS: """\
Finalmente, el INAI -en calidad de organizador- se comprometió a impulsar acciones tendientes a la integración de un grupo de trabajo multiactor, con el objetivo de dar paso a la construcción de una política pública de alcance nacional en materia de datos abiertos que se desarrolle en el marco del SNT.""",
    SectionKind.ACKNOWLEDGEMENTS: """\
De esta forma, concluyó de manera satisfactoria la Primera edición de la DATA CON en 2021, para la cual, Codeando México, A.C. y el INAI agradecen profundamente el interés y el entusiasmo mostrado por parte de las 70 personas panelista participantes, así como de las 30 organizaciones que fungieron como co-convocantes y por supuesto, a las más de 2 mil 500 personas asistentes que dieron seguimiento puntual a este encuentro.

A todas y a todos, ¡muchas gracias! ¡Nos vemos en 2022!""",
}

SUBTITLES = {2021: "Memoria del evento"}


def demo_load() -> dict[str, int]:
    created = {"memoria": 0, "memoriasection": 0, "reportedfigure": 0}
    for data in facts.EDITIONS:
        reported = data.get("reported") or {}
        sections = SECTIONS_2021 if data["year"] == 2021 else {}
        if not reported and not sections:
            continue
        edition = Edition.objects.filter(year=data["year"]).first()
        if edition is None:
            continue
        existed = Memoria.objects.filter(edition=edition).exists()
        memoria = memoria_ensure(edition=edition, actor=Actor.system("demo"))
        created["memoria"] += 0 if existed else 1
        source, source_url = SOURCES.get(data["year"], ("", ""))
        for fact_key, value in reported.items():
            key, qualifier = REPORTED_KEYS[fact_key]
            before = memoria.figures.filter(key=key).exists()
            reported_figure_save(
                memoria=memoria,
                key=key,
                value=value,
                qualifier=qualifier,
                source=source,
                source_url=source_url,
                actor=Actor.system("demo"),
            )
            created["reportedfigure"] += 0 if before else 1
        for kind, body in sections.items():
            before = memoria.sections.filter(kind=kind).exists()
            memoria_section_save(memoria=memoria, kind=kind, body=body, actor=Actor.system("demo"))
            created["memoriasection"] += 0 if before else 1
        subtitle = SUBTITLES.get(data["year"], "")
        if memoria.status != MemoriaStatus.PUBLISHED or memoria.subtitle != subtitle:
            # Published as the organisers did; the real publication date is not in the
            # sources, so it stays empty rather than invented.
            memoria.status = MemoriaStatus.PUBLISHED
            memoria.subtitle = subtitle
            memoria_save(memoria=memoria, actor=Actor.system("demo"))
    return created
