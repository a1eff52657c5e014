"""Click's usage errors in the user's language. Typer builds them from its own copy of Click with
f-strings, not gettext, so they reach npmcheck as finished English sentences: each known form is
matched here and said again from the catalogue; a sentence of another form stays as Click wrote
it. tests/test_messages_ru.py provokes every form through the CLI, so a Typer upgrade that
rewords one fails there rather than going back to English unnoticed."""

from __future__ import annotations

import re

from npmcheck.i18n import N_, tr

# (pattern of Click's English sentence, msgid of its translation); `reason` is itself a
# sentence of Click's and is translated in turn
_FORMS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), t) for p, t in [
    (r"Invalid value for (?P<hint>.+?): (?P<reason>.+)",
     N_("Invalid value for {hint}: {reason}")),
    (r"Invalid value: (?P<reason>.+)", N_("Invalid value: {reason}")),
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
     N_("No such option: {name} (possible options: {options})")),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"No such command (?P<name>'.+?')\. Did you mean (?P<options>.+)\?",
     N_("No such command {name}. Did you mean {options}?")),
    (r"No such command (?P<name>'.+?')\.", N_("No such command {name}.")),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (r"(?P<value>.+) is not a valid (?:int|int range)\.", N_("{value} is not a whole number.")),
    (r"(?P<value>.+) is not a valid (?:float|float range)\.", N_("{value} is not a number.")),
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.",
     N_("{value} is not in the range {range}.")),
    (r"Option (?P<name>'.+?') requires an argument\.", N_("Option {name} needs a value.")),
    (r"Option (?P<name>'.+?') does not take a value\.",
     N_("Option {name} does not take a value.")),
    (r"Got unexpected extra argument\(s\) \((?P<words>.+)\)",
     N_("Unexpected extra words: {words}")),
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    # typer.models' path check: a file where a folder is wanted (--data) or the other way round
    (r"(?:File|Directory|Path) (?P<path>.+) is a directory\.",
     N_("{path} is a folder, not a file.")),
    (r"(?:File|Directory|Path) (?P<path>.+) is a file\.", N_("{path} is a file, not a folder.")),
]]


def click_message(message: str, lang: str) -> str:
    """Click's sentence `message` in `lang`; unchanged in English or when its form is unknown."""
    if lang == "en":
        return message
    for pattern, msgid in _FORMS:
        found = pattern.fullmatch(message)
        if found:
            params = found.groupdict()
            if "reason" in params:
                params["reason"] = click_message(params["reason"], lang)
            return tr(lang, msgid, **params)
    return message


# What Typer asks gettext for while it writes a help page (typer/core.py); npmcheck hands it
# its own catalogue (cli.py), so the msgids are listed here for scripts/update_po.py
TYPER_WORDS = (N_("Arguments"), N_("Options"), N_("Commands"), N_("default: {default}"),
               N_("required"), N_("env var: {var}"))
# and the help of the options Typer adds, in its own English
TYPER_HELP = frozenset((
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
))
_USAGE = re.compile(r"^Usage: ", re.M)


def help_words(page: str, lang: str) -> str:
    """A help page with the word Click writes before the usage line in `lang`."""
    if lang == "en":
        return page
    return _USAGE.sub(tr(lang, "Usage: ").replace("\\", r"\\"), page)
