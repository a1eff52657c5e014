"""The workshop report as a Word document (python-docx), made to be edited by organisers.

Real Word structure rather than look-alikes: Title, Heading 1-3 styles (so the navigation pane and
a table of contents work), tables with a repeating header row whose rows do not break across
pages, "List Bullet" and "List Number" paragraphs, A4 pages with a footer and page numbers, and
the document language set (Russian spell-checking for --lang ru). The same input gives the same
bytes: the package dates come from the report's generation time, not from the clock.

python-docx is imported here only, so that no other command pays for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from npmcheck.i18n import tr
from npmcheck.render.cells import fmt_num as _num
from npmcheck.render.charts import Picture, report_pictures, timeline
from npmcheck.render.registry import Options
from npmcheck.render.wording import handout_context, is_http, refs_text, report_context
from npmcheck.views.labels import STATUS_SYMBOL

if TYPE_CHECKING:
    from npmcheck.views.diff import DiffView
    from npmcheck.views.report import ReportView


ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x57, 0x60, 0x6A)
HEADER_FILL = "E6E9ED"
# Characters XML 1.0 does not allow (python-docx refuses them); profile text could carry them.
_BREAKS = re.compile(r"[\t\r\n]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LANG_TAGS = {"en": "en-GB", "ru": "ru-RU"}
FONT = "Arial"  # in Word everywhere; LibreOffice shows it as the metric-compatible Liberation Sans
SYMBOL_FONT = "Segoe UI Symbol"  # Windows; elsewhere the office suite's fallback
_SYMBOLS = re.compile("([✓◐✗█░·]+)")


def _font(style: Any, name: str) -> None:
    """One font for Latin and Cyrillic text alike, instead of the template's theme fonts."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _run_font(run: Any, name: str) -> None:
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _clean(value: Any) -> str:
    return "" if value is None else _NOT_XML.sub("", str(value))


