"""Turn schema-valid documents into frozen model objects (no checks here: see checks.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from npmcheck.domain.model import (
    Actor,
    Area,
    Catalogue,
    ChecklistItem,
    Commitment,
    Country,
    Criterion,
    Deadline,
    Declaration,
    Event,
    Nhri,
    Npm,
    NpmBody,
    NpmYear,
    Profile,
    ProfileFinding,
    Recommendation,
    Reference,
    Source,
    SourceDocument,
    Treaty,
)
from npmcheck.load.yamlio import Document
from npmcheck.values import PartialDate, Text

_date = PartialDate.maybe
_text = Text.maybe


def _ids(raw: Any) -> tuple[str, ...]:
    return tuple(raw or ())


def catalogue(catalogue_id: str, docs: list[Document]) -> Catalogue:
    meta: dict[str, Any] = next((d.data for d in docs if "version" in d.data), {})
    parts = [d.data for d in docs]
    areas = tuple(Area(x["id"], Text.of(x["title"]), _text(x.get("description")))
                  for p in parts for x in p.get("areas", ()))
    # Files are read in name order; criteria follow the order of the areas instead (stable
    # within an area), so that listings and ties between equal weights read as the catalogue.
    area_rank = {a.id: i for i, a in enumerate(areas)}
    criteria = sorted((criterion(x) for p in parts for x in p.get("criteria", ())),
                      key=lambda c: area_rank.get(c.area, len(area_rank)))
    return Catalogue(
        id=catalogue_id,
        version=str(meta.get("version", "")),
        title=Text.of(meta.get("title", catalogue_id)),
        documents=tuple(_document(x) for p in parts for x in p.get("documents", ())),
        areas=areas,
        actors=tuple(Actor(x["id"], Text.of(x["label"]))
                     for p in parts for x in p.get("actors", ())),
        criteria=tuple(criteria),
    )


def _document(raw: dict[str, Any]) -> SourceDocument:
    return SourceDocument(
        raw["id"], Text.of(raw["title"]), _text(raw.get("short")), raw.get("symbol"),
        _date(raw.get("date")), raw.get("url"),
    )


def criterion(raw: dict[str, Any]) -> Criterion:
    deadline = raw.get("deadline")
    return Criterion(
        id=raw["id"],
        area=raw["area"],
        weight=raw["weight"],
        obligation=raw["obligation"],
        phase=raw["phase"],
        requires=_ids(raw.get("requires")),
        derive=raw.get("derive"),
        actors=_ids(raw.get("actors")),
        title=Text.of(raw["title"]),
        requirement=Text.of(raw["requirement"]),
        question=_text(raw.get("question")),
        evidence=_text(raw.get("evidence")),
        action=Text.of(raw["action"]),
        references=tuple(
            Reference(r["document"], r.get("article"), r.get("paragraph"),
                      _text(r.get("section")), _text(r.get("note")))
            for r in raw["references"]
        ),
        deadline=Deadline(deadline["after"], deadline["months"]) if deadline else None,
        checklist=tuple(ChecklistItem(i["id"], Text.of(i["title"]))
                        for i in raw.get("checklist", ())),
        closes=raw.get("closes"),
    )


def _treaty(raw: dict[str, Any]) -> Treaty:
    decl = raw.get("declaration")
    return Treaty(
        status=raw["status"],
        sources=_ids(raw.get("sources")),
        signed=_date(raw.get("signed")),
        approved=_date(raw.get("approved")),
        joined=_date(raw.get("joined")),
        deposited=_date(raw.get("deposited")),
        entry_into_force=_date(raw.get("entry_into_force")),
        how=raw.get("how"),
        reservations=bool(raw.get("reservations", False)),
        declaration=Declaration(
            decl["part"], decl["years"], decl.get("extension_years", 0), _date(decl.get("made")),
            _text(decl.get("note")), _ids(decl.get("sources")),
        ) if decl else None,
        note=_text(raw.get("note")),
    )


def profile(doc: Document) -> Profile:
    raw = doc.data
    country = raw["country"]
    npm = raw["npm"]
    nhri = raw.get("nhri")
    designated = npm["designated"]
    return Profile(
        country=Country(country["id"], country["code"], Text.of(country["name"]),
                        country.get("region")),
        as_of=dt.date.fromisoformat(raw["as_of"]),
        catalogue=raw.get("catalogue", "opcat"),
        cat=_treaty(raw["treaties"]["cat"]),
        opcat=_treaty(raw["treaties"]["opcat"]),
        npm=Npm(
            designated=None if designated == "unknown" else bool(designated),
            history=tuple(
                NpmBody(Text.of(b["body"]), b["model"], _ids(b.get("sources")),
                        _date(b.get("designated")), _text(b.get("legal_act")),
                        _date(b.get("operational")), _date(b.get("until")),
                        _text(b.get("note")))
                for b in npm.get("history", ())
            ),
            note=_text(npm.get("note")),
            sources=_ids(npm.get("sources")),
            activity=tuple(_npm_year(y) for y in npm.get("activity", ())),
        ),
        nhri=Nhri(Text.of(nhri["name"]), nhri["accreditation"], _date(nhri.get("since")),
                  _text(nhri.get("note")), _ids(nhri.get("sources"))) if nhri else None,
        commitments=tuple(
            Commitment(c["id"], c["kind"], Text.of(c["title"]), _ids(c.get("sources")),
                       c.get("cycle"), c.get("response"), c.get("count"), _date(c.get("made")),
                       _date(c.get("due")), _ids(c.get("criteria")), _text(c.get("note")))
            for c in raw.get("commitments", ())
        ),
        events=tuple(
            Event(_date(e["date"]) or PartialDate(1900), e["kind"], Text.of(e["title"]),
                  _ids(e.get("sources")), _date(e.get("until")), _text(e.get("note")),
                  e.get("symbol"), _published(e.get("report_published")))
            for e in raw.get("events", ())
        ),
        findings={
            cid: ProfileFinding(f["status"], _ids(f.get("sources")), _text(f.get("note")),
                                _date(f.get("since")), dict(f.get("checklist", {})),
                                _date(f.get("evidence_date")))
            for cid, f in raw.get("findings", {}).items()
        },
        recommendations=tuple(_recommendation(r) for r in raw.get("recommendations", ())),
        sources=tuple(
            Source(s["id"], s["publisher"], Text.of(s["title"]), _date(s.get("date")),
                   s.get("url"), s.get("language"))
            for s in raw["sources"]
        ),
        path=doc.path,
    )


def _published(raw: Any) -> bool | None:
    return raw if isinstance(raw, bool) else None


def _npm_year(raw: dict[str, Any]) -> NpmYear:
    budget = raw.get("budget")
    report = raw.get("annual_report") or {}
    return NpmYear(
        year=raw["year"],
        sources=_ids(raw.get("sources")),
        visits=raw.get("visits"),
        places=dict(raw.get("places", {})),
        staff=raw.get("staff"),
        budget=(float(budget["amount"]), budget["currency"]) if budget else None,
        report_published=_date(report.get("published")),
        report_url=report.get("url"),
        report_title=_text(report.get("title")),
        note=_text(raw.get("note")),
    )


def _recommendation(raw: dict[str, Any]) -> Recommendation:
    return Recommendation(
        id=raw["id"],
        mechanism=raw["mechanism"],
        year=raw["year"],
        text=Text.of(raw["text"]),
        response=raw["response"],
        sources=_ids(raw.get("sources")),
        cycle=raw.get("cycle"),
        session=_text(raw.get("session")),
        symbol=raw.get("symbol"),
        paragraph=raw.get("paragraph"),
        recommended_by=tuple(Text.of(s) for s in raw.get("recommended_by", ())),
        criteria=_ids(raw.get("criteria")),
        note=_text(raw.get("note")),
    )
