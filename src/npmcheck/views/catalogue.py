"""Views of the criteria catalogue: each criterion with its references, for `npmcheck criteria`
and for every output that names a criterion."""

from __future__ import annotations

from npmcheck.domain.model import Catalogue, Criterion, Reference
from npmcheck.i18n import fmt, tr
from npmcheck.values import Text
from npmcheck.views import TypedDict
from npmcheck.views.labels import label


class ReferenceView(TypedDict):
    document: str
    article: str | None
    paragraph: str | None
    section: str | None
    note: str | None
    label: str


class DeadlineView(TypedDict):
    after: str
    months: int


class ItemView(TypedDict):
    id: str
    title: str


class CriterionView(TypedDict):
    id: str
    area: str
    area_title: str
    weight: int
    obligation: str
    obligation_label: str
    phase: str
    phase_label: str
    title: str
    requirement: str
    question: str | None
    evidence: str | None
    action: str
    requires: list[str]
    derive: str | None
    actors: list[str]
    actor_labels: list[str]
    references: list[ReferenceView]
    deadline: DeadlineView | None
    checklist: list[ItemView]


class CatalogueMeta(TypedDict):
    id: str
    version: str
    title: str


class DocumentView(TypedDict):
    id: str
    short: str | None
    title: str
    symbol: str | None
    url: str | None


class AreaView(TypedDict):
    id: str
    title: str
    description: str | None


class CatalogueView(TypedDict):
    catalogue: CatalogueMeta
    documents: list[DocumentView]
    areas: list[AreaView]
    criteria: list[CriterionView]
    selected: str | None


def text(value: Text | None, lang: str) -> str | None:
    return None if value is None else value(lang)


def reference_label(ref: Reference, catalogue: Catalogue, lang: str) -> str:
    doc = catalogue.document_by_id.get(ref.document)
    name = (doc.short or doc.title)(lang) if doc else ref.document
    if ref.article:
        where = tr(lang, "Art. {article}", article=ref.article)
    elif ref.paragraph:
        where = tr(lang, "para. {paragraph}", paragraph=ref.paragraph)
    else:
        where = tr(lang, "section \u201c{section}\u201d", section=fmt(ref.section, lang))
    shown = f"{name} {where}" if ref.article or ref.paragraph else f"{name}, {where}"
    return f"{shown} ({ref.note(lang)})" if ref.note else shown


def references(criterion: Criterion, catalogue: Catalogue, lang: str) -> list[str]:
    return [reference_label(r, catalogue, lang) for r in criterion.references]


def criterion_view(c: Criterion, catalogue: Catalogue, lang: str) -> CriterionView:
    area = catalogue.area_by_id.get(c.area)
    actors = catalogue.actor_by_id
    return {
        "id": c.id,
        "area": c.area,
        "area_title": area.title(lang) if area else c.area,
        "weight": c.weight,
        "obligation": c.obligation,
        "obligation_label": label("obligation", c.obligation, lang),
        "phase": c.phase,
        "phase_label": label("phase", c.phase, lang),
        "title": c.title(lang),
        "requirement": c.requirement(lang),
        "question": text(c.question, lang),
        "evidence": text(c.evidence, lang),
        "action": c.action(lang),
        "requires": list(c.requires),
        "derive": c.derive,
        "actors": list(c.actors),
        "actor_labels": [actors[a].label(lang) if a in actors else a for a in c.actors],
        "references": [
            {"document": r.document, "article": r.article, "paragraph": r.paragraph,
             "section": text(r.section, lang), "note": text(r.note, lang),
             "label": reference_label(r, catalogue, lang)}
            for r in c.references
        ],
        "deadline": (
            {"after": c.deadline.after, "months": c.deadline.months} if c.deadline else None
        ),
        "checklist": [{"id": i.id, "title": i.title(lang)} for i in c.checklist],
    }


def catalogue_view(catalogue: Catalogue, lang: str, selected: str | None = None
                   ) -> CatalogueView:
    """The catalogue for `npmcheck criteria`: every criterion, or the one `selected`."""
    chosen = [c for c in catalogue.criteria if selected is None or c.id == selected]
    return {
        "catalogue": {"id": catalogue.id, "version": catalogue.version,
                      "title": catalogue.title(lang)},
        "documents": [{"id": d.id, "short": text(d.short, lang), "title": d.title(lang),
                       "symbol": d.symbol, "url": d.url} for d in catalogue.documents],
        "areas": [{"id": a.id, "title": a.title(lang), "description": text(a.description, lang)}
                  for a in catalogue.areas],
        "criteria": [criterion_view(c, catalogue, lang) for c in chosen],
        "selected": selected,
    }
