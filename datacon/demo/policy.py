"""Demo data: the real "Abramos México" process, plus clearly labelled fictional records.

Facts (seed 004, the "Abramos México" presentation; seed 003, the DATACON 2021
memoria; seed 002, the DATACON 2024 concept note; seed 001, the concept note):
the title, context, two objectives, the three groups and their mandates as
written, the three stages with their months and a "second stage" without
dates, the transparency commitment, the immediate actions (the agenda of the
first Grupo Técnico meeting), the institutional contact, the announcement at
DATACON 2021, the approval of ConDATOS on 9 October 2023 and its publication
in the DOF on 10 November 2023.

Approximations (said on the pages): the seed gives months without years; the
stages are placed after the first DATACON (May 2021): preparation Nov 2021 –
Mar 2022, development Mar – Dec 2022, closing Dec 2022 – Jan 2023, and the
"Etapa 2" from Feb 2023 to the DOF publication. The first Grupo Técnico
meeting's date is not in the seed either.

Fictional, labelled "(ficticio)" or "de demostración" in their titles: the
draft policy and its versions, the members with names, a past and a future
meeting with agreements, the expenses, and the implementation commitments of
2025-2026. The seeds contain none of these; nothing fictional names a real
person.

Idempotent: every record is found by its natural key and written (through the
services) only when missing or different.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import models

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.demo.records import records_read
from datacon.editions.models import Edition
from datacon.people.models import Organisation, Person
from datacon.people.services import person_save
from datacon.policy import services
from datacon.policy.models import (
    Agreement,
    Attendance,
    Commitment,
    Contact,
    Document,
    Expense,
    Goal,
    Group,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    Process,
    ProcessEdition,
    ProgressReport,
    Stage,
    YearAssessment,
)

MX = zoneinfo.ZoneInfo("America/Mexico_City")
PROCESS_SLUG = "abramos-mexico"
DRAFT_SLUG = "borrador-de-demostracion"
DEMO_ORG_SLUG = "comite-de-demostracion"


def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    date = dt.date.fromisoformat(day)
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=MX)


class _Counter:
    def __init__(self) -> None:
        self.created: dict[str, int] = {}

    def add(self, label: str) -> None:
        self.created[label] = self.created.get(label, 0) + 1


def _ensure(
    counter: _Counter,
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    save: Any,
) -> Any:
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        save(instance)
        counter.add(model._meta.model_name or "record")
        return instance
    if all(getattr(instance, key) == value for key, value in values.items()):
        return instance
    for key, value in values.items():
        setattr(instance, key, value)
    save(instance)
    return instance


def demo_data() -> dict[str, Any]:
    """The process's facts and fictional records, from data/policy.yaml (a fresh copy)."""
    return records_read("policy")


def _draft_v2(v1_markdown_with_anchors: str, data: dict[str, Any]) -> str:
    text = v1_markdown_with_anchors
    for edit in data["draft_v2_edits"]:
        text = text.replace(edit["old"], edit["new"])
    lines = text.split("\n")
    # The edited "Transparencia" paragraph loses its marker, as text pasted from a word
    # processor would: it is matched to its earlier self by similarity.
    lines = [
        line.split(" {#")[0] if line.startswith("**Transparencia.**") else line for line in lines
    ]
    text = "\n".join(lines)
    marker = "Sistema Nacional de Transparencia."
    position = text.index(marker)
    end_of_paragraph = text.index("\n", position)
    new_paragraph = str(data["draft_v2_new_paragraph"])
    return text[:end_of_paragraph] + "\n\n" + new_paragraph + text[end_of_paragraph:]


def demo_load() -> dict[str, int]:
    counter = _Counter()
    with unit_of_work(Actor.system("demo")):
        _load(counter)
    return counter.created


