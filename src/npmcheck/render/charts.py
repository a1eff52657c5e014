"""The pictures every format shares: scores by area with coverage, the OPCAT timeline and the
comparison heatmap, each drawn once by matplotlib as SVG (inline in HTML) and PNG (200 dpi, for
Word and print).

matplotlib is imported inside `_draw` only, so that no command pays for it unless it draws. The
Agg and SVG writers run without a display; the output is reproducible (a fixed hash salt, no
date in the metadata, text drawn as outlines from the bundled DejaVu Sans) so that snapshots
and caches compare equal.
Every part is named in words as well as by colour and hatching, so a picture printed in black
and white reads the same. Several pictures can sit in one HTML page: their element ids carry a
prefix of their own.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import textwrap
from collections.abc import Callable
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

from npmcheck.i18n import tr
from npmcheck.render.cells import fmt_num as _num
from npmcheck.views.assessment import known_scores

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from npmcheck.views.assessment import AreaScoreView, CompareArea, CompareView
    from npmcheck.views.charts import TimelineChartView
    from npmcheck.views.report import ReportView

DPI = 200  # PNG for print
WIDTH = 6.7  # inches: the text width of an A4 page with 2 cm margins
INK = "#1f3b5c"  # the score: dark enough to print as near-black
GAP = "#d4d4d4"  # known and not met: light grey
EDGE = "#4d4d4d"
HATCH = "////"  # unknown: white with hatching
FONT = ["DejaVu Sans"]  # bundled with matplotlib, with Cyrillic

_ID = re.compile(r'(id="|url\(#|href="#)([^")]+)')


class Picture:
    """One picture, with the words a screen reader or a caption gives for it. It is painted
    once; each form is written the first time a format asks for it (HTML wants only the SVG,
    Word only the PNG, and each costs about as much as the painting)."""

    def __init__(self, name: str, alt: str, caption: str, figure: Figure) -> None:
        self.name, self.alt, self.caption = name, alt, caption
        self._figure = figure

    def _save(self, buffer: IO[Any], **options: Any) -> None:
        import matplotlib

        with matplotlib.rc_context(_rc()):  # type: ignore[arg-type]
            self._figure.savefig(buffer, **options)

    @cached_property
    def svg(self) -> str:
        """An <svg> element, without XML declaration, for inline use or a file."""
        buffer = io.StringIO()
        self._save(buffer, format="svg", metadata={"Date": None})
        return _inline(buffer.getvalue(), self.name)

    @cached_property
    def png(self) -> bytes:
        """The picture for print."""
        buffer = io.BytesIO()
        self._save(buffer, format="png", dpi=DPI, metadata={"Software": None})
        return buffer.getvalue()


def _rc() -> dict[str, Any]:
    # text as outlines: the picture looks the same on a laptop without DejaVu Sans (a browser
    # would lay out its own font, wider or narrower, and cut labels); the SVG keeps each text
    # as a comment and the whole as the alt text. No mathtext: a "$" in profile text is text.
    return {"svg.hashsalt": "npmcheck", "svg.fonttype": "path", "text.parse_math": False,
            "font.family": FONT, "font.size": 9, "hatch.color": EDGE, "hatch.linewidth": 0.6,
            "axes.edgecolor": EDGE, "axes.linewidth": 0.6}


def _draw(name: str, alt: str, caption: str, paint: Callable[[Figure], None]) -> Picture:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc()):  # type: ignore[arg-type]
        figure = Figure(figsize=(WIDTH, 2.0), layout="constrained")
        paint(figure)
    return Picture(name, alt, caption, figure)


def _inline(svg: str, prefix: str) -> str:
    """The <svg> element alone, with its ids prefixed so that several fit in one page."""
    start = svg.index("<svg")
    return _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg[start:])


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """At most `lines` lines of about `width` characters, never breaking "Art. 17"."""
    for word in ("Art. ", "ст. ", "Part ", "части "):
        text = text.replace(word, word[:-1] + "\u00a0")
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1:]), width,
                                                        placeholder="…")]
    return "\n".join(parts)


_DRAWN: dict[tuple[str, str, str], Picture] = {}


def _remembered(draw: Callable[[Any, str], Picture]) -> Callable[[Any, str], Picture]:
    """The same view in the same language gives the picture already drawn in this process
    (the offline site and the report formats ask for it more than once; drawing costs about
    a quarter of a second). The key is the view's whole content, so an edit draws anew."""
    def remembered(view: Any, lang: str) -> Picture:
        key = (draw.__name__, lang, json.dumps(view, sort_keys=True, default=str))
        if key not in _DRAWN:
            if len(_DRAWN) >= 64:
                _DRAWN.clear()
            _DRAWN[key] = draw(view, lang)
        return _DRAWN[key]

    remembered.__name__ = remembered.__qualname__ = draw.__name__
    remembered.__doc__ = draw.__doc__
    return remembered


