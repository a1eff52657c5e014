"""The command line: parses options, calls one function in `commands`, maps errors to exit codes.

Exit codes: 0 success; 1 a threshold (--fail-under) not reached; 2 bad input or usage;
3 an internal error (a bug: run again with --traceback and report it); 130 interrupted.
"""

# No `from __future__ import annotations` here: Typer reads the parameter annotations at every
# start, and real objects save it from evaluating each one as a string (about 6 ms).
import contextlib
import datetime as dt
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeAlias, cast

import typer
import typer.core

from npmcheck import __version__
from npmcheck.commands.common import Common
from npmcheck.diagnostics import NpmcheckError, one_line, usage_error
from npmcheck.i18n import default_lang, gettext, tr, unknown_env_lang
from npmcheck.i18n.clickwords import TYPER_HELP, click_message, help_words
from npmcheck.render import registry
from npmcheck.values import LANGS

MECHANISMS = ("upr", "cat", "spt", "treaty-body", "special-procedure")  # profile schema
RESPONSES = ("supported", "noted", "partially-supported", "no-response", "not-applicable",
             "unknown")

def _lang_in(args: list[str]) -> str | None:
    """The last --lang of a command line (before `--`), if it names a language."""
    lang = None
    words = iter(args)
    for arg in words:
        if arg == "--":
            break
        if arg in ("--lang", "-l"):
            lang = next(words, None)
        elif arg.startswith("--lang="):
            lang = arg[len("--lang="):]
        elif arg.startswith("-l"):
            lang = arg[2:]
    return lang if lang in LANGS else None


# Help texts are set when this module is imported, before Click reads --lang: the language is
# taken from the command line itself, else NPMCHECK_LANG or the locale
_LANG = _lang_in(sys.argv[1:]) or default_lang()
# typer re-exports click's exceptions (recent versions vendor click); find the base class there.
_ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def _(message: str) -> str:
    """A help text in the language of the help."""
    return gettext(message, _LANG)


class _Command(typer.core.TyperCommand):
    """A command whose help is in the language of the help: its description (the function's
    docstring, a msgid collected by scripts/update_po.py) and the words Typer adds."""

    def __init__(self, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, help=_(help) if help else help, **kwargs)

    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)


class _Group(typer.core.TyperGroup):
    def get_help(self, ctx: Any) -> str:
        return _help_page(self, ctx, super().get_help)


def _help_page(command: Any, ctx: Any, page: Any) -> str:
    """The help of the options Typer adds (--help, completion) and Click's "Usage:" in the
    language of the help."""
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is not None and param.help in TYPER_HELP:
            param.help = _(param.help)
    return str(help_words(page(ctx), _LANG))


if _LANG != "en":  # typer.core words section titles and [default: ...] with gettext's
    typer.core._ = _  # type: ignore[attr-defined]  # default domain, where nothing is installed


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="npmcheck",
        cls=_Group,
        help=_("Check a country's path to an OPCAT National Preventive Mechanism (NPM): gaps, "
               "scores, a roadmap with legal deadlines, and workshop reports."),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _new_app()


def _choices(name: str, values: tuple[str, ...]) -> type[StrEnum]:
    """An enum of the values, built with Enum's functional API (typeshed types its result as a
    member, not a class, hence the cast)."""
    return cast("type[StrEnum]", StrEnum(name, {v: v for v in values}))


if TYPE_CHECKING:  # for the type checker each is a StrEnum; at run time, its own choices
    Lang: TypeAlias = StrEnum
    Mechanism: TypeAlias = StrEnum
    Response: TypeAlias = StrEnum
    RecommendationsFormat: TypeAlias = StrEnum
    ValidateFormat: TypeAlias = StrEnum
    DiffFormat: TypeAlias = StrEnum
    CriteriaFormat: TypeAlias = StrEnum
    CountryFormat: TypeAlias = StrEnum
    AssessFormat: TypeAlias = StrEnum
    CompareFormat: TypeAlias = StrEnum
    RoadmapFormat: TypeAlias = StrEnum
    ReportFormat: TypeAlias = StrEnum
    SiteFormat: TypeAlias = StrEnum