class Writer:
    """A thin layer over python-docx with the few building blocks the report needs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.doc = Document()
        self._setup()

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(18), Mm(18)
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(10.5)
        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
            _font(styles[name], FONT)
        normal.paragraph_format.space_after = Pt(4)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANG_TAGS.get(self.lang, "en-GB"))
        lang.set(qn("w:eastAsia"), LANG_TAGS.get(self.lang, "en-GB"))
        rpr.append(lang)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            styles[name].font.color.rgb = ACCENT
        for name in ("List Bullet", "List Number"):
            styles[name].paragraph_format.space_after = Pt(2)
        self._remember_style_ids()

    def _remember_style_ids(self) -> None:
        """Look each style name up once per document. python-docx finds a style by name, and
        then the default style it is compared with, by walking every style of the document
        (some 160) on each paragraph, heading and table: a fifth of a report's writing. No
        style is added or renamed once the set-up above is done, so the answer never changes."""
        part = self.doc.part
        look_up: Callable[[Any, Any], str | None] = part.get_style_id
        known: dict[tuple[str, Any], str | None] = {}

        def style_id(style_or_name: Any, style_type: Any) -> str | None:
            if not isinstance(style_or_name, str):
                return look_up(style_or_name, style_type)
            key = (style_or_name, style_type)
            if key not in known:
                known[key] = look_up(style_or_name, style_type)
            return known[key]

        part.get_style_id = style_id  # type: ignore[method-assign]

    # ---------------------------------------------------------------- blocks

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        paragraph = self.doc.add_heading(_clean(text), level)
        paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True

    def para(self, *runs: str | tuple[str, str], style: str | None = None,
             muted: bool = False) -> Any:
        """A paragraph of runs: plain strings, or (text, "b"|"i") for bold or italic."""
        paragraph = self.doc.add_paragraph(style=style)
        for item in runs:
            text, kind = (item, "") if isinstance(item, str) else item
            for run in self.runs(paragraph, text):
                run.bold = "b" in kind or None
                run.italic = "i" in kind or None
                if muted:
                    run.font.color.rgb = MUTED
        return paragraph

    def runs(self, paragraph: Any, text: Any) -> list[Any]:
        """Runs for `text`, the status symbols and bar blocks in a font that has them (Arial
        has no ✓ ◐ ✗, and Word's own fallback picks glyphs of very different sizes)."""
        out = []
        for piece in _SYMBOLS.split(_clean(text)):
            if piece:
                run = paragraph.add_run()
                if _BREAKS.search(piece):  # python-docx turns tabs and line ends into elements
                    run.text = piece
                else:  # what it writes for plain text, without its walk character by character
                    run._r.add_t(piece)
                if _SYMBOLS.fullmatch(piece):
                    _run_font(run, SYMBOL_FONT)
                out.append(run)
        return out

    def bullet(self, *runs: str | tuple[str, str]) -> Any:
        return self.para(*runs, style="List Bullet")

    def numbered(self, *runs: str | tuple[str, str]) -> Any:
        return self.para(*runs, style="List Number")

    def picture(self, picture: Picture) -> None:
        """The PNG at the text width, described for screen readers, with its caption."""
        shape = self.doc.add_picture(io.BytesIO(picture.png), width=Mm(170))
        shape._inline.docPr.set("descr", _clean(picture.alt))
        self.para(picture.caption, muted=True)

    def field(self, label: str, value: str) -> None:
        """A bulleted "Label: value" line."""
        self.bullet((f"{label}: ", "b"), value)

    def link(self, paragraph: Any, url: str) -> None:
        """An external link for http(s) addresses; anything else stays plain text."""
        if not is_http(url):
            paragraph.add_run(_clean(url))
            return
        part = paragraph.part
        rel = part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/"
                                  "relationships/hyperlink", is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:color")
        style.set(qn("w:val"), "1F4E79")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        rpr.append(style)
        rpr.append(underline)
        run.append(rpr)
        text = OxmlElement("w:t")
        text.text = _clean(url)
        text.set(qn("xml:space"), "preserve")
        run.append(text)
        link.append(run)
        paragraph._p.append(link)

    def table(self, header: list[str], rows: list[list[Any]], widths: list[float] | None = None,
              align: str = "") -> None:
        """A table with a bold, shaded header row repeated on every page; rows never split."""
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"  # by name: its id is looked up once (_remember_style_ids)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        all_rows = [header, *rows]
        for r, values in enumerate(all_rows):
            cells = table.rows[0].cells if r == 0 else table.add_row().cells
            for c, value in enumerate(values):
                paragraph = cells[c].paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                for run in self.runs(paragraph, value):
                    run.bold = True if r == 0 else None
                if c < len(align) and align[c] == "r":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif c < len(align) and align[c] == "c":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for r, row in enumerate(table.rows):
            trpr = row._tr.get_or_add_trPr()
            cant_split = OxmlElement("w:cantSplit")
            trpr.append(cant_split)
            if r == 0:
                trpr.append(OxmlElement("w:tblHeader"))
                for cell in row.cells:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:color"), "auto")
                    shading.set(qn("w:fill"), HEADER_FILL)
                    cell._tc.get_or_add_tcPr().append(shading)
        if widths:  # Word reads the cell widths, LibreOffice the grid: set both
            table.autofit = False
            for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=False):
                col.w = Mm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Mm(width)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def footer(self, text: str) -> None:
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        self._page_number(paragraph)  # first: at the end it was pushed onto a line of its own
        run = paragraph.add_run(" · " + _clean(text))
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED

    def _page_number(self, paragraph: Any) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def save(self, title: str, generated: dt.datetime) -> bytes:
        props = self.doc.core_properties
        title = _clean(title)  # Word keeps at most 255 characters in a document property
        props.title = title if len(title) <= 255 else title[:254] + "…"
        props.author = "npmcheck"
        props.last_modified_by = "npmcheck"
        props.language = LANG_TAGS.get(self.lang, "en-GB")
        props.created = props.modified = generated.replace(tzinfo=None)
        props.revision = 1
        props.comments = ""
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _stable_zip(buffer.getvalue(), generated)


def _stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every member dated `when`, so that equal input gives equal bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- the report