def _load(counter: _Counter) -> None:
    data = demo_data()

    def plain(save_service: Any, name: str) -> Any:
        return lambda obj: save_service(**{name: obj, "actor": Actor.system("demo")})

    process = _ensure(
        counter,
        Process,
        {"slug": PROCESS_SLUG},
        data["process"],
        plain(services.process_save, "process"),
    )
    for goal in data["goals"]:
        _ensure(
            counter,
            Goal,
            {"process": process, "number": goal["number"]},
            {"text": goal["text"]},
            plain(services.goal_save, "goal"),
        )
    stages: dict[int, Stage] = {}
    for stage in data["stages"]:
        values = {k: v for k, v in stage.items() if k != "order"}
        stages[stage["order"]] = _ensure(
            counter,
            Stage,
            {"process": process, "order": stage["order"]},
            values,
            plain(services.stage_save, "stage"),
        )
    for milestone in data["milestones"]:
        _ensure(
            counter,
            Milestone,
            {"process": process, "date": milestone["date"], "title": milestone["title"]},
            {"description": milestone["description"], "source": milestone["source"]},
            plain(services.milestone_save, "milestone"),
        )
    for link in data["edition_links"]:
        edition = Edition.objects.filter(year=link["year"]).first()
        if edition is None:
            continue
        _ensure(
            counter,
            ProcessEdition,
            {"process": process, "edition": edition},
            {"relation": link["relation"], "description": link["description"]},
            plain(services.process_edition_save, "link"),
        )
    groups: dict[str, Group] = {}
    for group in data["groups"]:
        values = {k: v for k, v in group.items() if k != "slug"}
        groups[group["slug"]] = _ensure(
            counter,
            Group,
            {"process": process, "slug": group["slug"]},
            values,
            plain(services.group_save, "group"),
        )
    inai = Organisation.objects.filter(slug="inai").first()
    _ensure(
        counter,
        Contact,
        {"process": process, "name": "Estrategia Abramos México (buzón institucional)"},
        {
            "role": "Contacto de la estrategia indicado en su presentación",
            "organisation": inai,
            "email": "abramosmexico@inai.org.mx",
            "description": "Dirección publicada en la presentación «Abramos México», que firmó el comisionado del INAI que la presentó.",
            "order": 1,
        },
        plain(services.contact_save, "contact"),
    )
    technical = groups["grupo-tecnico"]
    _ensure(
        counter,
        Meeting,
        {"process": process, "title": "Primera reunión del Grupo Técnico"},
        {
            "group": technical,
            "kind": "meeting",
            "starts_at": _at("2021-12-01", 10),
            "ends_at": _at("2021-12-01", 12),
            "date_is_approximate": True,
            "status": "held",
            "agenda": data["first_meeting_agenda"],
        },
        plain(services.meeting_save, "meeting"),
    )
    _documents(counter, process, data)
    _fictional_records(counter, process, groups, data)
    _commitments(counter, process, inai, data)


def _documents(counter: _Counter, process: Process, data: dict[str, Any]) -> None:
    strategy = _ensure(
        counter,
        Document,
        {"process": process, "slug": "estrategia-abramos-mexico"},
        {
            "title": "Estrategia Abramos México",
            "kind": "strategy",
            "order": 1,
            "description": "Transcripción de la presentación de la estrategia (objetivos, grupos, etapas, transparencia y acciones inmediatas).",
        },
        lambda obj: services.document_save(document=obj, actor=Actor.system("demo")),
    )
    if not strategy.versions.exists():
        services.document_version_publish(
            document=strategy,
            body=data["strategy_text"],
            change_summary="Transcripción de la presentación. Fecha de publicación aproximada.",
            published_at=_at("2021-05-12", 14),
            actor=Actor.system("demo"),
        )
        counter.add("documentversion")
    draft = _ensure(
        counter,
        Document,
        {"process": process, "slug": DRAFT_SLUG},
        {
            "title": "Borrador de demostración de la Política Nacional de Datos Abiertos (ficticio)",
            "kind": "draft",
            "order": 2,
            "description": (
                "**Documento ficticio de demostración**, construido con los objetivos y "
                "principios de la estrategia. Los documentos fuente no contienen el texto del "
                "borrador real, cuya consulta pública se hizo en otra plataforma."
            ),
        },
        lambda obj: services.document_save(document=obj, actor=Actor.system("demo")),
    )
    if not draft.versions.exists():
        services.document_version_publish(
            document=draft,
            body=data["draft_v1"],
            change_summary="Primera versión, para consulta pública.",
            published_at=_at("2022-05-30", 10),
            actor=Actor.system("demo"),
        )
        counter.add("documentversion")
    if draft.versions.count() == 1:
        v1 = draft.versions.get()
        services.document_version_publish(
            document=draft,
            body=_draft_v2(services.document_version_markdown(version=v1), data),
            change_summary=(
                "Atiende los comentarios de la primera ronda de consulta: prioridad a los datos de "
                "alto valor, documentación de los datos, indicadores y metas en la agenda anual, y "
                "acompañamiento de los organismos garantes locales."
            ),
            published_at=_at("2022-09-15", 10),
            actor=Actor.system("demo"),
        )
        counter.add("documentversion")