else:  # --lang and every --format offer what the languages and the renderer registry have
    Lang = _choices("Lang", LANGS)
    Mechanism = _choices("Mechanism", MECHANISMS)
    Response = _choices("Response", RESPONSES)
    RecommendationsFormat = _choices("RecommendationsFormat", registry.formats("recommendations"))
    SiteFormat = _choices("SiteFormat", registry.formats("site"))
    ValidateFormat, CriteriaFormat, CountryFormat, AssessFormat, CompareFormat, RoadmapFormat, \
        ReportFormat, DiffFormat = (_choices(f"{c.capitalize()}Format", registry.formats(c))
                                    for c in ("validate", "criteria", "countries", "assess",
                                              "compare", "roadmap", "report", "diff"))


# each command's default format: the first the registry lists for it
DEFAULT: dict[type[StrEnum], StrEnum] = {
    choice: next(iter(choice)) for choice in (ValidateFormat, CriteriaFormat, CountryFormat,
                                              AssessFormat, CompareFormat, RoadmapFormat,
                                              DiffFormat, RecommendationsFormat, SiteFormat)}


class GroupBy(StrEnum):
    phase = "phase"
    actor = "actor"


# ---------------------------------------------------------------- completion (fast: no YAML)


def complete_country(incomplete: str) -> list[str]:
    from npmcheck.load.roots import country_ids

    return country_ids(incomplete)


def complete_criterion(incomplete: str) -> list[str]:
    from npmcheck.load.roots import criterion_ids

    return criterion_ids(incomplete)


# ---------------------------------------------------------------- shared options

LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", "-l", help=_("Language of the output (default: NPMCHECK_LANG, then the locale, "
                           "then English)."))]
DataOpt = Annotated[list[Path] | None, typer.Option(
    "--data", "-d", help=_("A folder with criteria/ and/or profiles/ to add (repeatable; "
                           "NPMCHECK_PATH adds more)."), file_okay=False)]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help=_("Write to this file instead of the terminal."), dir_okay=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help=_("Replace an existing output file."))]
StaleOpt = Annotated[int, typer.Option(
    "--stale-after", min=1, max=600, metavar="MONTHS",
    help=_("Mark a finding stale when its evidence is older than this many months."))]
ProfileOpt = Annotated[Path | None, typer.Option(
    "--profile", "-p", help=_("Read the country profile from this file."), dir_okay=False)]
CountryArg = Annotated[str | None, typer.Argument(
    help=_("Country: id, ISO code, or English or Russian name."),
    autocompletion=complete_country, show_default=False)]


def _common(lang: Lang | None, data: list[Path] | None, stale_after: int = 24) -> Common:
    if lang is None and (unknown := unknown_env_lang()) is not None:
        raise usage_error("E204", "NPMCHECK_LANG is '{value}', a language npmcheck does not "
                                  "have; set it to en or ru, or give --lang", value=unknown)
    return Common(lang=lang.value if lang else default_lang(), data=list(data or []),
                  stale_after=stale_after)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: str | None, option: str, lang: Lang | None) -> dt.date | None:
    if value is None:
        return None
    try:  # fromisoformat alone also takes 20240101 and week dates such as 2024-W01-1
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        message = gettext("expected a date as YYYY-MM-DD", lang.value if lang else _LANG)
        raise typer.BadParameter(message, param_hint=option) from None


def _version(value: bool) -> None:
    if not value:
        return
    from npmcheck.load import workspace

    try:
        catalogue = workspace.load().catalogue()
        data = f"{catalogue.id} {catalogue.version}"
    except NpmcheckError:
        data = _("unavailable (run 'npmcheck validate')")
    typer.echo(f"npmcheck {__version__}\n" + _("criteria catalogue") + f": {data}")
    raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True,
        help=_("Show the version of npmcheck and of the bundled catalogue."))] = False,
    traceback: Annotated[bool, typer.Option(
        "--traceback", help=_("Show the full traceback of an internal error."))] = False,
) -> None:
    """Check a country's path to an OPCAT National Preventive Mechanism."""