@_remembered
def area_scores(areas: list[AreaScoreView], lang: str) -> Picture:
    """One bar per area, out of 100: the score (dark), what the unknown criteria could add
    (hatched) and what is known not to be met (grey), with the score and coverage in words."""

    def paint(figure: Figure) -> None:
        figure.set_size_inches(WIDTH, 0.42 * len(areas) + 0.9)
        ax = figure.add_subplot()
        rows = range(len(areas))[::-1]
        for y, a in zip(rows, areas, strict=True):
            score = a["score"] or 0.0
            upper = 100.0 if a["score_max"] is None else a["score_max"]
            unknown = max(upper - score, 0.0)
            ax.barh(y, score, color=INK, edgecolor=EDGE, linewidth=0.5, height=0.6)
            ax.barh(y, unknown, left=score, color="white", edgecolor=EDGE, hatch=HATCH,
                    linewidth=0.5, height=0.6)
            ax.barh(y, 100 - score - unknown, left=score + unknown, color=GAP,
                    edgecolor=EDGE, linewidth=0.5, height=0.6)
            if a["score"] is None:
                words = tr(lang, "score unknown; coverage 0%")
            else:
                words = tr(lang, "{score} of 100; coverage {coverage}",
                           score=_num(a["score"], lang),
                           coverage=_num(a["coverage"] or 0.0, lang, "%"))
            ax.text(101.5, y, words, va="center", ha="left")
        ax.set_yticks(list(rows), [_wrap(a["title"], 28) for a in areas])
        # the words beside each bar sit right of 100, inside the axes, so the layout sees them
        ax.set_xlim(0, 205)
        ax.set_ylim(-0.6, len(areas) - 0.4)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.spines["bottom"].set_bounds(0, 100)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        from matplotlib.patches import Patch

        figure.legend(handles=[
            Patch(facecolor=INK, edgecolor=EDGE, label=tr(lang, "score")),
            Patch(facecolor="white", edgecolor=EDGE, hatch=HATCH,
                  label=tr(lang, "unknown: what it could add")),
            Patch(facecolor=GAP, edgecolor=EDGE,
                  label=tr(lang, "not met, or waits for a prerequisite")),
        ], loc="outside lower left", ncol=1, frameon=False)  # one a line: never cut

    alt = "; ".join(
        f"{a['title']}: " + (tr(lang, "score unknown; coverage 0%") if a["score"] is None
                             else tr(lang, "{score} of 100; coverage {coverage}",
                                     score=_num(a["score"], lang),
                                     coverage=_num(a["coverage"] or 0.0, lang, "%")))
        for a in areas)
    caption = tr(lang, "Dark: the score out of 100. Hatched: what the criteria whose status is "
                       "not known could add. Grey: not met, or waiting for a criterion it "
                       "depends on. Coverage: the share of the area (by weight) whose status "
                       "is known.")
    return _draw("areas", tr(lang, "Scores by area: {list}", list=alt), caption, paint)


_KIND_STYLE: dict[str, dict[str, Any]] = {
    "legal": {"color": INK, "marker": "D"},
    "illustration": {"color": "white", "marker": "D"},
    "postponement": {"color": "white", "hatch": "xxx"},
    "commitment": {"color": "#7f7f7f", "marker": "o"},
    "plan": {"color": "#9fb6cd"},
    "phase": {"color": INK},
    "overdue": {"color": "white", "hatch": HATCH},
}


def _year_ticks(first: int, last: int) -> list[int]:
    """Whole years from `first` to `last`, at a step that gives at most nine."""
    step = next(n for n in (1, 2, 4, 5, 10, 20, 25, 50) if (last - first) // n <= 8)
    return [y for y in range(first, last + 1) if y % step == 0]


@_remembered
def timeline(view: TimelineChartView, lang: str) -> Picture:
    """A row per treaty date, commitment, plan period and dated phase, with today as a line.

    Days are drawn as plain numbers (proleptic ordinals), the axis labelled by year."""
    rows = view["rows"]

    def day(iso: str) -> float:
        return float(dt.date.fromisoformat(iso).toordinal())

    def paint(figure: Figure) -> None:
        figure.set_size_inches(WIDTH, 0.36 * max(len(rows), 1) + 1.1)
        ax = figure.add_subplot()
        today = day(view["today"])
        dates = [today] + [day(r["start"]) for r in rows] + [day(r["end"]) for r in rows]
        first, last = min(dates), max(dates)
        pad = max((last - first) * 0.04, 60.0)
        left, right = first - pad, last + pad
        # a text goes right of its mark unless the mark is in the right third
        middle = left + (right - left) * 2 / 3
        ys = range(len(rows))[::-1]
        for y, r in zip(ys, rows, strict=True):
            style = _KIND_STYLE[r["kind"]]
            start, end = day(r["start"]), day(r["end"])
            if start == end:
                ax.plot([start], [y], linestyle="none", marker=style.get("marker", "D"),
                        markersize=6, markerfacecolor=style["color"], markeredgecolor=EDGE)
                at, align = (start + pad / 2, "left") if start < middle else \
                    (start - pad / 2, "right")
            else:
                ax.barh(y, end - start, left=start, height=0.5, color=style["color"],
                        hatch=style.get("hatch"), edgecolor=EDGE, linewidth=0.5)
                at, align = (end + pad / 2, "left") if end < middle else \
                    (start - pad / 2, "right")
            words = r["text"] + (" ≈" if r["approximate"] else "")
            ax.text(at, y, words, va="center", ha=align, fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3, "alpha": 0.85})
        ax.axvline(today, color="black", linestyle="--", linewidth=0.8)
        ax.text(today, len(rows) - 0.35, view["today_label"],
                ha="right" if today > middle else "left", va="bottom", fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        ax.set_yticks(list(ys), [_wrap(r["label"], 34) for r in rows])
        ax.set_ylim(-0.7, len(rows) + 0.2)
        ax.set_xlim(left, right)
        years = _year_ticks(dt.date.fromordinal(int(left)).year + 1,
                            dt.date.fromordinal(int(right)).year)
        ax.set_xticks([float(dt.date(y, 1, 1).toordinal()) for y in years],
                      [str(y) for y in years])
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.5)
        ax.set_axisbelow(True)
        if view["illustrative"]:
            figure.suptitle(_wrap(tr(lang, "Treaty dates: an illustration from an assumed "
                                           "deposit, not a forecast"), 110),
                            fontsize=8, x=0.01, ha="left")

    alt = "; ".join(f"{r['label']}: {r['text']}" for r in rows)
    caption = tr(lang, "Diamonds: dates under the treaty; circles: commitments; bars: periods "
                       "(postponement, plan, phase of the roadmap); ≈: the sources give only "
                       "the month or the year; dashed line: today.")
    return _draw("timeline", f"{view['title']}. {alt}; {view['today_label']}", caption, paint)


