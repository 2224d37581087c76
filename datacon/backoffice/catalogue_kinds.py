"""The kinds of platform-wide records organisers keep in the back office.

Each kind is one entry of configuration for the screens of
datacon/backoffice/views/catalogue.py (see datacon/backoffice/catalogue.py);
the menu shows them under their group's heading, in this order.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from datacon.backoffice import catalogue_forms as f
from datacon.backoffice.catalogue import CatalogueAction, CatalogueKind
from datacon.backoffice.catalogue_demand import DEMAND_KINDS
from datacon.backoffice.records import record_save_plain
from datacon.common.actor import Actor
from datacon.consultation.services import consultation_delete, consultation_save
from datacon.people.privacy_services import (
    privacy_notice_new_draft,
    privacy_notice_publish,
    privacy_notice_save,
)
from datacon.people.services import (
    organisation_delete,
    organisation_save,
    person_delete,
    person_save,
)
from datacon.policy import forms as policy_forms
from datacon.policy.services import policy_record_delete, policy_record_save
from datacon.sources.services import (
    source_delete,
    source_save,
    sourced_fact_delete,
    sourced_fact_save,
)

POLICY = _("Política nacional")
POLICY_VIEW = "policy.view"
POLICY_EDIT = "policy.edit_record"
POLICY_DELETE = "policy.delete_record"


def _policy_save(record: Model, actor: Actor) -> Model:
    return policy_record_save(record=record, actor=actor)


def _policy_delete(record: Any, actor: Actor) -> None:
    policy_record_delete(instance=record, actor=actor)


def _policy(
    slug: str,
    form: Any,
    plural: Any,
    new_title: Any,
    ordering: tuple[str, ...],
    related: tuple[str, ...],
    columns: tuple[str, ...],
    **extra: Any,
) -> CatalogueKind:
    """A record of the policy process: `policy.view` lists it, `policy.edit_record` and
    `policy.delete_record` (its model's add_/change_/delete_ permission) write it."""
    return CatalogueKind(
        slug=slug,
        form=form,
        plural=plural,
        new_title=new_title,
        group=POLICY,
        view_rule=POLICY_VIEW,
        edit_rule=POLICY_EDIT,
        delete_rule=POLICY_DELETE,
        saver=extra.pop("saver", _policy_save),
        deleter=_policy_delete,
        ordering=ordering,
        related=related,
        columns=columns,
        **extra,
    )


POLICY_KINDS: tuple[CatalogueKind, ...] = (
    _policy(
        "procesos",
        policy_forms.ProcessRecordForm,
        _("Procesos"),
        _("Nuevo proceso"),
        ("-created_at", "-id"),
        (),
        ("short_title", "title", "status"),
    ),
    _policy(
        "metas",
        f.GoalForm,
        _("Objetivos de los procesos"),
        _("Nuevo objetivo"),
        ("process", "number"),
        ("process",),
        ("text", "process", "number"),
    ),
    _policy(
        "etapas",
        f.StageForm,
        _("Etapas"),
        _("Nueva etapa"),
        ("process", "order"),
        ("process",),
        ("name", "process", "order", "starts_on", "ends_on"),
    ),
    _policy(
        "hitos",
        f.MilestoneForm,
        _("Hitos"),
        _("Nuevo hito"),
        ("-date", "-id"),
        ("process", "stage"),
        ("title", "process", "date", "stage"),
    ),
    _policy(
        "ediciones-vinculadas",
        f.ProcessEditionForm,
        _("Ediciones vinculadas a un proceso"),
        _("Vincular una edición"),
        ("process", "edition__year"),
        ("process", "edition"),
        ("edition", "process", "relation"),
    ),
    _policy(
        "reuniones",
        policy_forms.MeetingRecordForm,
        _("Reuniones"),
        _("Nueva reunión"),
        ("-starts_at", "-id"),
        ("process",),
        ("title", "process", "starts_at", "status"),
    ),
    _policy(
        "acuerdos",
        policy_forms.AgreementRecordForm,
        _("Acuerdos"),
        _("Nuevo acuerdo"),
        ("-meeting__starts_at", "number"),
        ("meeting",),
        ("text", "meeting", "number", "status", "due_on"),
    ),
    _policy(
        "gastos",
        policy_forms.ExpenseRecordForm,
        _("Gastos"),
        _("Nuevo gasto"),
        ("-spent_on", "-id"),
        ("process",),
        ("description", "process", "spent_on", "amount", "supplier"),
    ),
    _policy(
        "compromisos",
        policy_forms.CommitmentRecordForm,
        _("Compromisos"),
        _("Nuevo compromiso"),
        ("code", "id"),
        ("process",),
        ("code", "title", "process", "starts_year"),
    ),
    _policy(
        "avances",
        policy_forms.ProgressReportRecordForm,
        _("Avances de compromisos"),
        _("Nuevo avance"),
        ("-reported_on", "-id"),
        ("commitment",),
        ("commitment", "reported_on", "value"),
    ),
    _policy(
        "valoraciones",
        policy_forms.YearAssessmentRecordForm,
        _("Valoraciones anuales"),
        _("Nueva valoración anual"),
        ("-year", "-id"),
        ("process",),
        ("process", "year", "published"),
    ),
    _policy(
        "contactos",
        policy_forms.ContactRecordForm,
        _("Contactos responsables"),
        _("Nuevo contacto"),
        ("process", "order", "name"),
        ("process",),
        ("name", "process", "role", "order"),
    ),
    _policy(
        "grupos",
        policy_forms.GroupRecordForm,
        _("Grupos de trabajo"),
        _("Nuevo grupo"),
        ("process", "order", "name"),
        ("process",),
        ("name", "process", "kind", "order"),
    ),
    _policy(
        "integrantes",
        f.MembershipForm,
        _("Integrantes de los grupos"),
        _("Nuevo integrante"),
        ("group__process", "group__order", "group__name", "id"),
        ("group", "person", "organisation"),
        ("person", "organisation", "group", "role", "starts_on", "ends_on"),
        help_text=_(
            "Quién forma parte de cada grupo de trabajo, con su nombre público; los datos "
            "privados de las personas no se muestran aquí."
        ),
    ),
    _policy(
        "asistencias",
        f.AttendanceForm,
        _("Asistencia a las reuniones"),
        _("Registrar una asistencia"),
        ("-meeting__starts_at", "id"),
        ("meeting", "person", "organisation"),
        ("person", "organisation", "meeting", "status"),
    ),
    _policy(
        "anexos",
        f.AttachmentForm,
        _("Documentos adjuntos a las reuniones"),
        _("Adjuntar un documento"),
        ("-meeting__starts_at", "order", "id"),
        ("meeting",),
        ("title", "meeting", "order"),
    ),
    _policy(
        "documentos",
        policy_forms.DocumentRecordForm,
        _("Documentos"),
        _("Nuevo documento"),
        ("process", "order", "title"),
        ("process",),
        ("title", "process", "kind", "order"),
    ),
)

PEOPLE = _("Personas y organizaciones")
PLATFORM = _("Plataforma")
SOURCES = _("Fuentes del registro público")


def _organisation_save(record: Any, actor: Actor) -> Model:
    return organisation_save(organisation=record, actor=actor)


def _person_save(record: Any, actor: Actor) -> Model:
    return person_save(person=record, actor=actor)


def _organisation_delete(record: Any, actor: Actor) -> None:
    organisation_delete(organisation=record, actor=actor)


def _person_delete(record: Any, actor: Actor) -> None:
    person_delete(person=record, actor=actor)


def _notice_save(record: Any, actor: Actor) -> Model:
    return privacy_notice_save(notice=record, actor=actor)


def _notice_publish(record: Any, actor: Actor) -> Model:
    return privacy_notice_publish(notice=record, actor=actor)


def _notice_new_draft(record: Any, actor: Actor) -> Model:
    return privacy_notice_new_draft(source=record, actor=actor)


NOTICE_ACTIONS = (
    CatalogueAction(
        slug="publicar",
        label=_("Publicar este aviso (versión siguiente)"),
        run=_notice_publish,
        done=_("Aviso publicado: es el vigente desde ahora."),
        shown=lambda notice: not notice.is_published,
    ),
    CatalogueAction(
        slug="nueva-version",
        label=_("Crear una nueva versión (borrador copiado de este aviso)"),
        run=_notice_new_draft,
        done=_("Borrador creado: corríjalo y publíquelo."),
        shown=lambda notice: notice.is_published,
    ),
)


def _source_save(record: Any, actor: Actor) -> Model:
    return source_save(source=record, actor=actor)


def _source_delete(record: Any, actor: Actor) -> None:
    source_delete(source=record, actor=actor)


def _fact_save(record: Any, actor: Actor) -> Model:
    return sourced_fact_save(fact=record, actor=actor)


def _fact_delete(record: Any, actor: Actor) -> None:
    sourced_fact_delete(fact=record, actor=actor)


def _consultation_save(record: Any, actor: Actor) -> Model:
    return consultation_save(consultation=record, actor=actor)


def _consultation_delete(record: Any, actor: Actor) -> None:
    consultation_delete(consultation=record, actor=actor)


PLATFORM_KINDS: tuple[CatalogueKind, ...] = (
    CatalogueKind(
        slug="consultas",
        form=f.ConsultationForm,
        plural=_("Consultas públicas"),
        new_title=_("Nueva consulta"),
        group=_("Consultas públicas"),
        view_rule="consultation.view",
        edit_rule="consultation.edit_record",
        delete_rule="consultation.delete_record",
        saver=_consultation_save,
        deleter=_consultation_delete,
        ordering=("-opens_on", "-id"),
        related=("process",),
        columns=("title", "process", "status", "opens_on", "closes_on"),
        help_text=_(
            "La ficha de cada consulta; sus comentarios se moderan y responden en "
            "«Consultas». Una consulta con comentarios no se borra."
        ),
    ),
    # People and organisations are shared by every edition: any edition's organisers
    # edit them (`people.edit`) and delete one entered by mistake (`people.delete`); one
    # that sessions, memberships or registrations point at is kept, and the screen says so.
    CatalogueKind(
        slug="organizaciones",
        form=f.OrganisationForm,
        plural=_("Organizaciones"),
        new_title=_("Nueva organización"),
        group=PEOPLE,
        view_rule="people.edit",
        edit_rule="people.edit",
        saver=_organisation_save,
        delete_rule="people.delete",
        deleter=_organisation_delete,
        ordering=("name", "id"),
        columns=("name", "acronym", "kind", "website"),
    ),
    CatalogueKind(
        slug="personas",
        form=f.PersonForm,
        private_form=f.PersonPrivateForm,
        plural=_("Personas (perfiles públicos)"),
        new_title=_("Nueva persona"),
        group=PEOPLE,
        view_rule="people.edit",
        edit_rule="people.edit",
        saver=_person_save,
        delete_rule="people.delete",
        deleter=_person_delete,
        ordering=("public_name", "id"),
        related=("organisation",),
        columns=("public_name", "organisation", "position"),
        help_text=_(
            "El perfil público de quien participa en el programa. El correo y el género son "
            "privados: solo los ve y cambia quien tiene acceso a datos personales."
        ),
    ),
    CatalogueKind(
        slug="avisos-de-privacidad",
        form=f.PrivacyNoticeForm,
        plural=_("Avisos de privacidad"),
        new_title=_("Nuevo aviso (borrador)"),
        group=PLATFORM,
        view_rule="people.privacy_notices",
        edit_rule="people.privacy_notices",
        saver=_notice_save,
        ordering=("edition__year", "-version", "-id"),
        related=("edition",),
        columns=("responsible_body", "edition", "version", "published_at"),
        actions=NOTICE_ACTIONS,
        locked=lambda notice: (
            _(
                "Este aviso ya está publicado: las personas aceptaron este texto y no se cambia. "
                "Para cambiarlo, cree una nueva versión."
            )
            if notice.is_published
            else ""
        ),
        help_text=_(
            "Un aviso publicado no se modifica: las personas aceptaron ese texto. Sin edición, "
            "el aviso es el de la plataforma."
        ),
    ),
    CatalogueKind(
        slug="operador",
        form=f.PlatformOperatorForm,
        plural=_("Operador de la plataforma"),
        new_title=_("Registrar el operador"),
        group=PLATFORM,
        view_rule="opendata.view",
        edit_rule="opendata.edit_operator",
        saver=record_save_plain,
        single=True,
        columns=("name", "email", "website"),
        help_text=_(
            "Quien publica los datos de toda la plataforma y atiende el catálogo de datos "
            "abiertos. Mientras no se registre, se usa el de la configuración del servidor."
        ),
    ),
    CatalogueKind(
        slug="fuentes",
        form=f.SourceForm,
        plural=_("Fuentes"),
        new_title=_("Nueva fuente"),
        group=SOURCES,
        view_rule="sources.edit_record",
        edit_rule="sources.edit_record",
        delete_rule="sources.delete_record",
        saver=_source_save,
        deleter=_source_delete,
        ordering=("kind", "published", "title"),
        columns=("title", "kind", "publisher", "published"),
    ),
    CatalogueKind(
        slug="datos-con-fuente",
        form=f.SourcedFactForm,
        plural=_("Datos con fuente"),
        new_title=_("Nuevo dato con fuente"),
        group=SOURCES,
        view_rule="sources.edit_record",
        edit_rule="sources.edit_record",
        delete_rule="sources.delete_record",
        saver=_fact_save,
        deleter=_fact_delete,
        ordering=("edition__year", "process", "order", "id"),
        related=("edition", "process", "source"),
        columns=("text", "edition", "process", "category", "source"),
    ),
)

# The menu's order: the process and its plan, its groups and meetings, then accountability.
POLICY_ORDER = (
    "procesos", "metas", "etapas", "hitos", "ediciones-vinculadas", "contactos", "documentos",
    "grupos", "integrantes", "reuniones", "asistencias", "anexos", "acuerdos", "compromisos",
    "avances", "valoraciones", "gastos",
)  # fmt: skip
POLICY_KINDS = tuple(sorted(POLICY_KINDS, key=lambda kind: POLICY_ORDER.index(kind.slug)))
assert len(POLICY_ORDER) == len(POLICY_KINDS)

KINDS: dict[str, CatalogueKind] = {
    kind.slug: kind for kind in (*POLICY_KINDS, *PLATFORM_KINDS, *DEMAND_KINDS)
}
POLICY_SLUGS = frozenset(kind.slug for kind in POLICY_KINDS)
_BY_MODEL: dict[type[Model], CatalogueKind] = {kind.model: kind for kind in KINDS.values()}
assert len(_BY_MODEL) == len(KINDS), "one kind per model: the rules find the kind by its model"


def kind_of_record(record: Model | None) -> CatalogueKind | None:
    """The kind a record is kept as (None for a record of no kind)."""
    return _BY_MODEL.get(type(record)) if record is not None else None


def kind_groups(kinds: list[CatalogueKind]) -> list[tuple[str, list[CatalogueKind]]]:
    """The kinds under their menu headings, in the order of KINDS."""
    groups: dict[str, list[CatalogueKind]] = {}
    for kind in kinds:
        groups.setdefault(str(kind.group), []).append(kind)
    return list(groups.items())
