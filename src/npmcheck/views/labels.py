"""The label of every coded value (a status, an obligation, a phase, an NPM model...), in one
table. The English label is the message id, translated when it is shown."""

from __future__ import annotations

from npmcheck.i18n import N_, tr

STATUS_SYMBOL = {"met": "✓", "partial": "◐", "not_met": "✗", "unknown": "?", "not_applicable": "–"}

LABELS: dict[str, dict[str, str]] = {
    "status": {
        "met": N_("met"),
        "partial": N_("partly met"),
        "not_met": N_("not met"),
        "unknown": N_("unknown"),
        "not_applicable": N_("not applicable"),
    },
    "obligation": {
        "treaty": N_("treaty obligation"),
        "treaty-interpretation": N_("SPT reading of a treaty obligation"),
        "guidance": N_("guidance"),
    },
    "phase": {
        "ratification": N_("Ratification"),
        "designation": N_("Designation"),
        "establishment": N_("Establishment"),
        "operation": N_("Operation"),
        "follow-up": N_("Follow-up"),
    },
    "model": {
        "specialised": N_("specialised body"),
        "ombudsman": N_("ombudsman institution"),
        "ombudsman-plus": N_("ombudsman with civil society (\u201cOmbudsman plus\u201d)"),
        "multiple": N_("several bodies"),
        "other": N_("other model"),
    },
    "accreditation": {
        "A": N_("A status (fully compliant with the Paris Principles)"),
        "B": N_("B status (partly compliant with the Paris Principles)"),
        "C": N_("C status (not compliant with the Paris Principles)"),
        "not-accredited": N_("not accredited"),
        "unknown": N_("accreditation unknown"),
    },
    "event": {
        "spt-visit": N_("SPT visit"),
        "spt-advisory-visit": N_("SPT advisory visit"),
        "workshop": N_("workshop"),
        "round-table": N_("round table"),
        "study-visit": N_("study visit"),
        "law": N_("law"),
        "report": N_("report"),
        "other": N_("other"),
    },
    "commitment": {
        "action-plan": N_("national action plan"),
        "upr": N_("UPR recommendation"),
        "cat": N_("Committee against Torture recommendation"),
        "other": N_("other commitment"),
    },
    "response": {
        "accepted": N_("accepted"),
        "noted": N_("noted"),
        "unknown": N_("response unknown"),
    },
    "mechanism": {
        "upr": N_("UPR"),
        "cat": N_("Committee against Torture"),
        "spt": N_("SPT"),
        "treaty-body": N_("other treaty body"),
        "special-procedure": N_("special procedure"),
    },
    "recommendation-response": {
        "supported": N_("supported"),
        "noted": N_("noted"),
        "partially-supported": N_("partially supported"),
        "no-response": N_("no response"),
        "not-applicable": N_("no response expected"),
        "unknown": N_("response unknown"),
    },
}


def label(kind: str, value: str | None, lang: str) -> str:
    """The label of a coded value in `lang`; a value the table does not know is shown as it
    is, and no value as nothing."""
    if value is None:
        return ""
    known = LABELS[kind].get(value)
    return tr(lang, known) if known else value