def _fictional_records(
    counter: _Counter, process: Process, groups: dict[str, Group], data: dict[str, Any]
) -> None:
    demo_org = Organisation.objects.filter(slug=DEMO_ORG_SLUG).first()
    people = {}
    for person in data["demo_people"]:
        people[person["slug"]] = _ensure(
            counter,
            Person,
            {"slug": person["slug"]},
            {
                "public_name": person["public_name"],
                "organisation": demo_org,
                "position": "Ficticia, de demostración",
            },
            lambda obj: person_save(person=obj, actor=Actor.system("demo")),
        )
    technical = groups["grupo-tecnico"]
    for slug, role, starts, ends in [
        ("coordinacion-tecnica-demo", "coordinator", dt.date(2021, 11, 15), None),
        ("enlace-tecnico-a-demo", "technical_liaison", dt.date(2021, 11, 15), None),
        (
            "enlace-tecnico-b-demo",
            "technical_liaison",
            dt.date(2021, 11, 15),
            dt.date(2022, 12, 15),
        ),
    ]:
        _ensure(
            counter,
            Membership,
            {"group": technical, "person": people[slug], "role": role},
            {"organisation": demo_org, "starts_on": starts, "ends_on": ends},
            lambda obj: services.membership_save(membership=obj, actor=Actor.system("demo")),
        )
    if demo_org is not None:
        _ensure(
            counter,
            Membership,
            {"group": groups["grupo-especializado"], "organisation": demo_org, "person": None},
            {
                "role": "member",
                "starts_on": dt.date(2022, 3, 16),
                "note": "Organización ficticia, de demostración",
            },
            lambda obj: services.membership_save(membership=obj, actor=Actor.system("demo")),
        )
    past = _ensure(
        counter,
        Meeting,
        {"process": process, "title": "Sesión de demostración del Grupo Técnico (ficticia)"},
        {
            "group": technical,
            "kind": "session",
            "starts_at": _at("2022-05-20", 10),
            "ends_at": _at("2022-05-20", 12, 30),
            "status": "held",
            "location": "Sede de demostración (ficticia)",
            "agenda": "1. Presentación del borrador de demostración\n2. Calendario de la consulta pública\n3. Asuntos generales",
            "minutes": (
                "*Minuta ficticia de demostración.* Se presentó el borrador y se acordó abrir la "
                "consulta pública del 1 de junio al 31 de julio de 2022."
            ),
            "other_attendees": 12,
        },
        lambda obj: services.meeting_save(meeting=obj, actor=Actor.system("demo")),
    )
    for slug, status in [
        ("coordinacion-tecnica-demo", "present"),
        ("enlace-tecnico-a-demo", "present"),
        ("enlace-tecnico-b-demo", "excused"),
    ]:
        _ensure(
            counter,
            Attendance,
            {"meeting": past, "person": people[slug]},
            {"organisation": demo_org, "status": status},
            lambda obj: services.attendance_save(attendance=obj, actor=Actor.system("demo")),
        )
    for number, text, due, status, completed in [
        (
            1,
            "Abrir la consulta pública del borrador de demostración del 1 de junio al 31 de julio de 2022.",
            dt.date(2022, 6, 1),
            "done",
            dt.date(2022, 6, 1),
        ),
        (
            2,
            "Responder cada comentario de la consulta y publicar una versión nueva del borrador.",
            dt.date(2022, 9, 30),
            "done",
            dt.date(2022, 9, 15),
        ),
        (
            3,
            "Publicar el informe de gastos de la etapa de desarrollo.",
            dt.date(2023, 1, 31),
            "pending",
            None,
        ),
    ]:
        _ensure(
            counter,
            Agreement,
            {"meeting": past, "number": number},
            {
                "text": text,
                "owner_group": technical,
                "owner_person": people["coordinacion-tecnica-demo"] if number == 3 else None,
                "due_on": due,
                "status": status,
                "completed_on": completed,
            },
            lambda obj: services.agreement_save(agreement=obj, actor=Actor.system("demo")),
        )
    draft = Document.objects.filter(process=process, slug=DRAFT_SLUG).first()
    if draft is not None:
        _ensure(
            counter,
            MeetingAttachment,
            {"meeting": past, "title": "Borrador de demostración (versión 1)"},
            {"document": draft},
            lambda obj: services.attachment_save(attachment=obj, actor=Actor.system("demo")),
        )
    _ensure(
        counter,
        Meeting,
        {"process": process, "title": "Reunión de seguimiento de demostración (ficticia)"},
        {
            "group": technical,
            "kind": "meeting",
            "starts_at": _at("2027-03-10", 10),
            "ends_at": _at("2027-03-10", 12),
            "status": "scheduled",
            "location": "Sede de demostración (ficticia)",
            "online_url": "",
            "agenda": "1. Avance de los compromisos de demostración 2026\n2. Agenda anual 2027\n3. Asuntos generales",
        },
        lambda obj: services.meeting_save(meeting=obj, actor=Actor.system("demo")),
    )
    for index, item in enumerate(data["expenses"], start=1):
        expense = _ensure(
            counter,
            Expense,
            {"process": process, "reference": item["reference"]},
            {
                "concept": item["concept"],
                "description": item["description"],
                "amount": Decimal(item["amount"]),
                "spent_on": item["spent_on"],
                "supplier": f"Proveedor de demostración {chr(64 + index)} (ficticio)",
            },
            lambda obj: services.expense_save(expense=obj, actor=Actor.system("demo")),
        )
        if index == 2 and not expense.supporting_document:
            expense.supporting_document.save(
                "comprobante-demostracion.txt",
                ContentFile(
                    "Comprobante ficticio de demostración. No corresponde a ningún gasto real.\n".encode()
                ),
                save=False,
            )
            services.expense_save(expense=expense, actor=Actor.system("demo"))


