"""The console entry point. It imports nothing heavy itself, so that Ctrl-C while the CLI's
modules load (the first quarter second) exits quietly with 130, as it does later; and bash
completion of a country or criterion id is answered before the CLI loads (fastcomplete.py)."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported: completion answers before it is needed
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> None:
    if "_NPMCHECK_COMPLETE" in os.environ and len(sys.argv) == 1:
        _complete_fast()
    try:
        from npmcheck.cli import main as run
    except KeyboardInterrupt:
        _interrupted()
    try:
        run()
    except KeyboardInterrupt:  # between the CLI's own handler and the exit
        _interrupted()


def _interrupted() -> NoReturn:
    try:
        from npmcheck.i18n import default_lang, tr

        line = tr(default_lang(), "interrupted")
    except BaseException:  # a second Ctrl-C, or the catalogue half-loaded: say it in English
        line = "interrupted"
    try:
        sys.stderr.write(f"npmcheck: {line}\n")
    finally:
        raise SystemExit(130)


def _complete_fast() -> None:
    """Answer bash completion here when fastcomplete knows the answer; else return, and the
    full CLI answers."""
    try:
        from npmcheck.fastcomplete import answer

        text = answer(os.environ)
        if text is None:
            return
        sys.stdout.write(text)
        sys.stdout.flush()
    except KeyboardInterrupt:
        _interrupted()
    except Exception:  # an unreadable folder or file: the full path says what is wrong
        return
    os._exit(0)
