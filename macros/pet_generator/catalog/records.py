"""The catalog's records as typed shapes, generated from catalog/schema/*.schema.json.

Do not edit: run scripts/gen-types after changing a schema (the tests check this file).
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class CareerLadderEntry(TypedDict):
    id: str
    name: str
    level: str
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class SourceRef(TypedDict):
    source: str
    locator: NotRequired[str]


class Competency(TypedDict):
    id: str
    framework: str
    number: NotRequired[int]
    name: str
    phase: NotRequired[str]
    summary: NotRequired[str]
    source_note: NotRequired[str]
    highlights: NotRequired[list[str | ListItemGroup]]
    overview: NotRequired[str]
    why_it_matters: NotRequired[str]
    facts: NotRequired[list[str]]
    questions: NotRequired[list[AssessmentEntry]]
    handouts: NotRequired[list[str]]
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class ListItemGroup(TypedDict):
    text: str
    items: list[str]


class AssessmentEntry(TypedDict):
    heading: NotRequired[str]
    items: NotRequired[list[AssessmentItem]]
    text: NotRequired[str]
    kind: NotRequired[str]
    our_question: NotRequired[str]


class AssessmentItem(TypedDict):
    text: str
    kind: str
    our_question: NotRequired[str]


class Edition(TypedDict):
    year: int
    title: str
    subtitle: NotRequired[str]
    publisher: str
    partners: NotRequired[list[str]]
    funding: NotRequired[str]
    attribution: str
    contact_email: str
    contact: NotRequired[EditionContact]
    repository: NotRequired[str | None]
    site_url: NotRequired[str | None]
    web_search: NotRequired[EditionWebSearch | None]
    review_cycle: str
    license: str
    released: NotRequired[str | None]
    previous_year: NotRequired[int | None]
    review_intervals: NotRequired[EditionReviewIntervals]
    overdue_reason: NotRequired[EditionOverdueReason]


class EditionContact(TypedDict):
    phone: NotRequired[str]
    office_address: NotRequired[str]
    office_phone: NotRequired[str]
    office_fax: NotRequired[str]
    office_email: NotRequired[str]
    website: NotRequired[str]


class EditionWebSearch(TypedDict):
    name: str
    url: str


class EditionReviewIntervals(TypedDict):
    default: NotRequired[int]
    pages: NotRequired[int]
    resources: NotRequired[int]
    facts: NotRequired[int]
    procedure_codes: NotRequired[int]
    glossary: NotRequired[int]
    sources: NotRequired[int]
    competencies: NotRequired[int]
    handouts: NotRequired[int]
    sections: NotRequired[int]
    scope: NotRequired[int]
    supervisor_options: NotRequired[int]
    peer_types: NotRequired[int]
    roles: NotRequired[int]
    settings: NotRequired[int]
    career_ladder: NotRequired[int]
    frameworks: NotRequired[int]


class EditionOverdueReason(TypedDict):
    reason: str
    by: str
    date: str
    records: list[str]


class Fact(TypedDict):
    id: str
    label: str
    value: NotRequired[str]
    as_of: NotRequired[str]
    review_by: NotRequired[str]
    projection: NotRequired[bool]
    note: NotRequired[str]
    description: NotRequired[str]
    table: NotRequired[FactTable]
    source: SourceRef
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class FactTable(TypedDict):
    caption: NotRequired[str]
    columns: list[str]
    rows: list[list[str]]


class Framework(TypedDict):
    id: str
    name: str
    short_name: NotRequired[str]
    kind: str
    description: NotRequired[str]
    summaries_by: NotRequired[str]
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class GlossaryEntry(TypedDict):
    id: str
    term: str
    abbr: NotRequired[str]
    definition: str
    source: NotRequired[SourceRef]
    editors_note: NotRequired[bool]
    background: NotRequired[str]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class Handout(TypedDict):
    id: str
    title: str
    summary: NotRequired[str]
    tick_means: NotRequired[str]
    kind: str
    competencies: NotRequired[list[str]]
    source: SourceRef
    rights: HandoutRights
    excerpt: NotRequired[HandoutExcerpt]
    placeholders: NotRequired[list[HandoutPlaceholder]]
    blocks: list[Block]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]
    key_for: NotRequired[list[HandoutKeyForEntry]]
    copy_heading: NotRequired[list[str]]


class HandoutRights(TypedDict):
    attribution: str
    notice: NotRequired[str]
    permission: NotRequired[str]


class HandoutExcerpt(TypedDict):
    note: str
    full_instrument: NotRequired[str]
    url: NotRequired[str | None]


class HandoutPlaceholder(TypedDict):
    id: str
    label: str
    example: NotRequired[str]
    hint: NotRequired[str]
    choices: NotRequired[list[HandoutPlaceholderChoice]]


class HandoutPlaceholderChoice(TypedDict):
    id: str
    label: str
    text: NotRequired[str]


class Block(TypedDict):
    kind: str
    heading: NotRequired[str]
    text: NotRequired[str]
    items: NotRequired[list[str | ListItemGroup]]
    columns: NotRequired[list[str]]
    rows: NotRequired[list[list[str]]]
    scale: NotRequired[list[str]]
    lines: NotRequired[int]
    page_break_before: NotRequired[bool]
    editors_note: NotRequired[str]


class HandoutKeyForEntry(TypedDict):
    competency: str
    why: str


class PeerType(TypedDict):
    id: str
    name: str
    population: str
    lived_experience: str
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class ProcedureCode(TypedDict):
    id: str
    code: str
    name: str
    description: NotRequired[str]
    as_of: str
    review_by: str
    source: SourceRef
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class Resource(TypedDict):
    id: str
    title: str
    aliases: NotRequired[list[str]]
    publisher: NotRequired[str]
    publisher_status: NotRequired[ResourcePublisherStatus]
    year: NotRequired[int]
    type: str
    category: str
    topics: NotRequired[list[str]]
    audience: NotRequired[list[str]]
    competencies: NotRequired[list[str]]
    cited_in: NotRequired[list[str]]
    url: str | None
    url_evidence: NotRequired[UrlEvidence]
    summary: NotRequired[str]
    source: SourceRef
    citation_evidence: NotRequired[ResourceCitationEvidence]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]
    key_for: NotRequired[list[ResourceKeyForEntry]]
    findings: NotRequired[ResourceFindings]


class ResourcePublisherStatus(TypedDict):
    status: str
    since: NotRequired[int]
    current_name: NotRequired[str]
    note: NotRequired[str]
    evidence: list[str]


class UrlEvidence(TypedDict):
    kind: str
    page: NotRequired[str]
    source: NotRequired[SourceRef]
    copy_checked: NotRequired[str]
    live_checked: NotRequired[str]
    note: NotRequired[str]


class ResourceCitationEvidence(TypedDict):
    pages: NotRequired[list[str]]
    source: NotRequired[SourceRef]
    copy_checked: NotRequired[str]
    note: NotRequired[str]


class ResourceKeyForEntry(TypedDict):
    competency: str
    why: str


class ResourceFindings(TypedDict):
    principles: NotRequired[list[str]]
    practices: NotRequired[list[str]]
    policies: NotRequired[list[str]]
    implementation: NotRequired[list[str]]
    source: SourceRef


class Role(TypedDict):
    id: str
    name: str
    description: NotRequired[str]
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class ScopeEntry(TypedDict):
    id: str
    name: str
    letter: NotRequired[str]
    description: NotRequired[str]
    tasks: NotRequired[list[str | ListItemGroup]]
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class Section(TypedDict):
    id: str
    title: str
    parent: NotRequired[str]
    page: NotRequired[str]
    source_pages: NotRequired[str]
    summary: NotRequired[str]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class Setting(TypedDict):
    id: str
    name: str
    description: NotRequired[str]
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class Source(TypedDict):
    id: str
    citation: str
    group: NotRequired[str]
    author: NotRequired[str]
    short: NotRequired[str]
    year: NotRequired[int | str]
    title: NotRequired[str]
    publisher: NotRequired[str]
    url: NotRequired[str | None]
    url_evidence: NotRequired[UrlEvidence]
    note: NotRequired[str]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class SupervisorOption(TypedDict):
    id: str
    name: str
    requirements: list[str | ListItemGroup]
    source: NotRequired[SourceRef]
    added: NotRequired[str]
    updated: NotRequired[str]
    reviewed: NotRequired[str]


class Taxonomy(TypedDict):
    categories: list[TaxonomyCategory]
    topics: list[TaxonomyTopic]
    types: list[TaxonomyType]
    audiences: list[TaxonomyAudience]


class TaxonomyCategory(TypedDict):
    id: str
    label: str
    description: NotRequired[str]


class TaxonomyTopic(TypedDict):
    id: str
    label: str
    description: NotRequired[str]


class TaxonomyType(TypedDict):
    id: str
    label: str
    description: NotRequired[str]
    csl: NotRequired[str]
    schema_org: NotRequired[str]


class TaxonomyAudience(TypedDict):
    id: str
    label: str
    description: NotRequired[str]