# ---------------------------------------------------------------- commands


@app.command(cls=_Command)
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        help=_("Files or folders to check (default: all bundled and user data)."),
        show_default=False)] = None,
    fmt: Annotated[ValidateFormat, typer.Option("--format", "-f")] = DEFAULT[ValidateFormat],
    strict: Annotated[bool, typer.Option(
        "--strict", help=_("Treat warnings as errors."))] = False,
    stale_after: StaleOpt = 24,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Check catalogue and profile files: YAML, schema, references, dates and facts."""
    from npmcheck.commands import validate as command

    raise typer.Exit(command.run(_common(lang, data, stale_after), list(paths or []), fmt.value,
                                 strict))


@app.command(cls=_Command)
def criteria(
    criterion: Annotated[str | None, typer.Argument(
        help=_("Show one criterion in full."), autocompletion=complete_criterion,
        show_default=False)] = None,
    fmt: Annotated[CriteriaFormat, typer.Option("--format", "-f")] = DEFAULT[CriteriaFormat],
    lang: LangOpt = None,
    data: DataOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """List the criteria catalogue, or show one criterion with its references."""
    from npmcheck.commands import criteria as command

    raise typer.Exit(command.run(_common(lang, data), criterion, fmt.value, output, force))


@app.command(cls=_Command)
def countries(
    fmt: Annotated[CountryFormat, typer.Option("--format", "-f")] = DEFAULT[CountryFormat],
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """List the country profiles with their stage."""
    from npmcheck.commands import countries as command

    raise typer.Exit(command.run(_common(lang, data), fmt.value))


@app.command(cls=_Command)
def assess(
    country: CountryArg = None,
    fmt: Annotated[AssessFormat, typer.Option("--format", "-f")] = DEFAULT[AssessFormat],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help=_("Assess the profile as it stood on this date (YYYY-MM-DD)."),
        show_default=False)] = None,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", min=0, max=100,
        help=_("Exit with code 1 when the score is below this number."))] = None,
    profile: ProfileOpt = None,
    stale_after: StaleOpt = 24,
    lang: LangOpt = None,
    data: DataOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Score a country against the catalogue: stage, scores, coverage and gaps."""
    from npmcheck.commands import assess as command

    raise typer.Exit(command.run(
        _common(lang, data, stale_after), country, profile, fmt.value,
        _date(as_of, "--as-of", lang), fail_under, output, force))


