"""Problems, their stable codes, and the one exception family for expected failures.

Codes are namespaced by stage and never reused: Y0xx YAML reading, S1xx schema,
R1xx cross-file references and facts, E2xx command usage, W2xx warnings, X3xx spreadsheets
read by `sheet import` (located as `FILE.xlsx: Sheet!B17`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from npmcheck.i18n import Msg, msg

Severity = Literal["error", "warning"]

# code -> short name; the message of each problem says the rest.
CODES: dict[str, str] = {
    "Y001": "unreadable-file",
    "Y002": "file-too-large",
    "Y003": "not-utf8",
    "Y004": "yaml-syntax",
    "Y005": "tab-character",
    "Y006": "duplicate-key",
    "Y007": "unsafe-tag",
    "Y008": "empty-file",
    "Y009": "top-level-not-mapping",
    "Y010": "nesting-too-deep",
    "Y011": "alias-expansion-too-large",
    "Y012": "several-documents",
    "Y013": "complex-key",
    "Y014": "merge-key",
    "S101": "missing-field",
    "S102": "unknown-field",
    "S103": "wrong-type",
    "S104": "value-not-allowed",
    "S105": "bad-format",
    "S106": "schema-violation",
    "R101": "unknown-criterion",
    "R102": "unknown-source",
    "R103": "duplicate-id",
    "R104": "unknown-requirement",
    "R105": "requirement-cycle",
    "R106": "unknown-area",
    "R107": "impossible-date",
    "R108": "date-in-future",
    "R109": "contradicts-derived-fact",
    "R110": "unknown-actor",
    "R111": "unknown-document",
    "R112": "unknown-checklist-item",
    "R113": "missing-catalogue-metadata",
    "R114": "unknown-catalogue",
    "R115": "dates-out-of-order",
    "R116": "country-twice-in-folder",
    "W201": "unused-source",
    "W202": "one-language-text",
    "W203": "stale-evidence",
    "E201": "unknown-country",
    "E202": "unknown-criterion-id",
    "E203": "output-exists",
    "E204": "bad-option",
    "E205": "no-data",
    "E206": "cannot-write",
    "E207": "bundled-data",
    "E208": "needs-extra",
    "X301": "unreadable-workbook",
    "X302": "sheet-layout",
    "X303": "unknown-row",
    "X304": "bad-value",
    "X305": "bad-date",
    "X306": "unknown-source",
    "X307": "formula",
    "X308": "too-many-rows",
    "X309": "not-an-export",
    "X310": "bad-source-row",
    "X311": "duplicate-row",
    "X312": "derived-status",
    "X313": "needs-source",
}


def one_line(text: str) -> str:
    """`text` with each character that is invisible or would break the line (line breaks,
    tabs, control and format characters such as zero-width spaces and right-to-left marks,
    lone surrogates) written as its Python escape, so that a message stays one readable line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding about an input file; sorts by file, then position.

    The message is given as an English template with {placeholders} for `params`: the template
    is the msgid of its translations (scripts/update_po.py collects it from the call), and the
    text is put together in the reader's language only when it is shown (`text`, `show`).
    `message` is the English text."""

    path: str
    line: int
    column: int
    code: str
    message: str = field(init=False)
    template: str = field(compare=False, repr=False)
    severity: Severity = "error"
    json_path: str = field(default="", compare=False)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", self.text("en"))

    def text(self, lang: str) -> str:
        """The message in `lang`; it quotes values from the file, so kept to one visible line."""
        return one_line(Msg(self.template, self.params)(lang))

    def show(self, lang: str = "en") -> str:
        """`path:line:col: CODE message`, the message in `lang`."""
        path = one_line(self.path)
        where = f"{path}:{self.line}:{self.column}" if self.line else path
        message = self.message if lang == "en" else self.text(lang)
        if self.severity == "warning":
            message = msg("warning: {message}", message=message)(lang)
        return f"{where}: {self.code} {message}"

    def __str__(self) -> str:
        return self.show()

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": CODES[self.code],
            "severity": self.severity,
            "message": self.message if lang == "en" else self.text(lang),
            "json_path": self.json_path,
        }

    def check_tuple(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


class NpmcheckError(Exception):
    """An expected failure caused by input or usage; printed as one or more lines, exit code 2."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        super().__init__(self.show())

    def show(self, lang: str = "en") -> str:
        return "\n".join(p.show(lang) for p in self.problems)


def usage_error(code: str, message: str, where: str = "npmcheck", /,
                **params: Any) -> NpmcheckError:
    """An error about the command line rather than a file; `message` is a template as for
    `Problem`, filled in with `params`."""
    return NpmcheckError(Problem(where, 0, 0, code, message, params=params))


def did_you_mean(name: str) -> Msg:
    """The hint that ends a message when a close match is known."""
    return msg("; did you mean '{name}'?", name=name)


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
