"""Numbers and dates of each language from CLDR, written by scripts/update_po.py from
Babel's locale data; do not edit (update_po.py --check fails when it is not what
Babel gives)."""

from __future__ import annotations

from typing import NamedTuple


class Conventions(NamedTuple):
    """How a language writes numbers, percentages and dates (CLDR patterns)."""

    decimal: str
    group: str
    percent: str
    day: str
    month: str
    year: str
    months: tuple[str, ...]  # the format form: genitive in Russian ("5 мая")
    months_alone: tuple[str, ...]  # the stand-alone form: nominative ("май")


CONVENTIONS: dict[str, Conventions] = {
    'en': Conventions(  # CLDR en_GB
        decimal='.',
        group=',',
        percent='#,##0%',
        day='d MMMM y',
        month='MMMM y',
        year='y',
        months=(
            'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
            'October', 'November', 'December',
        ),
        months_alone=(
            'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
            'October', 'November', 'December',
        ),
    ),
    'ru': Conventions(  # CLDR ru
        decimal=',',
        group='\xa0',
        percent='#,##0\xa0%',
        day="d MMMM y\u202f'г'.",
        month="LLLL y\u202f'г'.",
        year="y\u202f'г'.",
        months=(
            'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября',
            'октября', 'ноября', 'декабря',
        ),
        months_alone=(
            'январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь',
            'октябрь', 'ноябрь', 'декабрь',
        ),
    ),
}
