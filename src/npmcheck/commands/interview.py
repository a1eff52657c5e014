"""`npmcheck interview COUNTRY`: the catalogue's questions, area by area, answered at the prompt.

Each answer (a status, a note, its sources, the date of the evidence) is checked as
`npmcheck validate` would check the whole profile and written at once (atomically), so that
stopping at any point (q, Ctrl-C, end of input) loses nothing; the same command goes on. Criteria
whose status follows from the facts (`derive:` in the catalogue) are shown, not asked.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from npmcheck.commands.common import Common, load
from npmcheck.commands.editing import ProfileFile, built, open_target
from npmcheck.diagnostics import NpmcheckError, Problem, did_you_mean, one_line, usage_error
from npmcheck.domain.derive import RULES
from npmcheck.domain.model import Catalogue, Criterion, Profile
from npmcheck.domain.scoring import assess
from npmcheck.edit import answers
from npmcheck.edit.profile import slug, source_id, with_finding, with_source
from npmcheck.i18n import fmt, percent, tr, trn
from npmcheck.i18n import number as decimal
from npmcheck.load import workspace
from npmcheck.values import PartialDate, Text
from npmcheck.views.labels import label

# the order of a finding's fields in the bundled profiles
_FIELDS = ("status", "since", "evidence_date", "note", "checklist", "sources")
# statuses that the profile format requires sources for
_SOURCED = ("met", "partial", "not_met", "not_applicable")
_OTHER = {"en": "ru", "ru": "en"}


class _Stop(Exception):
    """The person asked to stop (q, or the end of the input)."""


class _Keep:
    """The answer 'keep it as it is' (Enter)."""


KEEP = _Keep()


@dataclass
class Prompt:
    """Questions on standard output, answers from standard input, one line each."""

    lang: str
    read: Callable[[], str] = lambda: sys.stdin.readline()
    width: int = 0

    def __post_init__(self) -> None:
        self.width = min(shutil.get_terminal_size((80, 24)).columns, 100)

    def say(self, text: str = "", indent: int = 0) -> None:
        pad = " " * indent
        lines = [textwrap.fill(part, self.width, initial_indent=pad, subsequent_indent=pad,
                               break_on_hyphens=False) if part else ""
                 for part in text.split("\n")]
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()

    def ask(self, question: str) -> str:
        sys.stdout.write(question + " ")
        sys.stdout.flush()
        line = self.read()
        if not line:  # end of input
            sys.stdout.write("\n")
            raise _Stop
        if not _isatty(sys.stdin):  # a terminal echoes the answer and its line break
            sys.stdout.write("\n")
        return line.rstrip("\r\n")


def run(common: Common, country: str, output: Path | None, area: str | None,
        only: str | None, start: str | None, as_of: dt.date | None) -> int:
    ws = load(common)
    prompt = Prompt(common.lang)
    profile = _existing(ws, country)
    catalogue = ws.catalogue(profile.catalogue if profile else workspace.DEFAULT_CATALOGUE)
    criteria = _walk(catalogue, area, start, common.lang)
    wanted = _status_option(only)
    if as_of is not None and as_of > workspace.today():
        raise usage_error("E204", "--as-of {date} is in the future (today is {today})",
                          date=str(as_of), today=str(workspace.today()))
    if profile is None:
        country_id = slug(country)
        if not re.fullmatch(r"[a-z][a-z-]*", country_id):  # the profile schema's id
            raise usage_error("E201", "no profile '{query}'; name a new country by its English "
                                      "name", query=country)
        target = open_target(None, country_id, output, common.data)
    else:
        target = open_target(profile, profile.country.id, output, common.data)
    session = Interview(prompt, ws, catalogue, target)
    try:
        if not target.data:
            if not session.start_new(country, as_of):
                return 0
        else:
            session.check_start(as_of)
        session.intro()
        session.walk(criteria, wanted)
    except _Stop:
        session.stopped(country, output, common)
        return 0
    except KeyboardInterrupt:
        session.stopped(country, output, common)
        raise
    session.finished()
    return 0


def _existing(ws: workspace.Workspace, country: str) -> Profile | None:
    """The profile the name stands for, or None for a country with no profile yet."""
    try:
        return workspace.resolve(ws, country)
    except NpmcheckError as e:
        unknown = all(p.code == "E201" and p.template.startswith("no profile")
                      for p in e.problems)
        close = "did you mean" in e.show()
        if unknown and not close:
            return None
        raise


def _walk(catalogue: Catalogue, area: str | None, start: str | None,
          lang: str) -> list[Criterion]:
    """The criteria to go through, in catalogue order (areas as the catalogue lists them)."""
    criteria = list(catalogue.criteria)
    if area is not None:
        areas = {a.id for a in catalogue.areas}
        if area not in areas:
            import difflib

            close = difflib.get_close_matches(area, sorted(areas), n=1)
            hint = did_you_mean(close[0]) if close else tr(
                lang, "; the areas are: {areas}", areas=", ".join(a.id for a in catalogue.areas))
            raise usage_error("E204", "--area: no area '{area}'{hint}", area=area, hint=hint)
        criteria = [c for c in criteria if c.area == area]
    if start is not None:
        ids = [c.id for c in criteria]
        if start not in ids:
            raise usage_error("E202", "--start: no criterion '{id}' among those asked; "
                                      "'npmcheck criteria' lists them", id=start)
        criteria = criteria[ids.index(start):]
    return criteria


def _status_option(only: str | None) -> str | None:
    if only is None:
        return None
    status = answers.status(only)
    if status is None:
        raise usage_error("E204", "--only: '{value}' is not a status; use met, partial, "
                                  "not_met, unknown or not_applicable", value=only)
    return status


class Interview:
    def __init__(self, prompt: Prompt, ws: workspace.Workspace, catalogue: Catalogue,
                 target: ProfileFile) -> None:
        self.p = prompt
        self.lang = prompt.lang
        self.ws = ws
        self.catalogue = catalogue
        self.file = target
        self.answered = 0
        self.current: str | None = None
        self._built: tuple[str, Profile] | None = None

    def _(self, message: str, **params: Any) -> str:
        """`message` in the language of the interview (scripts/update_po.py collects it)."""
        return tr(self.lang, message, **params)

    # ------------------------------------------------------------ start and end

    def intro(self) -> None:
        p = self.p
        name = Text.of(self.file.data["country"]["name"])(self.lang)
        p.say(self._("Interview: {country}. Each answer is saved at once in {path}.",
                   country=name, path=self.file.shown))
        if self.file.origin:
            p.say(self._("It starts as a copy of {origin}, which is not changed.",
                       origin=self.file.origin))
        p.say(self._("Enter keeps an answer as it is; ? explains the answers; q, Ctrl-C or "
                   "Ctrl-D stops, and the same command goes on later."))

    def check_start(self, as_of: dt.date | None) -> None:
        """Refuse a start file with errors; move as_of when --as-of asks for it."""
        from npmcheck.edit.profile import problems_of

        problems = problems_of(self.file.text, self.file.shown, self.ws)
        if problems:
            raise NpmcheckError(problems)
        if as_of is not None and as_of.isoformat() != self.file.data["as_of"]:
            data = copy.deepcopy(self.file.data)
            data["as_of"] = as_of.isoformat()
            self._save(data, refuse=True)

    def stopped(self, country: str, output: Path | None, common: Common) -> None:
        p = self.p
        p.say()
        if not self.file.exists:
            p.say(self._("Stopped; nothing was saved."))
            return
        p.say(self._("Stopped. Your answers so far are saved in {path}.", path=self.file.shown))
        if self.current:
            again = ["npmcheck", "interview", self.file.data["country"]["id"]]
            if output is not None:
                again += ["-o", str(output)]
            elif self.file.path.parent.name == "profiles":
                again += ["--data", str(self.file.path.parent.parent)]
            if self.lang != "en":
                again += ["--lang", self.lang]
            again += ["--start", self.current]
            p.say(self._("To go on from here:"))
            sys.stdout.write("  " + " ".join(again) + "\n")  # never folded: it is copied

    def finished(self) -> None:
        p = self.p
        if not self.file.exists:
            p.say()
            p.say(self._("Done: no answer changed, so nothing was written."))
            return
        a = assess(self.catalogue, self._profile())
        p.say()
        p.say(trn(self.lang, "Done: {n} answer saved in {path}.",
                  "Done: {n} answers saved in {path}.", self.answered, path=self.file.shown))
        score = "–" if a.score is None else decimal(a.score, self.lang)
        coverage = "–" if a.coverage is None else percent(a.coverage, self.lang)
        p.say(self._("Score {score}, coverage {coverage}, stage: {stage}.", score=score,
                   coverage=coverage, stage=a.stage.label(self.lang)))

    # ------------------------------------------------------------ saving

    def _save(self, data: dict[str, Any], *, refuse: bool = False) -> bool:
        problems = self.file.save(data, self.ws)
        if not problems:
            return True
        if refuse:
            raise NpmcheckError(problems[:1])
        # one line, never folded
        sys.stdout.write(self._("Not saved: {reason}", reason=_reason(problems, self.lang))
                         + "\n")
        return False

    # ------------------------------------------------------------ the criteria

    def walk(self, criteria: list[Criterion], wanted: str | None) -> None:
        p = self.p
        area = None
        total = len(criteria)
        for number, criterion in enumerate(criteria, 1):
            finding = (self.file.data.get("findings") or {}).get(criterion.id)
            status = finding.get("status", "unknown") if finding else "unknown"
            if wanted is not None and (criterion.derive or status != wanted):
                continue
            if criterion.area != area:
                area = criterion.area
                title = self.catalogue.area_by_id[area].title(self.lang)
                p.say()
                p.say(f"== {title} ==")
            self.current = criterion.id
            p.say()
            p.say(f"[{number}/{total}] {criterion.id} · {criterion.title(self.lang)}")
            if criterion.derive:
                self._derived(criterion)
                continue
            self._ask(criterion)
        self.current = None

    def _profile(self) -> Profile:
        """The profile as saved last (built once per version, not once per question)."""
        if self._built is None or self._built[0] is not self.file.text:
            self._built = (self.file.text, built(self.file.text, self.file.shown))
        return self._built[1]

    def _derived(self, criterion: Criterion) -> None:
        profile = self._profile()
        assert criterion.derive is not None
        derived = RULES[criterion.derive](profile, profile.as_of)
        if derived is None:
            self.p.say(self._("Follows from the facts (treaties, NPM), which do not settle "
                                 "it yet; record those facts to settle it."), 2)
        else:
            self.p.say(self._("Follows from the facts: {status}. {reason}",
                                 status=label("status", derived.status, self.lang),
                                 reason=derived.reason(self.lang)), 2)

    def _show(self, criterion: Criterion, finding: dict[str, Any] | None) -> None:
        p, lang = self.p, self.lang
        if criterion.question is not None:
            p.say(self._("Question: {text}", text=criterion.question(lang)), 2)
        if criterion.evidence is not None:
            p.say(self._("Evidence: {text}", text=criterion.evidence(lang)), 2)
        if not finding:
            a = assess(self.catalogue, self._profile()).finding(criterion.id)
            if a.status != "unknown" and a.reason is not None:
                p.say(self._("Now: no answer; the assessment counts it as {status}: {reason}",
                           status=label("status", a.status, lang), reason=a.reason(lang)), 2)
            else:
                p.say(self._("Now: no answer (unknown)."), 2)
            return
        parts = [label("status", finding.get("status"), lang)]
        if finding.get("since") is not None:
            parts.append(self._("since {date}", date=_date_label(finding["since"], lang)))
        if finding.get("evidence_date") is not None:
            parts.append(self._("evidence of {date}",
                              date=_date_label(finding["evidence_date"], lang)))
        p.say(self._("Now: {answer}", answer=", ".join(parts)), 2)
        if finding.get("note"):
            p.say(self._("Note: {text}", text=Text.of(finding["note"])(lang)), 4)
        for sid in finding.get("sources", []):
            p.say(self._source_line(sid), 4)
        if finding.get("checklist"):
            p.say(self._("The checklist of this criterion is kept as it is."), 4)

    def _numbers(self) -> dict[str, int]:
        return {s["id"]: i for i, s in enumerate(self.file.data.get("sources", []), 1)}

    def _source_line(self, sid: str) -> str:
        number = self._numbers().get(sid)
        source = next(s for s in self.file.data["sources"] if s["id"] == sid)
        date = f", {_date_label(source['date'], self.lang)}" if source.get("date") else ""
        title = Text.of(source["title"])(self.lang)
        return f"[{number}] {source['publisher']}, \u201c{title}\u201d{date}"

    def _ask(self, criterion: Criterion) -> None:
        while True:
            finding = (self.file.data.get("findings") or {}).get(criterion.id)
            self._show(criterion, finding)
            status = self._ask_status(finding)
            if status is KEEP:
                return
            assert isinstance(status, str)
            if self._save(self._answer(criterion, finding, status)):
                self.answered += 1
                self.p.say(self._("Saved: {status}.", status=label("status", status,
                                                                       self.lang)), 2)
                return

    def _ask_status(self, finding: dict[str, Any] | None) -> str | _Keep:
        p = self.p
        keep = label("status", finding.get("status") if finding else "unknown", self.lang)
        while True:
            answer = answers.clean(p.ask(tr(self.lang,
                "Status: met, partly, not met, unknown or n/a (Enter keeps \u201c{keep}\u201d):",
                keep=keep)))
            if not answer:
                return KEEP
            if answer.lower() in ("q", "quit", "й", "выход"):
                raise _Stop
            if answer in ("?", "h", "help", "помощь"):
                self._help()
                continue
            status = answers.status(answer)
            if status is not None:
                return status
            p.say(self._("'{answer}' is not an answer here; type met, partly, not met, unknown "
                       "or n/a, or ? for help.", answer=answer), 2)

    def _help(self) -> None:
        p = self.p
        for status, words in answers.STATUS_WORDS.items():
            p.say(f"{label('status', status, self.lang)}: {', '.join(words)}", 2)
        p.say(self._("Enter: keep the answer as it is and go on. q: stop (your answers are "
                   "saved). Every answer except \u201cunknown\u201d needs a source."), 2)

    def _answer(self, criterion: Criterion, finding: dict[str, Any] | None,
                status: str) -> dict[str, Any]:
        """The profile data with this criterion's new answer (sources added on the way)."""
        old = copy.deepcopy(finding or {})
        data = copy.deepcopy(self.file.data)
        note = self._ask_note(old.get("note"))
        data, sources = self._ask_sources(data, old.get("sources", []), status)
        new = dict(old)
        new["status"] = status
        new["note"] = note
        new["sources"] = sources or None
        if status != old.get("status"):
            new["since"] = self._ask_date(
                self._("Since when has this been so? YYYY, YYYY-MM or YYYY-MM-DD (Enter: "
                          "not known):"), None, data) if status != "unknown" else None
        default = self._evidence_default(old, sources, data)
        question = self._("Date of the evidence (Enter: {default}; - for none):",
                          default=default) if default is not None else \
            self._("Date of the evidence, YYYY, YYYY-MM or YYYY-MM-DD (Enter: none):")
        new["evidence_date"] = self._ask_date(question, default, data)
        clean = {k: new[k] for k in _FIELDS if new.get(k) is not None}
        clean.update({k: v for k, v in new.items() if k not in _FIELDS and v is not None})
        result: dict[str, Any] | None = clean
        if clean == {"status": "unknown"}:
            result = None  # the same as no finding
        return with_finding(data, self.catalogue, criterion.id, result)

    def _ask_note(self, old: Any) -> Any:
        p, lang = self.p, self.lang
        language = self._("in English") if lang == "en" else self._("in Russian")
        keep = self._("Enter keeps the note; - removes it") if old else self._("Enter: no note")
        answer = answers.clean(p.ask(self._("Note {language}, what the evidence shows ({keep}):",
                                          language=language, keep=keep)))
        if not answer:
            return old
        if answer == "-":
            return None
        other = _OTHER[lang]
        if old is None:
            return answer if lang == "en" else {"en": answer, "ru": answer}
        note: dict[str, str] = dict(old) if isinstance(old, dict) else {"en": old}
        note[lang] = answer
        stale = note.get(other)
        if stale and stale != answer:
            p.say(self._("The note in the other language was written for the old answer:"), 2)
            p.say(stale, 4)
            again = answers.clean(p.ask(self._("New text for it (Enter keeps it as it is):")))
            if again and again != "-":
                note[other] = again
        if set(note) == {"en"}:
            return note["en"]
        return {k: note[k] for k in ("en", "ru") if k in note}

    def _ask_sources(self, data: dict[str, Any], old: list[str], status: str
                     ) -> tuple[dict[str, Any], list[str]]:
        p = self.p
        needed = status in _SOURCED
        while True:
            numbers = {i: s["id"] for i, s in enumerate(data.get("sources", []), 1)}
            now = ", ".join(str(n) for n, sid in numbers.items() if sid in old)
            keep = self._("Enter keeps {numbers}", numbers=now) if old else \
                self._("Enter: none") if not needed else self._("at least one is needed")
            answer = answers.clean(p.ask(tr(self.lang,
                "Sources: their numbers (for example 3, 7), + for a new source, l for the list "
                "({keep}):", keep=keep)))
            if not answer:
                if old or not needed:
                    return data, list(old)
                p.say(self._("This answer needs at least one source."), 2)
                continue
            if answer in ("l", "list", "с", "список"):
                for sid in numbers.values():
                    p.say(self._source_line_of(data, sid), 2)
                continue
            if answer == "-" and not needed:
                return data, []
            chosen, bad = [], []
            for word in answer.replace(",", " ").replace(";", " ").split():
                if word == "+":
                    data, sid = self._new_source(data)
                    chosen.append(sid)
                elif word.isdigit() and int(word) in numbers:
                    chosen.append(numbers[int(word)])
                else:
                    bad.append(word)
            if bad:
                p.say(self._("No source {numbers}; give numbers from 1 to {last}, or +.",
                           numbers=", ".join(bad), last=len(numbers)), 2)
                continue
            chosen = list(dict.fromkeys(chosen))
            if chosen:
                return data, chosen

    def _source_line_of(self, data: dict[str, Any], sid: str) -> str:
        saved = self.file.data
        self.file.data = data
        try:
            return self._source_line(sid)
        finally:
            self.file.data = saved

    def _new_source(self, data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        p = self.p
        p.say(self._("A new source:"), 2)
        title = self._ask_text(self._("  Title:"))
        publisher = self._ask_text(self._("  Publisher (who issued it):"))
        date = self._ask_date(self._("  Date: YYYY, YYYY-MM or YYYY-MM-DD (Enter: none):"), None,
                              data)
        while True:
            answer = answers.clean(p.ask(self._("  Web address, http:// or https:// (Enter: "
                                              "none):")))
            url = answers.url(answer) if answer else None
            if not answer or url:
                break
            p.say(self._("'{answer}' is not a web address; it starts with http:// or https:// "
                       "and has no spaces.", answer=answer), 4)
        suggested = source_id(data, publisher, str(date) if date is not None else None)
        taken = {s["id"] for s in data.get("sources", [])}
        while True:
            answer = answers.clean(p.ask(self._("  Short id (Enter: {id}):", id=suggested)))
            sid = answer or suggested
            if sid in taken:
                p.say(self._("The id '{id}' is taken; choose another.", id=sid), 4)
            elif slug(sid) != sid:
                p.say(self._("An id has lower-case letters, digits and hyphens only, for "
                           "example {id}.", id=suggested), 4)
            else:
                break
        source: dict[str, Any] = {"id": sid, "publisher": publisher, "title": title}
        if date is not None:
            source["date"] = date
        if url:
            source["url"] = url
        number = len(data.get("sources", [])) + 1
        p.say(self._("Added as source {number}.", number=number), 4)
        return with_source(data, source), sid

    def _ask_text(self, question: str) -> str:
        while True:
            answer = answers.clean(self.p.ask(question))
            if answer and answer.isprintable():
                return answer
            self.p.say(self._("This cannot be empty."), 4)

    def _ask_date(self, question: str, default: str | int | None,
                  data: dict[str, Any]) -> str | int | None:
        p = self.p
        limit = dt.date.fromisoformat(data["as_of"]) if data.get("as_of") else \
            workspace.today()
        while True:
            answer = answers.clean(p.ask(question))
            if not answer:
                return default
            if answer == "-":
                return None
            try:
                value = answers.date(answer)
            except ValueError:
                p.say(self._("'{answer}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, for "
                           "example 2025-09 when the source gives the month only.",
                           answer=answer), 4)
                continue
            if answers.later_than(value, limit):
                p.say(self._("{date} is after the profile's as_of date {as_of}; run the interview "
                           "with --as-of DATE to move it.", date=answer, as_of=str(limit)), 4)
                continue
            return answers.date_value(value)

    def _evidence_default(self, old: dict[str, Any], sources: list[str],
                          data: dict[str, Any]) -> str | int | None:
        if old.get("evidence_date") is not None and sources == old.get("sources", []):
            value: str | int = old["evidence_date"]
            return value
        dates = [PartialDate.parse(s["date"]) for s in data.get("sources", [])
                 if s["id"] in sources and s.get("date") is not None]
        return answers.date_value(max(dates, key=lambda d: d.latest())) if dates else None

    # ------------------------------------------------------------ a new profile

    def start_new(self, query: str, as_of: dt.date | None) -> bool:
        """Ask for the facts every profile needs, and write the first version. False when the
        person does not want a new profile."""
        p = self.p
        cid = self.file.path.stem if self.file.path.suffix in (".yaml", ".yml") else slug(query)
        answer = answers.clean(p.ask(self._("There is no profile for '{query}'. Start a new one "
                                          "in {path}? [y/N]", query=query,
                                          path=self.file.shown)))
        if answers.status(answer) != "met":  # yes / да
            p.say(self._("Nothing was written."))
            return False
        p.say(self._("First the facts every profile needs: the country, the treaties, the NPM, "
                   "and the source they come from."))
        name_en = answers.clean(p.ask(self._("Name in English (Enter: {name}):", name=query))) \
            or query
        name_ru = answers.clean(p.ask(self._("Name in Russian (Enter: none):")))
        country_id = cid  # the file is named after it already
        while True:
            code = answers.clean(p.ask(self._("ISO 3166-1 code, two capital letters (for example "
                                            "KG):"))).upper()
            if len(code) == 2 and code.isascii() and code.isalpha():
                break
            p.say(self._("Two Latin letters, for example KG."), 2)
        region = slug(answers.clean(p.ask(self._("Region, for example central-asia (Enter: "
                                               "none):"))))
        day = (as_of or workspace.today()).isoformat()
        data: dict[str, Any] = {
            "country": {"id": country_id, "code": code,
                        "name": {"en": name_en, "ru": name_ru} if name_ru else name_en},
            "as_of": day, "catalogue": self.catalogue.id}
        if region:
            data["country"]["region"] = region
        p.say(self._("The source of these facts (for example the country's page in the UN "
                   "Treaty Collection):"))
        data, first = self._new_source(data)
        sources = [first]
        treaties: dict[str, Any] = {}
        for key, title in (("cat", self._("the Convention against Torture (CAT)")),
                           ("opcat", self._("the Optional Protocol (OPCAT)"))):
            status = self._choose(self._("Is the State a party to {treaty}?", treaty=title),
                                  [("party", self._("party")), ("signatory", self._("signed only")),
                                   ("not-party", self._("not a party")),
                                   ("unknown", self._("not known"))])
            treaty: dict[str, Any] = {"status": status}
            if key == "cat" and status == "party":
                treaty["joined"] = self._ask_date(self._("  Date it became a party (Enter: not "
                                                       "known):"), None, data)
            if key == "opcat" and status in ("party", "signatory"):
                treaty["signed"] = self._ask_date(self._("  Date of signature (Enter: not "
                                                       "known):"), None, data)
            if key == "opcat" and status == "party":
                treaty["deposited"] = self._ask_date(tr(self.lang,
                    "  Date of deposit of the instrument of ratification or accession (Enter: "
                    "not known):"), None, data)
            treaty = {k: v for k, v in treaty.items() if v is not None}
            treaty["sources"] = sources
            treaties[key] = treaty
        data["treaties"] = treaties
        designated = self._choose(self._("Has the State designated an NPM?"),
                                  [("yes", self._("yes")), ("no", self._("no")),
                                   ("unknown", self._("not known"))])
        npm: dict[str, Any] = {"designated": {"yes": True, "no": False}.get(designated,
                                                                            "unknown")}
        if designated == "yes":
            body = self._ask_text(self._("  The body that is the NPM, its name in English:"))
            model = self._choose(self._("  Its model:"), [
                (m, label("model", m, self.lang))
                for m in ("specialised", "ombudsman", "ombudsman-plus", "multiple", "other")])
            entry: dict[str, Any] = {"body": body, "model": model}
            entry["designated"] = self._ask_date(self._("  Date of the act that designated it "
                                                      "(Enter: not known):"), None, data)
            entry["operational"] = self._ask_date(self._("  Visiting places of detention since "
                                                       "(Enter: not known):"), None, data)
            entry = {k: v for k, v in entry.items() if v is not None}
            entry["sources"] = sources
            npm["history"] = [entry]
        npm["sources"] = sources
        data["npm"] = npm
        sources_list = data.pop("sources")
        data["sources"] = sources_list
        self._save(data, refuse=True)
        p.say(self._("Saved the new profile in {path}.", path=self.file.shown))
        return True

    def _choose(self, question: str, options: list[tuple[str, str]]) -> str:
        p = self.p
        listed = "; ".join(f"{i} {text}" for i, (_, text) in enumerate(options, 1))
        while True:
            answer = answers.clean(p.ask(f"{question} {listed}:")).casefold()
            for i, (code, text) in enumerate(options, 1):
                if answer in (str(i), code.casefold(), text.casefold()):
                    return code
            p.say(self._("Type one of the numbers 1 to {last}.", last=len(options)), 2)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False


def _date_label(raw: str | int, lang: str) -> str:
    return fmt(PartialDate.parse(raw), lang)


def _reason(problems: list[Problem], lang: str) -> str:
    """The first problem as one line, without the position in a text that was not written."""
    first = problems[0]
    more = tr(lang, " (and {count} more)", count=len(problems) - 1) if len(problems) > 1 else ""
    return one_line(f"{first.code} {first.text(lang)}{more}")