def report(view: ReportView, options: Options) -> bytes:
    lang = options.lang
    ctx = report_context(view, lang)
    pictures = report_pictures(view, lang)
    w = Writer(lang)

    def _(message: str, **params: Any) -> str:
        return tr(lang, message, **params)

    v = view
    rows = ctx["rows"]

    # the handout first, then the summary
    _handout(w, v, ctx, handout_context(v, lang, alone=False), pictures["timeline"])
    w.para((_("OPCAT gap report").upper(), ""), muted=True).paragraph_format \
        .page_break_before = True
    w.heading(_("Summary"), 1)
    w.para(_("The National Preventive Mechanism: where the State stands and what comes next"))
    w.para(v["stage"]["explanation"])
    if ctx["inferred_note"]:
        w.para(ctx["inferred_note"], muted=True)
    w.para((ctx["binding_note"], "i"))
    w.para(ctx["recommendations_sentence"])
    readiness = ctx["readiness"]
    if readiness:
        w.heading(readiness["heading"], 2)
        w.para(readiness["ready_intro"])
        for item in readiness["ready"]:
            w.bullet(item)
        w.para(readiness["decide"])
        w.para((readiness["dates"], "i"))
    w.heading(ctx["top_heading"], 2)
    for g in v["top_gaps"]:
        detail = ctx["briefs"][g["criterion"]]
        follows = ctx["follows_brief"][g["criterion"]]
        recommended = ctx["recommended"][g["criterion"]]
        w.numbered(f"{STATUS_SYMBOL[g['status']]} ", (g["title"], "b"),
                   f" ({ctx['tags'][g['criterion']]})" + (f": {detail}" if detail else "")
                   + (f" {recommended}." if recommended else "")
                   + (f" {follows}" if follows else ""))
    if not v["top_gaps"]:
        w.para((_("No gaps recorded."), "i"))
    w.para(ctx["legend"], muted=True)
    if v["progress"]:
        _progress(w, v["progress"], lang, {s["id"]: s["number"] for s in v["sources"]})

    # scores by area
    w.heading(_("Scores by area"), 1, new_page=True)
    w.para(_("Coverage is the share of the criteria (by weight) whose status is known; a low "
             "score with low coverage means \u201cnot known\u201d, not \u201cbad\u201d."))
    w.picture(pictures["areas"])
    # the picture replaces the text bars (column 3) that Markdown keeps
    w.table([h for i, h in enumerate(rows["areas_header"]) if i != 2],
            [[c for i, c in enumerate(row) if i != 2] for row in rows["areas"]],
            widths=[70, 20, 25, 10, 10, 10, 10], align="lrrcccc")
    w.para(ctx["legend"], muted=True)

    # gaps by area
    w.heading(_("Gaps by area"), 1)
    w.para(_("Within each area the most important gaps come first: heavier criteria, then not "
             "met before partly met before unknown.") + " " + ctx["legend"], muted=True)
    for area in v["gaps_by_area"]:
        w.heading(f"{area['title']} · {_('score {score}', score=_num(area['score'], lang))}", 2)
        if area["description"]:
            w.para(area["description"], muted=True)
        if not area["gaps"]:
            w.para((_("No gaps in this area."), "i"))
        waiting = [g for g in area["gaps"] if g["blocked_by"]]
        for g in (g for g in area["gaps"] if not g["blocked_by"]):
            w.heading(f"{STATUS_SYMBOL[g['status']]} {g['title']}", 3)
            w.para((ctx["tags"][g["criterion"]], "i"), muted=True)
            w.field(_("Requirement"), g["requirement"])
            if g["reason"]:
                w.field(_("Finding"), g["reason"])
            if g["note"]:
                w.field(_("Note"), g["note"])
            if g["checklist_items"]:
                w.field(_("Checklist"), "; ".join(
                    f"{STATUS_SYMBOL[i['status']]} {i['title']} ({i['status_label']})"
                    for i in g["checklist_items"]))
            if g["evidence"]:
                w.field(_("Evidence to look for"), g["evidence"])
            w.field(_("References"), "; ".join(g["references"]) or "–")
            if g["source_refs"]:
                w.field(_("Sources"), "; ".join(f"[{s['number']}] {s['label']}"
                                                for s in g["source_refs"]))
            if g["recommendation_items"]:
                w.field(_("Recommended"), " ".join(ctx["recommendation_texts"][r["id"]]
                                                   for r in g["recommendation_items"]))
            if ctx["follows"][g["criterion"]]:
                w.field(_("Then"), ctx["follows"][g["criterion"]])
        if waiting:
            w.para(_("Waiting for other criteria:") + " " + "; ".join(
                f"{STATUS_SYMBOL[g['status']]} {g['title']} ({ctx['waits'][g['criterion']]})"
                for g in waiting) + ".", muted=True)

    # roadmap
    plan = ctx["plan"]
    w.heading(_("Roadmap"), 1, new_page=True)
    w.para(_("Every criterion that is not met becomes a step. Steps go by phase; no step comes "
             "before the steps it waits for; a step that waits for another is listed under "
             "it."))
    w.heading(_("Legal dates and commitments"), 2)
    if plan["scenario"]:
        w.para((plan["scenario"], "i"))
    if plan["timeline"]:
        w.table([_("Date"), _("What"), ""], plan["timeline"], widths=[35, 110, 25])
    if plan["no_dates"]:
        w.para(plan["no_dates"])
    for group in plan["groups"]:
        w.heading(group["name"], 2)
        w.table(rows["steps_header"], group["rows"], widths=[8, 62, 35, 20, 45], align="rllll")
    if not plan["groups"]:
        w.para((_("No open steps: every criterion is met or not applicable."), "i"))
    w.heading(_("How peers did it"), 2)
    for s in plan["with_peers"]:
        w.para((f"{s['number']}. {s['title']}", "b")
               ).paragraph_format.keep_with_next = True
        for p in s["peers"]:
            source = f" ({'; '.join(p['sources'])})" if p["sources"] else ""
            w.bullet((f"{p['label']}: ", "b"), (p["note"] or _("met (no note recorded)")) + source)
    if not plan["with_peers"]:
        w.para((_("None recorded: no other profile meets these criteria yet."), "i"))

    # commitments, NPM and NHRI, events
    w.heading(_("National commitments"), 1, new_page=True)
    if rows["commitments"]:
        w.table(rows["commitments_header"], rows["commitments"], widths=[95, 45, 30])
    else:
        w.para((_("None recorded."), "i"))
    w.heading(_("The NPM and the national human rights institution"), 1)
    if v["npm"]["note"]:
        w.para(v["npm"]["note"])
    w.heading(_("NPM history"), 2)
    for b in v["npm"]["history"]:
        facts = [b["model_label"]]
        if b["designated"]:
            facts.append(_("designated: {date}", date=b["designated"]))
        if b["operational"]:
            facts.append(_("visits from: {date}", date=b["operational"]))
        facts.append(_("until: {date}", date=b["until"]) if b["until"] else _("current NPM"))
        w.bullet((b["body"], "b"), ": " + " · ".join(facts))
        if b["legal_act"]:
            w.para(_("Legal basis: {act}", act=b["legal_act"]), style="List Continue")
        if b["note"]:
            w.para(b["note"], style="List Continue", muted=True)
        if b["refs"]:
            w.para(_("Sources") + ": " + refs_text(b["refs"]), style="List Continue", muted=True)
    if not v["npm"]["history"]:
        w.para((_("No NPM has been designated."), "i"))
    if rows["activity"]:
        w.heading(_("What the NPM did, year by year"), 2)
        w.table(rows["activity_header"], rows["activity"],
                widths=[13, 26, 28, 26, 26, 27, 24], align="lrlrlll")
        for y in rows["activity_notes"]:
            report = " ".join(x for x in (y["report"], y["url"] or "") if x)
            w.bullet((f"{y['year']}: ", "b"), " ".join(x for x in (y["note"], report) if x))
    w.heading(_("National human rights institution"), 2)
    nhri = v["nhri"]
    if nhri:
        since = f" · {nhri['since_label']}" if nhri["since_label"] else ""
        cited = f" {refs_text(nhri['refs'])}" if nhri["refs"] else ""
        w.para((nhri["name"], "b"), ": " + nhri["accreditation_label"] + since + cited)
        if nhri["note"]:
            w.para(nhri["note"], muted=True)
    else:
        w.para((_("None recorded."), "i"))
    w.heading(_("Events"), 1)
    if rows["events"]:
        w.table(rows["events_header"], rows["events"], widths=[38, 102, 30])
    else:
        w.para((_("None recorded."), "i"))

    if v["stale"]:
        w.heading(_("To re-check before the next workshop"), 1)
        w.para(ctx["stale_note"])
        for g in v["stale"]:
            w.bullet(f"{STATUS_SYMBOL[g['status']]} ", (g["title"], "b"),
                     f" ({g['status_label']}; {ctx['evidence_flags'][g['criterion']]})")
    w.heading(_("Recommendations received"), 1)
    w.para(ctx["recommendations_sentence"])
    for r in v["recommendation_list"]:
        concerns = _("concerns: {criteria}", criteria="; ".join(r["criteria_titles"]))
        w.bullet(ctx["recommendation_texts"][r["id"]], (f" ({concerns})", "i"))

    # sources and method
    w.heading(_("Sources"), 1, new_page=True)
    for s in v["sources"]:
        paragraph = w.para(ctx["source_texts"][s["number"]] + (" " if s["url"] else ""))
        paragraph.paragraph_format.left_indent = Mm(8)
        paragraph.paragraph_format.first_line_indent = Mm(-8)
        if s["url"]:
            w.link(paragraph, s["url"])
    if not v["sources"]:
        w.para((_("None recorded."), "i"))
    if rows["ids"]:
        w.heading(_("Criteria and their ids"), 1)
        w.para(_("The ids by which the catalogue, the JSON output and the profiles name the "
                 "criteria of this report."), muted=True)
        w.table([_("Criterion"), _("Id")], rows["ids"], widths=[100, 70])
    w.heading(_("How to read this report"), 1)
    for text in ctx["methodology"]:
        w.para(text)
    w.para(ctx["legend"], muted=True)
    w.footer(ctx["footer"])
    return w.save(ctx["title"], dt.datetime.fromisoformat(v["generated"]))


