"""The report and the handout as PDF: the HTML report, laid out for print by WeasyPrint.

The same HTML as `--format html`, with its print stylesheet (_layout.html.j2: A4, page numbers
and the country in the running header, table rows and pictures never cut). WeasyPrint is an
optional extra (`pip install 'npmcheck[pdf]'`, it needs the Pango library); it is imported here
only, and without it the command stops with one line that says how to install it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from npmcheck.diagnostics import usage_error
from npmcheck.render import html
from npmcheck.render.registry import Options

if TYPE_CHECKING:
    from npmcheck.views.report import ReportView


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as e:  # OSError: installed, but Pango is missing
        raise usage_error("E208", "PDF needs WeasyPrint: pip install 'npmcheck[pdf]' ({reason})",
                          reason=str(e).splitlines()[0] if str(e) else type(e).__name__) from e
    # its warnings about CSS it does not know (screen-only rules) are not the reader's concern
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def _pdf(page: str) -> bytes:
    weasyprint = _weasyprint()
    data: bytes = weasyprint.HTML(string=page, base_url=None).write_pdf()
    return data


def report(view: ReportView, options: Options) -> bytes:
    return _pdf(html.report(view, options))


def handout(view: ReportView, options: Options) -> bytes:
    return _pdf(html.handout(view, options))
