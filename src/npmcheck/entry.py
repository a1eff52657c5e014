"""The console entry point. It imports nothing heavy itself, so that Ctrl-C while the CLI's
modules load (the first quarter second) exits quietly with 130, as it does later."""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> None:
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