def handout(view: ReportView, options: Options) -> bytes:
    """`report --handout`: two A4 pages at most (the full report begins with them too)."""
    lang = options.lang
    w = Writer(lang)
    ctx = report_context(view, lang)
    _handout(w, view, ctx, handout_context(view, lang, alone=True),
             timeline(view["timeline_chart"], lang))
    w.footer(ctx["footer"])
    return w.save(ctx["title"], dt.datetime.fromisoformat(view["generated"]))


def _handout(w: Writer, v: ReportView, ctx: dict[str, Any], h: dict[str, Any],
             picture: Picture) -> None:
    """Stage, score and coverage, the timeline, the top gaps with who acts, the next three dated
    steps, and where the full report is."""
    lang = w.lang

    def _(message: str, **params: Any) -> str:
        return tr(lang, message, **params)

    w.para((_("OPCAT gap report: handout").upper(), ""), muted=True)
    w.doc.add_paragraph(_clean(v["country"]["name"]), style="Title")
    w.para(_("Situation as of {date}", date=v["as_of_label"]) + " · " +
           _("catalogue {catalogue} {version}", catalogue=v["catalogue"]["id"],
             version=v["catalogue"]["version"]), muted=True)
    w.para(ctx["abbreviations"], muted=True)
    w.table([_("Stage"), _("Score"), _("Coverage"), _("Next deadline")],
            [[v["stage"]["label"], _("{score} of 100", score=_num(v["score"], lang))
              + (f"\n{ctx['range_note']}" if ctx["range_note"] else ""),
              _num(v["coverage"], lang, "%"), f"{ctx['next_when']}\n{ctx['next_what']}"]],
            widths=[55, 30, 30, 55])
    w.heading(_("Timeline"), 2)
    w.picture(picture)
    w.heading(ctx["top_heading"], 2)
    if h["top"]:
        w.table(["", _("Gap"), _("Who acts")],
                [[STATUS_SYMBOL[g["status"]],
                  g["title"] + (f"\n{g['brief']}" if g["brief"] else ""), g["who"]]
                 for g in h["top"]], widths=[8, 117, 45], align="cll")
        w.para(ctx["legend"], muted=True)
    else:
        w.para((_("No gaps recorded."), "i"))
    w.heading(_("The next three dated steps"), 2)
    for s in h["next_steps"]:
        when = _("overdue since {date}", date=s["when"]) if s["overdue"] else \
            _("by {date}", date=s["when"])
        w.numbered((s["title"], "b"), f" · {when}" +
                   (f" ({_('Who acts')}: {s['who']})" if s["who"] else ""))
    if h["no_dated_steps"]:
        w.para(h["no_dated_steps"])
    w.para((h["full_report"], "i"))