@app.command(cls=_Command)
def compare(
    countries: Annotated[list[str] | None, typer.Argument(
        help=_("Countries to compare."), autocompletion=complete_country,
        show_default=False)] = None,
    every: Annotated[bool, typer.Option("--all", help=_("Compare every profile."))] = False,
    with_criteria: Annotated[bool, typer.Option(
        "--criteria", help=_("Add the full matrix of criteria by countries."))] = False,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f")] = DEFAULT[CompareFormat],
    stale_after: StaleOpt = 24,
    lang: LangOpt = None,
    data: DataOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Compare countries side by side: stage, score, coverage, areas and criteria."""
    from npmcheck.commands import compare as command

    raise typer.Exit(command.run(
        _common(lang, data, stale_after), list(countries or []), every, with_criteria, fmt.value,
        output, force))


AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help=_("Use the profile as it stood on this date (YYYY-MM-DD)."),
    show_default=False)]
DepositOpt = Annotated[str | None, typer.Option(
    "--deposit-date", help=_("For a State not yet a party: play the deadlines through as if "
                             "it deposited its instrument on this date (YYYY-MM-DD)."),
    show_default=False)]


@app.command(cls=_Command)
def roadmap(
    country: CountryArg = None,
    fmt: Annotated[RoadmapFormat, typer.Option("--format", "-f")] = DEFAULT[RoadmapFormat],
    by: Annotated[GroupBy, typer.Option(
        "--by", help=_("Group the steps by phase or by responsible actor."))] = GroupBy.phase,
    top: Annotated[int | None, typer.Option(
        "--top", min=1, help=_("Show only the first N steps (those that wait for no other)."),
        show_default=False)] = None,
    deposit_date: DepositOpt = None,
    as_of: AsOfOpt = None,
    profile: ProfileOpt = None,
    stale_after: StaleOpt = 24,
    lang: LangOpt = None,
    data: DataOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Plan the next steps: order, responsible actors, legal deadlines, peer examples."""
    from npmcheck.commands import roadmap as command

    raise typer.Exit(command.run(
        _common(lang, data, stale_after), country, profile, fmt.value, by.value,
        _date(as_of, "--as-of", lang), _date(deposit_date, "--deposit-date", lang), output, force,
        top))


@app.command(cls=_Command)
def report(
    country: CountryArg = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help=_("The report file: .html, .md, .docx or .pdf (default: "
                                 "report.html, or report.md, report.docx or report.pdf as "
                                 "--format says)."),
        dir_okay=False, show_default=False)] = None,
    fmt: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", help=_("Format (default: from the file name)."),
        show_default=False)] = None,
    deposit_date: DepositOpt = None,
    as_of: AsOfOpt = None,
    since: Annotated[str | None, typer.Option(
        "--since", help=_("Add the progress since this date, the last workshop (YYYY-MM-DD)."),
        show_default=False)] = None,
    handout: Annotated[bool, typer.Option(
        "--handout", help=_("Write only the handout: two A4 pages with the stage, the score, "
                            "the timeline, the top gaps and the next dated steps (.html, .docx "
                            "or .pdf)."))] = False,
    profile: ProfileOpt = None,
    stale_after: StaleOpt = 24,
    lang: LangOpt = None,
    data: DataOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a workshop report (gap analysis and roadmap) as HTML, Markdown, Word or PDF."""
    from npmcheck.commands import report as command

    raise typer.Exit(command.run(
        _common(lang, data, stale_after), country, profile, fmt.value if fmt else None,
        _date(as_of, "--as-of", lang), _date(deposit_date, "--deposit-date", lang), output,
        force, _date(since, "--since", lang), handout))


@app.command(cls=_Command)
def diff(
    items: Annotated[list[str] | None, typer.Argument(
        metavar="COUNTRY | OLD.yaml NEW.yaml",
        help=_("A country (with --from), or two profile files to compare."),
        autocompletion=complete_country, show_default=False)] = None,
    start: Annotated[str | None, typer.Option(
        "--from", help=_("The earlier date (YYYY-MM-DD): the profile as it stood then."),
        show_default=False)] = None,
    end: Annotated[str | None, typer.Option(
        "--to", help=_("The later date (YYYY-MM-DD; default: the profile's as_of date)."),
        show_default=False)] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DEFAULT[DiffFormat],
    profile: ProfileOpt = None,
    lang: LangOpt = None,
    data: DataOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """What changed: between two dates of a profile, or between two profile files."""
    from npmcheck.commands import diff as command

    raise typer.Exit(command.run(
        _common(lang, data), list(items or []), profile, _date(start, "--from", lang),
        _date(end, "--to", lang), fmt.value, output, force))


@app.command(cls=_Command)
def interview(
    country: Annotated[str, typer.Argument(
        help=_("Country: id, ISO code, or English or Russian name; a new country by its "
               "English name."), autocompletion=complete_country, show_default=False)],
    area: Annotated[str | None, typer.Option(
        "--area", help=_("Ask only the questions of this area (an area id, for example "
                         "designation)."), show_default=False)] = None,
    only: Annotated[str | None, typer.Option(
        "--only", help=_("Ask only the criteria with this status, for example 'unknown'."),
        show_default=False)] = None,
    start: Annotated[str | None, typer.Option(
        "--start", help=_("Begin at this criterion (to go on where you stopped)."),
        autocompletion=complete_criterion, show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help=_("Set the profile's as_of date, the day its sources were checked "
                          "(default: keep it; today for a new profile)."),
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help=_("Write the profile to this file (default: "
                                 "DIR/profiles/<id>.yaml of the last --data DIR)."),
        dir_okay=False)] = None,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Answer the catalogue's questions at the prompt; each answer is saved at once."""
    from npmcheck.commands import interview as command

    raise typer.Exit(command.run(
        _common(lang, data), country, output, area, only, start, _date(as_of, "--as-of", lang)))