def _commitments(
    counter: _Counter, process: Process, inai: Organisation | None, data: dict[str, Any]
) -> None:
    editions = {e.year: e for e in Edition.objects.filter(year__in=(2021, 2022, 2023, 2024))}
    organisations = {"inai": inai}
    for raw in data["commitments"]:
        item = dict(raw)
        reports = item.pop("reports")
        code = item.pop("code")
        year = item.pop("edition_year")
        item["edition"] = editions.get(year) if year else None
        slug = item.pop("owner_organisation_slug")
        item["owner_organisation"] = organisations[slug] if slug else None
        for name in ("baseline", "target"):
            item[name] = Decimal(item[name])
        commitment = _ensure(
            counter,
            Commitment,
            {"process": process, "code": code},
            item,
            lambda obj: services.commitment_save(commitment=obj, actor=Actor.system("demo")),
        )
        for report in reports:
            _ensure(
                counter,
                ProgressReport,
                {"commitment": commitment, "reported_on": report["reported_on"]},
                {"value": Decimal(report["value"]), "evidence": report["evidence"]},
                lambda obj: services.progress_report_save(report=obj, actor=Actor.system("demo")),
            )
    _ensure(
        counter,
        YearAssessment,
        {"process": process, "year": 2023},
        {
            "published": True,
            "summary": (
                "La Política Nacional de Datos Abiertos, ConDATOS, fue aprobada por el Consejo "
                "Nacional del SNT el 9 de octubre de 2023 y publicada en el Diario Oficial de la "
                "Federación el 10 de noviembre de 2023, con lo que se cumplió el compromiso "
                "asumido al cierre de la DATACON 2021. La DATACON mantuvo su celebración anual."
            ),
        },
        lambda obj: services.year_assessment_save(assessment=obj, actor=Actor.system("demo")),
    )
    _ensure(
        counter,
        YearAssessment,
        {"process": process, "year": 2025},
        {
            "published": True,
            "summary": (
                "*Valoración ficticia de demostración.* La capacitación quedó en 70 % de su meta "
                "al cierre del año y la publicación de datos de alto valor avanzó al 45 %."
            ),
        },
        lambda obj: services.year_assessment_save(assessment=obj, actor=Actor.system("demo")),
    )