def _progress(w: Writer, p: DiffView, lang: str, numbers: dict[str, int]) -> None:
    """`report --since DATE`: the progress since the last workshop."""
    def _(message: str, **params: Any) -> str:
        return tr(lang, message, **params)

    before, after = p["before"], p["after"]
    w.heading(_("Progress since the last workshop"), 1)
    w.para(_("From {before} to {after}.", before=before["label"], after=after["label"]) + " "
           + p["summary"])
    npm = [[_("NPM"), before["npm"] or "–", after["npm"] or "–"]] \
        if before["npm"] or after["npm"] else []
    w.table(["", _("Before"), _("After")],
            [[_("Stage"), before["stage"]["label"], after["stage"]["label"]], *npm,
             [_("Score"), _num(before["score"], lang), _num(after["score"], lang)],
             [_("Coverage"), _num(before["coverage"], lang, "%"),
              _num(after["coverage"], lang, "%")]],
            widths=[40, 65, 65])
    if p["changes"]:
        w.table([_("Criterion"), _("Before"), _("After"), _("Why")],
                [[f"{c['title']} ({c['criterion']})",
                  f"{STATUS_SYMBOL[c['before']]} {c['before_label']}",
                  f"{STATUS_SYMBOL[c['after']]} {c['after_label']}",
                  " ".join(x for x in (c["reason"], c["note"]) if x)
                  + ("\n" + _("Sources") + ": " + " ".join(
                      f"[{numbers[s]}]" for s in c["source_ids"] if s in numbers)
                     if c["source_ids"] else "")]
                 for c in p["changes"]], widths=[45, 25, 25, 75])
    if p["events"]:
        w.heading(_("Events in between ({count})", count=len(p["events"])), 2)
        for e in p["events"]:
            w.bullet(f"{e['date']}: {e['title']} ({e['kind_label']})")
