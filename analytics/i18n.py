"""The app's words in the reader's language, and numbers and dates written the way that language writes them.

The interface text lives in gettext catalogs under `locales/` (English is the source text, the msgid; Spanish and
Portuguese are `locales/<lang>/LC_MESSAGES/messages.po`), made and updated with Babel (`make messages`), so that
translators work with the usual tools. Call sites pass the language explicitly, because the reader chooses it in the
app (every session its own), not the process or the browser:

    t("Overview", lang)                                   a text
    t("{count} regions chosen", lang, count=...)          placeholders are str.format's, filled after translation
    tn("{count} problem", "{count} problems", n, lang, count=...)   the form that agrees with n
    tc("table column", "Validated", lang)                 one English text translated two ways: a msgctxt
    N_("Initiatives")                                     marks a text kept in a table, translated later by t()

Names of codes (sectors, types, statuses...) live in `analytics.reference.taxonomy`, country names in the database.
Numbers, percentages and dates come from CLDR through Babel, in each language's locale.
"""

from __future__ import annotations

import datetime as dt
import gettext
import math
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date, format_time, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol
from babel.support import Translations

from analytics.reference import taxonomy

LANGUAGES = taxonomy.LANGUAGES
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
MISSING = "–"
# The app's English is British, as the UN's is ("12 Dec 2023", day before month): CLDR's en_GB
CLDR_LOCALES = {"en": "en_GB", "es": "es", "pt": "pt"}


def N_(message: str) -> str:
    """Marks a text for extraction (a Babel keyword) where it is only stored; `t` translates it where it is shown."""
    return message


class Contextual(NamedTuple):
    context: str
    message: str


def NC_(context: str, message: str) -> Contextual:
    """`N_` for a text with a msgctxt: `t` translates the pair as `tc` would."""
    return Contextual(context, message)


def language(code: str | None) -> str:
    """A supported language code; anything else (a hand-edited URL) falls back to English."""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def catalog_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (English: the msgids themselves). A `.mo` missing or older than its `.po` (a fresh
    checkout, a catalog just edited) is compiled in memory from the `.po`, so no build step is needed to run the app;
    `make messages` writes the `.mo` files. Fuzzy entries are left out, as `pybabel compile` leaves them out."""
    lang = language(lang)
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    po = catalog_path(lang)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return Translations(compiled, domain=DOMAIN)
    with po.open("rb") as source:
        catalog = read_po(source, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _filled(text: str, values: dict) -> str:
    return text.format(**values) if values else text


def t(message: str | Contextual, lang: str, /, **values) -> str:
    """`message` (its English text) in `lang`, its placeholders filled with `values`."""
    if isinstance(message, Contextual):
        return tc(message.context, message.message, lang, **values)
    return _filled(translations(language(lang)).gettext(message), values)


def tc(context: str, message: str, lang: str, /, **values) -> str:
    """`t` for an English text that other languages translate differently in different places (gettext's pgettext)."""
    return _filled(translations(language(lang)).pgettext(context, message), values)


def tn(singular: str, plural: str, n: float | int, lang: str, /, **values) -> str:
    """The form that agrees with the count `n` (the figure the sentence's noun agrees with), by the catalog's
    Plural-Forms; placeholders are filled as in `t`, so the count itself is passed again, written by `number`."""
    return _filled(translations(language(lang)).ngettext(singular, plural, int(abs(n))), values)


# Source names that the build writes in English into a vintage string ("<source> (2021)"); `sources` translates them.
# analytics.reference.gazetteer.WPP_SOURCE is this one (a test holds the two equal).
SOURCE_NAMES = (N_("UN DESA World Population Prospects 2022, estimates (sum of five-year age groups published in thousands)"),)


def sources(text: str | None, lang: str) -> str:
    """A vintage string written by the build in English, its known source names translated."""
    if not text:
        return MISSING
    for name in SOURCE_NAMES:
        text = text.replace(name, t(name, lang))
    return text


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(CLDR_LOCALES[language(lang)])


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimals_pattern(pattern: str, decimals: int) -> str:
    """A CLDR pattern ("#,##0 %") with exactly `decimals` decimal places."""
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """12,345.6 in English; 12.345,6 in Spanish and Portuguese: CLDR's symbols, through Babel."""
    if _is_missing(value):
        return MISSING
    return format_decimal(value, format=_decimals_pattern("#,##0", decimals), locale=_locale(lang))


def signed(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if _is_missing(value):
        return MISSING
    return ("+" if value > 0 else "") + number(value, lang, decimals)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.423) as a percentage in the language's CLDR pattern: 42% in English and Portuguese, 42 % (with a
    no-break space) in Spanish. Chart axes use the same function (viz.style.percent_axis), so both read alike."""
    if _is_missing(share):
        return MISSING
    pattern = _locale(lang).percent_formats[None].pattern
    return format_percent(share, format=_decimals_pattern(pattern, decimals), locale=_locale(lang))


def month_name(month: int, lang: str, short: bool = False) -> str:
    """CLDR's name of the month as it stands in a date: "September", "Sept"; "septiembre", "sept"; "setembro", "set."."""
    return get_month_names("abbreviated" if short else "wide", locale=_locale(lang))[month]


# The app's short date keeps one look in every language, day, abbreviated month, year ("12 Dec 2023", "12 dic 2023",
# "12 dez. 2023"); the long date is CLDR's own ("12 December 2023", "12 de diciembre de 2023").
SHORT_DATE = "d MMM y"


def date(value: dt.date | None, lang: str, long: bool = False) -> str:
    if value is None:
        return MISSING
    return format_date(value, format="long" if long else SHORT_DATE, locale=_locale(lang))


def date_input_format(lang: str) -> str:
    """The order of day, month and year in the language's CLDR short date (d/M/yy in Spanish, dd/MM/y in British), as
    one of the formats Streamlit's date input accepts, with the year in full."""
    pattern = _locale(lang).date_formats["short"].pattern
    order = sorted("dMy", key=lambda field: pattern.find(field))
    return "/".join({"d": "DD", "M": "MM", "y": "YYYY"}[field] for field in order)


def timestamp(value: dt.datetime | None, lang: str) -> str:
    if value is None:
        return MISSING
    return f"{date(value.date(), lang)}, {format_time(value, 'HH:mm', locale=_locale(lang))}"


# a period's label: CLDR's abbreviated month ("Sept 2025", "sept 2025", "set. 2025") and abbreviated quarter
# ("Q3 2025", "T3 2025")
PERIOD_PATTERNS = {"month": "MMM y", "quarter": "QQQ y", "year": "y"}


def period(value: dt.date, unit: str, lang: str) -> str:
    """The label of the month, quarter or year that starts on `value`."""
    return format_date(value, format=PERIOD_PATTERNS[unit], locale=_locale(lang))


# (decimal mark, group separator) of each language, from CLDR
SEPARATORS = {code: (get_decimal_symbol(_locale(code)), get_group_symbol(_locale(code))) for code in LANGUAGES}


def plotly_separators(lang: str) -> str:
    """Plotly's `layout.separators`: CLDR's decimal mark then group separator, as `number` writes them."""
    return get_decimal_symbol(_locale(lang)) + get_group_symbol(_locale(lang))
