"""The parts of a profile that every view names: the country and its sources."""

from __future__ import annotations

from npmcheck.domain.model import Profile, Source
from npmcheck.i18n import fmt, quoted
from npmcheck.views import TypedDict


class CountryView(TypedDict):
    id: str
    code: str
    name: str
    region: str | None


def country_view(profile: Profile, lang: str) -> CountryView:
    c = profile.country
    return {"id": c.id, "code": c.code, "name": c.name(lang), "region": c.region}


def source_label(source: Source, lang: str) -> str:
    date = f", {fmt(source.date, lang)}" if source.date else ""
    return f"{source.publisher}, {quoted(source.title(lang), lang)}{date}"
