"""Views of the recommendations a State received from the human-rights mechanisms (UPR, the
Committee against Torture, the SPT...), each linked to the criteria it concerns."""

from __future__ import annotations

from collections.abc import Sequence

from npmcheck.domain.model import Catalogue, Profile, Recommendation
from npmcheck.views import TypedDict
from npmcheck.views.catalogue import text
from npmcheck.views.labels import label
from npmcheck.views.profile import CountryView, country_view, source_label

MECHANISMS = ("upr", "cat", "spt", "treaty-body", "special-procedure")
RESPONSES = ("supported", "noted", "partially-supported", "no-response", "not-applicable",
             "unknown")


class RecommendationView(TypedDict):
    id: str
    mechanism: str
    mechanism_label: str
    cycle: int | None
    session: str | None
    year: int
    symbol: str | None
    paragraph: str | None
    recommended_by: list[str]
    text: str
    response: str
    response_label: str
    criteria: list[str]
    criteria_titles: list[str]
    note: str | None
    sources: list[str]
    source_labels: list[str]


class RecommendationSummary(TypedDict):
    """How often the State was told to close one gap, by whom, when, and what it answered."""

    count: int
    ids: list[str]
    mechanisms: list[str]  # labels, in the order first met
    years: list[int]
    responses: dict[str, int]  # response label -> how many


class UprCount(TypedDict):
    """A count that a source gives without listing every recommendation (a commitment)."""

    title: str
    count: int
    cycle: int | None
    response_label: str
    listed: int  # how many of them are recorded one by one


class RecommendationTotals(TypedDict):
    total: int
    supported: int
    by_mechanism: dict[str, int]  # mechanism label -> how many
    counted_elsewhere: list[UprCount]


class RecommendationsView(TypedDict):
    """What `npmcheck recommendations COUNTRY` prints, filtered as asked."""

    country: CountryView
    as_of: str
    lang: str
    filters: dict[str, str]
    totals: RecommendationTotals
    recommendations: list[RecommendationView]


def recommendation_view(r: Recommendation, profile: Profile, catalogue: Catalogue, lang: str
                        ) -> RecommendationView:
    sources = profile.source_by_id
    criteria = catalogue.by_id
    return {
        "id": r.id, "mechanism": r.mechanism,
        "mechanism_label": label("mechanism", r.mechanism, lang),
        "cycle": r.cycle, "session": text(r.session, lang), "year": r.year,
        "symbol": r.symbol, "paragraph": r.paragraph,
        "recommended_by": [s(lang) for s in r.recommended_by],
        "text": r.text(lang),
        "response": r.response,
        "response_label": label("recommendation-response", r.response, lang),
        "criteria": list(r.criteria),
        "criteria_titles": [criteria[c].title(lang) if c in criteria else c for c in r.criteria],
        "note": text(r.note, lang),
        "sources": list(r.sources),
        "source_labels": [source_label(sources[s], lang) for s in r.sources if s in sources],
    }


def summary(recommendations: Sequence[Recommendation], criteria: Sequence[str], lang: str
            ) -> RecommendationSummary:
    """The recommendations that concern any of these criteria, each counted once."""
    chosen = [r for r in recommendations if any(c in r.criteria for c in criteria)]
    mechanisms: list[str] = []
    responses: dict[str, int] = {}
    for r in chosen:
        shown = label("mechanism", r.mechanism, lang)
        if shown not in mechanisms:
            mechanisms.append(shown)
        answer = label("recommendation-response", r.response, lang)
        responses[answer] = responses.get(answer, 0) + 1
    return {"count": len(chosen), "ids": [r.id for r in chosen], "mechanisms": mechanisms,
            "years": sorted({r.year for r in chosen}), "responses": responses}


def totals(profile: Profile, lang: str,
           chosen: Sequence[Recommendation] | None = None) -> RecommendationTotals:
    recommendations = profile.recommendations if chosen is None else chosen
    by_mechanism: dict[str, int] = {}
    listed: dict[int | None, int] = {}  # UPR recommendations recorded one by one, by cycle
    for r in profile.recommendations:
        if r.mechanism == "upr":
            listed[r.cycle] = listed.get(r.cycle, 0) + 1
    for c in profile.commitments:
        listed.setdefault(c.cycle, 0)
    for r in recommendations:
        shown = label("mechanism", r.mechanism, lang)
        by_mechanism[shown] = by_mechanism.get(shown, 0) + 1
    return {
        "total": len(recommendations),
        "supported": sum(1 for r in recommendations if r.response == "supported"),
        "by_mechanism": by_mechanism,
        "counted_elsewhere": [
            {"title": c.title(lang), "count": c.count, "cycle": c.cycle,
             "response_label": label("response", c.response, lang),
             "listed": listed[c.cycle]}
            for c in profile.commitments
            if c.kind == "upr" and c.count and c.count > listed.get(c.cycle, 0)],
    }


def recommendations_view(profile: Profile, catalogue: Catalogue, lang: str,
                         mechanism: str | None = None, response: str | None = None,
                         criterion: str | None = None) -> RecommendationsView:
    chosen = [r for r in profile.recommendations
              if (mechanism is None or r.mechanism == mechanism)
              and (response is None or r.response == response)
              and (criterion is None or criterion in r.criteria)]
    chosen.sort(key=lambda r: (r.year, MECHANISMS.index(r.mechanism), r.id))
    filters = {k: v for k, v in (("mechanism", mechanism), ("response", response),
                                 ("criterion", criterion)) if v}
    return {
        "country": country_view(profile, lang),
        "as_of": profile.as_of.isoformat(),
        "lang": lang,
        "filters": filters,
        "totals": totals(profile, lang, chosen),
        "recommendations": [recommendation_view(r, profile, catalogue, lang) for r in chosen],
    }