sheet_app = typer.Typer(
    name="sheet", cls=_Group, no_args_is_help=True, rich_markup_mode=None,
    help=_("A profile as a spreadsheet (.xlsx) for Excel or LibreOffice, and back."),
    context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(sheet_app)


@sheet_app.command("export", cls=_Command)
def sheet_export(
    country: Annotated[str, typer.Argument(
        help=_("Country: id, ISO code, or English or Russian name."),
        autocompletion=complete_country, show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help=_("The workbook to write (.xlsx)."), dir_okay=False,
        show_default=False)],
    lang: LangOpt = None,
    data: DataOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write one row per criterion, with lists to choose the status and the sources."""
    from npmcheck.commands import sheet as command

    raise typer.Exit(command.run_export(_common(lang, data), country, output, force))


@sheet_app.command("import", cls=_Command)
def sheet_import(
    workbook: Annotated[Path, typer.Argument(
        help=_("A workbook written by 'npmcheck sheet export'."), dir_okay=False,
        show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help=_("Write the profile to this file (default: the profile's own "
                                 "file in your data folder, or DIR/profiles/<id>.yaml of the "
                                 "last --data DIR)."), dir_okay=False)] = None,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Check the workbook row by row and merge it into the profile it was exported from."""
    from npmcheck.commands import sheet as command

    raise typer.Exit(command.run_import(_common(lang, data), workbook, output))


@app.command(cls=_Command)
def recommendations(
    country: CountryArg = None,
    mechanism: Annotated[Mechanism | None, typer.Option(
        "--mechanism", help=_("Only recommendations of this mechanism."),
        show_default=False)] = None,
    response: Annotated[Response | None, typer.Option(
        "--response", help=_("Only recommendations with this response of the State."),
        show_default=False)] = None,
    criterion: Annotated[str | None, typer.Option(
        "--criterion", help=_("Only recommendations that concern this criterion."),
        autocompletion=complete_criterion, show_default=False)] = None,
    fmt: Annotated[RecommendationsFormat, typer.Option("--format", "-f")
                   ] = DEFAULT[RecommendationsFormat],
    profile: ProfileOpt = None,
    lang: LangOpt = None,
    data: DataOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """List the UPR, treaty-body and SPT recommendations on OPCAT and the NPM, with responses."""
    from npmcheck.commands import recommendations as command

    raise typer.Exit(command.run(
        _common(lang, data), country, profile, fmt.value,
        mechanism.value if mechanism else None, response.value if response else None,
        criterion.strip().lower() if criterion else None, output, force))


@app.command(cls=_Command)
def site(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help=_("The folder to write the site into: a new or empty folder, or "
                                 "an earlier site, which is replaced."),
        show_default=False)],  # a file given here gets npmcheck's own message, in --lang
    fmt: Annotated[SiteFormat, typer.Option("--format", "-f")] = DEFAULT[SiteFormat],
    stale_after: StaleOpt = 24,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Write every country, the comparison and the criteria as a static site in English and
    Russian that opens from a folder or a USB stick, with no network and no server."""
    from npmcheck.commands import site as command

    raise typer.Exit(command.run(_common(lang, data, stale_after), output, fmt.value))


# ---------------------------------------------------------------- entry point

# The commands registered with @app.command() above, by name (tests check the two agree).
COMMANDS: dict[str, Any] = {f.__name__: f for f in (
    validate, criteria, countries, assess, compare, roadmap, report, diff, interview,
    recommendations, site)}


def _app_for(args: list[str]) -> typer.Typer:
    """The app that runs this command line: when it begins with a command's name, an app of
    that command alone, built with the same public calls as `app`. Typer builds the parameters
    of every registered command on each run, though only one of them runs (about 8 ms for all
    eleven). Any other line (help, an option or a mistyped name first, `sheet`, completion)
    gets the whole app, so that what it shows stays the same."""
    command = COMMANDS.get(args[0]) if args else None
    if command is None or "_NPMCHECK_COMPLETE" in os.environ:
        return app
    only = _new_app()
    only.callback()(_main)
    only.command(cls=_Command)(command)
    return only



def _refuse_empty_file_name(args: list[str]) -> None:
    """`-o ''` would reach Click as the current folder ("'.' exists"); name the real mistake."""
    for i, arg in enumerate(args):
        if arg == "--":
            return
        given = args[i + 1] if arg in ("-o", "--output") and i + 1 < len(args) else None
        if arg == "--output=" or given == "":
            raise usage_error("E206", "{option} was given an empty file name; give a file name, "
                                      "or leave {option} out to print to the terminal",
                              option="--output" if arg.startswith("--") else "-o")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every expected failure becomes a one-line message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    _tolerant_output()
    try:
        _refuse_empty_file_name(args)
        code = _app_for(args)(args=args, prog_name="npmcheck", standalone_mode=False)
    except typer.Exit as e:
        code = e.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("npmcheck: " + tr(_error_lang(args), "interrupted"), file=sys.stderr)
        code = 130
    except _ClickException as e:
        _show_usage_error(e, _error_lang(args))
        code = 2
    except NpmcheckError as e:
        print(e.show(_error_lang(args)), file=sys.stderr)
        code = e.exit_code
    except BrokenPipeError:
        code = 0
    except OSError as e:  # the system refused: a full disk, a name too long, a file in the way
        reason = e.strerror or str(e)
        text = tr(_error_lang(args), "cannot use '{file}': {reason}", file=e.filename,
                  reason=reason) if e.filename else \
            tr(_error_lang(args), "cannot use: {reason}", reason=reason)
        print("npmcheck: E206 " + one_line(text), file=sys.stderr)
        code = 2
    except Exception as e:  # a bug: say so, never a bare traceback unless asked
        lang = _error_lang(args)
        if isinstance(e, UnicodeDecodeError) and "--install-completion" in args:
            # Typer reads ~/.bashrc (or ~/.zshrc) in the locale's encoding: not a bug of ours
            print("npmcheck: E206 " + tr(lang, "cannot install shell completion: {reason}",
                                         reason=one_line(str(e))), file=sys.stderr)
            code = 2
        elif "--traceback" in args:
            raise
        else:
            print("npmcheck: " + tr(lang, "internal error (this is a bug): {error}\nRun the same "
                                          "command again with --traceback and report what it "
                                          "prints.", error=f"{type(e).__name__}: {e}"),
                  file=sys.stderr)
            code = 3
    code = code if isinstance(code, int) else 0
    if argv is None:  # run as the program (not called from Python): no need to tidy up
        _leave(code)
    sys.exit(code)


def _error_lang(args: list[str]) -> str:
    """The language of an error message: the last --lang of the command line (an error may come
    before Click has read it), else NPMCHECK_LANG or the locale."""
    return _lang_in(args) or default_lang()


def _show_usage_error(error: Any, lang: str) -> None:
    """Click's usage errors as one line, like every other error (Click prints the usage, a hint
    and the message on four lines); `npmcheck` alone still shows the help. The message follows
    the language too (i18n/clickwords.py)."""
    if type(error).__name__ == "NoArgsIsHelpError":
        error.show()
        return
    message = click_message(
        " ".join(error.format_message().replace("Value error, ", "").split()), lang)
    ctx = getattr(error, "ctx", None)
    hint = tr(lang, " (see '{command} --help')", command=ctx.command_path) \
        if ctx is not None else ""
    print(one_line(f"npmcheck: E204 {message}{hint}"), file=sys.stderr)


def _tolerant_output() -> None:
    """A terminal that cannot show some characters (an ASCII or a Cyrillic 8-bit locale, a
    forced PYTHONIOENCODING) gets '?' for them instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8":
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def _leave(code: int) -> NoReturn:
    """Flush the output and end the process now. Python's orderly exit takes apart every
    module and object one by one, which costs more than a typical command's own work
    (about 13 ms); npmcheck has closed every file it wrote by then and registers no exit
    handlers."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`) or stream
            stream.flush()
    os._exit(code)
