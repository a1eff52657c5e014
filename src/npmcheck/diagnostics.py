"""Problems, their stable codes, and the one exception family for expected failures.

Codes are namespaced by stage and never reused: Y0xx YAML reading, S1xx schema,
R1xx cross-file references and facts, E2xx command usage, W2xx warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
    "W201": "unused-source",
    "E201": "unknown-country",
    "E202": "unknown-criterion-id",
    "E203": "output-exists",
    "E204": "bad-option",
    "E205": "no-data",
    "E206": "cannot-write",
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
    """One located finding about an input file; sorts by file, then position."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"
    json_path: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Messages quote values from the file: keep them to one visible line.
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        path = one_line(self.path)
        where = f"{path}:{self.line}:{self.column}" if self.line else path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.code} {prefix}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": CODES[self.code],
            "severity": self.severity,
            "message": self.message,
            "json_path": self.json_path,
        }

    def check_tuple(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


class NpmcheckError(Exception):
    """An expected failure caused by input or usage; printed as one or more lines, exit code 2."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


def usage_error(code: str, message: str, where: str = "npmcheck") -> NpmcheckError:
    """An error about the command line rather than a file."""
    return NpmcheckError(Problem(where, 0, 0, code, message))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