@_remembered
def compare_heatmap(view: CompareView, lang: str) -> Picture:
    """Countries by area: each cell the area's score in figures and in shade; a cell with no
    known criterion is white, hatched and marked "unknown", never a 0."""
    countries = [c["name"] for c in view["countries"]]
    # an area of which nothing is known scores 0: it is drawn as unknown, never as a 0
    areas: list[CompareArea] = [{**a, "scores": known_scores(a)} for a in view["areas"]]
    unknown = tr(lang, "unknown")

    def paint(figure: Figure) -> None:
        from matplotlib import colormaps
        from matplotlib.patches import Patch, Rectangle

        figure.set_size_inches(WIDTH, 0.3 * len(countries) + 2.7)  # upright area names on top
        ax = figure.add_subplot()
        shades = colormaps["Blues"]
        for x, area in enumerate(areas):
            for y, score in enumerate(area["scores"]):
                if score is None:
                    cell = Rectangle((x, y), 1, 1, facecolor="white", edgecolor=EDGE,
                                     hatch=HATCH, linewidth=0.4)
                    ax.add_patch(cell)
                    # two short lines ("нет / данных") fit a cell of eleven areas
                    ax.text(x + 0.5, y + 0.5, _wrap(unknown, 7), ha="center", va="center",
                            fontsize=6, linespacing=1.0,
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
                    continue
                shade = 0.1 + 0.8 * score / 100
                ax.add_patch(Rectangle((x, y), 1, 1, facecolor=shades(shade), edgecolor="white",
                                       linewidth=0.8))
                ax.text(x + 0.5, y + 0.5, _num(score, lang), ha="center", va="center",
                        fontsize=8, color="white" if shade > 0.55 else "black")
        ax.set_xlim(0, len(areas))
        ax.set_ylim(len(countries), 0)
        # upright, so that long area names (in Russian above all) never run into each other
        # and leave the cells the whole width
        ax.set_xticks([x + 0.5 for x in range(len(areas))],
                      [_wrap(a["title"], 34, 1) for a in areas], fontsize=8, rotation=90)
        ax.xaxis.tick_top()
        ax.set_yticks([y + 0.5 for y in range(len(countries))], countries)
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        figure.legend(handles=[Patch(facecolor="white", edgecolor=EDGE, hatch=HATCH,
                                     label=tr(lang, "unknown: no criterion of the area is "
                                                    "known (not a score of 0)"))],
                      loc="outside lower left", frameon=False)

    alt = "; ".join(
        f"{c}: " + ", ".join(f"{a['title']} {unknown if a['scores'][i] is None else _num(a['scores'][i] or 0.0, lang)}"  # noqa: E501
                             for a in areas)
        for i, c in enumerate(countries))
    caption = tr(lang, "Each cell: the area's score out of 100, darker when higher. A hatched "
                       "cell marked \u201cunknown\u201d: no criterion of the area is known, "
                       "which is not a score of 0.")
    return _draw("heatmap", tr(lang, "Scores by area and country (out of 100): {list}",
                               list=alt), caption, paint)


def report_pictures(view: ReportView, lang: str) -> dict[str, Picture]:
    """The pictures of a workshop report: scores by area and the timeline."""
    return {"areas": area_scores(view["areas"], lang),
            "timeline": timeline(view["timeline_chart"], lang)}
