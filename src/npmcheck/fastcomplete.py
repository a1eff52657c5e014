"""Bash completion of country and criterion ids without starting the CLI.

Bash runs `npmcheck` afresh on every Tab press. Answering through Typer costs the import of
Typer and Click and the building of every command (about 1.4 times `import typer, yaml`);
the ids themselves are file names and `id:` lines. So the entry point answers here the one
question that needs no Typer: the value of an argument or option that completes country or
criterion ids. It gives exactly what Click's completion gives, and `answer` returns None for
anything it does not recognise with certainty (a command or option name, an option's choices,
`--opt=value`, `--`, quoting, short option clusters, help), which then goes the full way.

COMMANDS mirrors the parameters of the commands in cli.py; tests/test_completion.py checks it
against the Typer app and compares this path with the full one on random command lines.
"""

from __future__ import annotations

from collections.abc import Mapping

COUNTRY = "country"
CRITERION = "criterion"


class Shape:
    """What completion needs to know of a command: its positional argument (how many values,
    what completes them: None for nothing this module answers), and its options. (A plain
    class: importing dataclasses would cost more than the rest of this path.)"""

    __slots__ = ("argument", "completes", "flags", "nargs", "takes_value")

    def __init__(self, nargs: int, argument: str | None, takes_value: frozenset[str],
                 flags: frozenset[str], completes: Mapping[str, str]) -> None:
        self.nargs = nargs  # 1, or -1 for any number; 0 when the command takes no argument
        self.argument = argument
        self.takes_value = takes_value  # options followed by a value
        self.flags = flags  # options that stand alone
        self.completes = completes  # option -> what completes its value


def _shape(nargs: int, argument: str | None, values: str, flags: str = "",
           completes: Mapping[str, str] | None = None) -> Shape:
    return Shape(nargs, argument, frozenset(values.split()), frozenset(flags.split()),
                 dict(completes or {}))


_COMMON = "--lang -l --data -d"
_OUT = "--output -o"
COMMANDS: dict[tuple[str, ...], Shape] = {
    ("validate",): _shape(-1, None, f"--format -f --stale-after {_COMMON}", "--strict"),
    ("criteria",): _shape(1, CRITERION, f"--format -f {_COMMON} {_OUT}", "--force"),
    ("countries",): _shape(0, None, f"--format -f {_COMMON}"),
    ("assess",): _shape(1, COUNTRY, "--format -f --as-of --fail-under --profile -p "
                                    f"--stale-after {_COMMON} {_OUT}", "--force"),
    ("compare",): _shape(-1, COUNTRY, f"--format -f --stale-after {_COMMON} {_OUT}",
                         "--all --criteria --force"),
    ("roadmap",): _shape(1, COUNTRY, "--format -f --by --top --deposit-date --as-of --profile "
                                     f"-p --stale-after {_COMMON} {_OUT}", "--force"),
    ("report",): _shape(1, COUNTRY, "--format -f --deposit-date --as-of --since --profile -p "
                                    f"--stale-after {_COMMON} {_OUT}", "--force --handout"),
    ("diff",): _shape(-1, COUNTRY, f"--from --to --format -f --profile -p {_COMMON} {_OUT}",
                      "--force"),
    ("interview",): _shape(1, COUNTRY, f"--area --only --start --as-of {_OUT} {_COMMON}",
                           completes={"--start": CRITERION}),
    ("recommendations",): _shape(1, COUNTRY, "--mechanism --response --criterion --format -f "
                                             f"--profile -p {_COMMON} {_OUT}", "--force",
                                 completes={"--criterion": CRITERION}),
    ("site",): _shape(0, None, f"{_OUT} --format -f --stale-after {_COMMON}"),
    ("sheet", "export"): _shape(1, COUNTRY, f"{_OUT} {_COMMON}", "--force"),
    ("sheet", "import"): _shape(1, None, f"{_OUT} {_COMMON}"),
}
GROUPS = frozenset({("sheet",)})
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                   "-_./:@+,%")


def what_completes(words: list[str], cword: int) -> tuple[str, str] | None:
    """(COUNTRY or CRITERION, the incomplete word) when bash asks for such ids, else None.

    `words` is COMP_WORDS split (the program first), `cword` the index of the word completed,
    as Click reads them (typer's BashComplete.get_completion_args)."""
    if cword < 1:
        return None
    args = words[1:cword]
    incomplete = words[cword] if cword < len(words) else ""
    if incomplete.startswith("-") or "=" in incomplete:
        return None  # an option name, or a value joined to its option: the full path
    path: tuple[str, ...] = ()
    rest = list(args)
    while rest and (*path, rest[0]) in GROUPS:
        path = (*path, rest.pop(0))
    if not rest:
        return None  # completing a command name
    path = (*path, rest.pop(0))
    shape = COMMANDS.get(path)
    if shape is None:
        return None
    given = 0
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg.startswith("-"):
            if arg in shape.flags:
                i += 1
                continue
            if arg not in shape.takes_value:
                return None  # --help, --, a cluster, --opt=value, an unknown option
            if i + 1 == len(rest):  # the word completed is this option's value
                kind = shape.completes.get(arg)
                return (kind, incomplete) if kind else None
            if rest[i + 1].startswith("-"):
                return None  # Click would take it as the value; leave such lines to Click
            i += 2
            continue
        given += 1
        i += 1
    if shape.argument is None or (shape.nargs == 1 and given >= 1) or shape.nargs == 0:
        return None
    return shape.argument, incomplete


def answer(environ: Mapping[str, str]) -> str | None:
    """The text `npmcheck` prints for bash completion (one candidate a line), or None when
    the full CLI must answer."""
    if environ.get("_NPMCHECK_COMPLETE") != "complete_bash":
        return None
    line = environ.get("COMP_WORDS", "")
    if not set(line) <= _PLAIN | {" ", "\t", "\r", "\n"}:
        return None  # quotes, escapes, non-ASCII: shlex rules, left to Click
    try:
        cword = int(environ.get("COMP_CWORD", ""))
    except ValueError:
        return None
    asked = what_completes(line.split(), cword)
    if asked is None:
        return None
    from npmcheck.load.roots import country_ids, criterion_ids

    kind, incomplete = asked
    found = country_ids(incomplete) if kind == COUNTRY else criterion_ids(incomplete)
    # Typer keeps only the candidates that begin with the word as typed (case and all)
    found = [c for c in found if c.startswith(incomplete)]
    if not all(c.isascii() and c.isprintable() and " " not in c for c in found):
        return None  # let Click write names the terminal may not show as they are
    return "\n".join(found) + "\n"
