"""Every route of the project declares who may reach it (datacon.common.access).

Our views declare it with `public_route`, `signed_in_route`, `link_route` or
`rule_route(...)`; DRF view sets on their class; other projects' apps in
`datacon.urls.THIRD_PARTY_ACCESS`. The route × role matrix
(tests/common/test_route_matrix.py) then checks each declaration by HTTP for
every role. A route added later without a declaration fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from datacon.common.access import Access, access_of
from datacon.urls import THIRD_PARTY_ACCESS


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str  # "namespace:name"
    callback: Any

    @property
    def access(self) -> Access | None:
        declared = access_of(self.callback)
        if declared is not None:
            return declared
        if self.name in THIRD_PARTY_ACCESS:
            return THIRD_PARTY_ACCESS[self.name]
        namespace = self.name.split(":", 1)[0] + ":*" if ":" in self.name else ""
        return THIRD_PARTY_ACCESS.get(namespace)


def project_routes() -> Iterator[Route]:
    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
                yield Route(prefix + str(entry.pattern), name, entry.callback)

    seen: set[tuple[str, str]] = set()
    for route in walk(get_resolver().url_patterns, "", ""):
        # i18n_patterns list each route once per language prefix resolver; one suffices.
        key = (route.pattern.removeprefix("en/"), route.name)
        if key not in seen:
            seen.add(key)
            yield route


# Routes that had no declaration when the guard came; this list only shrinks.
LEGACY_UNDECLARED: set[str] = {
    "api:consultation-comment-detail",
    "api:consultation-comment-list",
    "api:consultation-detail",
    "api:consultation-list",
    "api:consultation-moderation-detail",
    "api:consultation-moderation-list",
    "api:demand-candidate-detail",
    "api:demand-candidate-list",
    "api:demand-institution-detail",
    "api:demand-institution-list",
    "api:demand-monthly-detail",
    "api:demand-monthly-list",
    "api:demand-need-detail",
    "api:demand-need-list",
    "api:demand-project-detail",
    "api:demand-project-list",
    "api:demand-repeated-detail",
    "api:demand-repeated-list",
    "api:demand-request-detail",
    "api:demand-request-list",
    "api:demand-standard-detail",
    "api:demand-standard-list",
    "api:demand-topic-detail",
    "api:demand-topic-list",
    "api:policy-agreement-detail",
    "api:policy-agreement-list",
    "api:policy-commitment-detail",
    "api:policy-commitment-list",
    "api:policy-contact-detail",
    "api:policy-contact-list",
    "api:policy-expense-detail",
    "api:policy-expense-list",
    "api:policy-group-detail",
    "api:policy-group-list",
    "api:policy-meeting-detail",
    "api:policy-meeting-list",
    "api:policy-milestone-detail",
    "api:policy-milestone-list",
    "api:policy-paragraph-detail",
    "api:policy-paragraph-list",
    "api:policy-process-detail",
    "api:policy-process-list",
    "api:policy-progress-detail",
    "api:policy-progress-list",
    "api:policy-stage-detail",
    "api:policy-stage-list",
    "api:policy-version-detail",
    "api:policy-version-list",
    "api:registration_figures",
    "api:registration_figures_edition",
    "api:root",
    "backoffice:consultation_answer",
    "backoffice:consultation_answers",
    "backoffice:consultation_home",
    "backoffice:consultation_moderate",
    "backoffice:consultation_moderation",
    "backoffice:consultation_moderation_log",
    "backoffice:demand_analyse",
    "backoffice:demand_candidate_promote",
    "backoffice:demand_candidates",
    "backoffice:demand_import",
    "backoffice:demand_import_upload",
    "backoffice:demand_imports",
    "backoffice:demand_institution_merge",
    "backoffice:demand_institutions",
    "backoffice:demand_need",
    "backoffice:demand_need_edit",
    "backoffice:demand_need_holders",
    "backoffice:demand_need_mention_add",
    "backoffice:demand_need_mention_remove",
    "backoffice:demand_need_moderate",
    "backoffice:demand_need_standard",
    "backoffice:demand_need_status",
    "backoffice:demand_standard_edit",
    "backoffice:demand_standard_new",
    "backoffice:demand_standards",
    "backoffice:demand_triage",
    "backoffice:memoria_edit",
    "backoffice:memoria_list",
    "backoffice:memoria_preview",
    "backoffice:memoria_publication",
    "backoffice:opendata_archive",
    "backoffice:opendata_panel",
    "backoffice:policy_home",
    "backoffice:policy_version_new",
    "backoffice:proposals_outbox",
    "backoffice:proposals_outbox_email",
    "backoffice:registration_attendee_cancel",
    "backoffice:registration_attendees",
    "backoffice:registration_attendees_export",
    "backoffice:registration_checkin_home",
    "backoffice:registration_checkin_session",
    "backoffice:registration_checkin_venue",
    "backoffice:registration_dashboard",
    "backoffice:registration_export_log",
    "backoffice:registration_figures",
    "backoffice:registration_live_counts",
    "backoffice:registration_overview",
    "backoffice:registration_streaming_send",
    "backoffice:registration_waitlists_promote",
    "public:consultation_comment",
    "public:consultation_detail",
    "public:consultation_flag",
    "public:consultation_join",
    "public:consultation_list",
    "public:consultation_my_activity",
    "public:consultation_paragraph",
    "public:consultation_report",
    "public:consultation_report_csv",
    "public:consultation_support",
    "public:demand_candidates",
    "public:demand_data",
    "public:demand_dataset_csv",
    "public:demand_home",
    "public:demand_institution",
    "public:demand_institutions",
    "public:demand_method",
    "public:demand_need",
    "public:demand_need_propose",
    "public:demand_need_support",
    "public:demand_needs",
    "public:demand_project",
    "public:demand_projects",
    "public:demand_repeated",
    "public:demand_requests",
    "public:demand_standard",
    "public:demand_standards",
    "public:demand_topic",
    "public:demand_topics",
    "public:memoria",
    "public:memoria_compare",
    "public:memoria_pdf",
    "public:opendata_catalog",
    "public:opendata_catalog_file",
    "public:opendata_datapackage",
    "public:opendata_dataset",
    "public:opendata_download",
    "public:opendata_edition",
    "public:opendata_edition_datapackage",
    "public:opendata_edition_download",
    "public:opendata_edition_ics",
    "public:opendata_edition_zip",
    "public:opendata_home",
    "public:opendata_schedule_json",
    "public:opendata_schedule_xml",
    "public:opendata_selection",
    "public:opendata_selection_ics",
    "public:opendata_session_ics",
    "public:opendata_zip",
    "public:policy_agreements",
    "public:policy_all_meetings_ics",
    "public:policy_assessment",
    "public:policy_commitment",
    "public:policy_commitments",
    "public:policy_document",
    "public:policy_document_diff",
    "public:policy_document_version",
    "public:policy_documents",
    "public:policy_expenses_csv",
    "public:policy_group",
    "public:policy_groups",
    "public:policy_meeting",
    "public:policy_meetings",
    "public:policy_meetings_ics",
    "public:policy_process",
    "public:policy_process_list",
    "public:policy_transparency",
    "public:registration_attendees",
    "public:registration_cancel",
    "public:registration_cancel_mine",
    "public:registration_figures",
    "public:registration_mine",
    "public:registration_session_action",
    "public:registration_sessions",
    "public:registration_start",
    "public:registration_stream",
    "public:registration_ticket",
}


def test_every_route_declares_who_may_reach_it():
    undeclared = sorted(
        f"{route.name or '?'} ({route.pattern})"
        for route in project_routes()
        if route.access is None and route.name not in LEGACY_UNDECLARED
    )
    assert undeclared == [], (
        "Rutas sin declaración de acceso: use public_route, signed_in_route, link_route "
        "o rule_route(...) (datacon.common.access)."
    )


def test_legacy_list_only_shrinks():
    names = {route.name for route in project_routes() if route.access is None}
    assert LEGACY_UNDECLARED - names == set(), "Quite de LEGACY_UNDECLARED las rutas ya declaradas."
