"""The sidebar: language and every field of `Filters`, shared by all pages.

Widgets take their values from session state only (never a `value=` argument), so the
URL, the reset button and the reader all set them the same way. Before each widget is
drawn its stored value is checked against the current choices: a value from an old link
or from a replaced database is dropped or clamped, never an error.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import streamlit as st

from analytics import i18n, queries, taxonomy
from analytics.filters import Filters
from app_support import data
from app_support.state import FOUNDED_KEY, LANG_KEY, WIDGET_KEYS

RESET_KEY = "filter_reset"
# the fields shown without opening "More filters"
MAIN_FIELDS = ("countries", "sectors", "types")


def _reset() -> None:
    for key in WIDGET_KEYS.values():
        st.session_state[key] = None if key.startswith("filter_registered") else []
    st.session_state[FOUNDED_KEY] = (None, None)


def _keep_known(key: str, options: list[str]) -> None:
    allowed = set(options)
    st.session_state[key] = [value for value in (st.session_state.get(key) or []) if value in allowed]


def _clamp_date(key: str, low: dt.date, high: dt.date) -> None:
    value = st.session_state.get(key)
    if not isinstance(value, dt.date):
        st.session_state[key] = None
    else:
        st.session_state[key] = min(max(value, low), high)


def _clamp_years(low: int, high: int) -> None:
    stored = st.session_state.get(FOUNDED_KEY)
    start, end = stored if isinstance(stored, (tuple, list)) and len(stored) == 2 else (None, None)
    start = low if start is None else min(max(int(start), low), high)
    end = high if end is None else min(max(int(end), low), high)
    st.session_state[FOUNDED_KEY] = (start, end) if start <= end else (low, high)


def _multiselect(field: str, options: list[str], names: dict[str, str], lang: str, help_text: str | None = None) -> None:
    key = WIDGET_KEYS[field]
    _keep_known(key, options)
    st.multiselect(i18n.t(f"filter.{field}", lang), options, format_func=lambda code: names.get(code, code), key=key,
                   placeholder=i18n.t("sidebar.all", lang), help=help_text)


def render(lang: str, total_initiatives: int) -> Filters:
    """Draw the sidebar and return the filters it holds."""
    country_names, country_order = _countries_in_reading_order(lang)
    dates = data.query(queries.registry_dates).row(0, named=True)
    choices = {
        "countries": country_order,
        "sectors": list(taxonomy.codes("eclac_sector")),
        "types": list(taxonomy.codes("type")),
        "subregions": list(taxonomy.codes("subregion")),
        "statuses": list(taxonomy.codes("status")),
        "isic_sections": list(taxonomy.codes("isic_section")),
        "size_classes": list(taxonomy.codes("size_class")),
    }
    names = {
        "countries": country_names,
        "sectors": taxonomy.labels("eclac_sector", lang),
        "types": taxonomy.labels("type", lang),
        "subregions": taxonomy.labels("subregion", lang),
        "statuses": taxonomy.labels("status", lang),
        "isic_sections": {code: f"{code} · {name}" for code, name in taxonomy.labels("isic_section", lang).items()},
        "size_classes": taxonomy.labels("size_class", lang),
    }
    today = dt.date.today()
    first_day = dt.date((dates["first"] or today).year, 1, 1)
    last_day = dt.date(max(dates["last"] or today, today).year, 12, 31)
    first_year = dates["first_year"] or today.year
    last_year = dates["last_year"] or today.year
    with st.sidebar:
        st.selectbox(i18n.t("sidebar.language", lang), i18n.LANGUAGES, format_func=i18n.LANGUAGE_NAMES.get, key=LANG_KEY,
                     placeholder=i18n.t("widget.choose", lang))
        st.subheader(i18n.t("sidebar.filters", lang))
        for field in MAIN_FIELDS:
            _multiselect(field, choices[field], names[field], lang)
            if field == "countries":
                _region_filter(lang)
        for key in (WIDGET_KEYS["registered_from"], WIDGET_KEYS["registered_to"]):
            _clamp_date(key, first_day, last_day)
        if first_year < last_year:
            _clamp_years(first_year, last_year)
        more_active = any(st.session_state.get(WIDGET_KEYS[f]) for f in ("subregions", "statuses", "isic_sections",
                                                                           "size_classes", "registered_from", "registered_to"))
        more_active = more_active or (first_year < last_year and st.session_state[FOUNDED_KEY] != (first_year, last_year))
        with st.expander(i18n.t("sidebar.more_filters", lang), expanded=more_active):
            for field in ("subregions", "statuses", "isic_sections"):
                _multiselect(field, choices[field], names[field], lang)
            _multiselect("size_classes", choices["size_classes"], names["size_classes"], lang,
                         help_text=i18n.t("filter.size_classes_help", lang))
            # one under the other: side by side, the sidebar cut "2024-01-01" to "24-01-01"
            for field in ("registered_from", "registered_to"):
                # Streamlit's date field applies a typed date when its calendar closes (Esc), not on Enter: say so
                st.date_input(i18n.t(f"filter.{field}", lang), min_value=first_day, max_value=last_day,
                              key=WIDGET_KEYS[field], format=i18n.date_input_format(lang),
                              help=i18n.t("filter.date_help", lang))
            if first_year < last_year:
                st.slider(i18n.t("filter.founded", lang), min_value=first_year, max_value=last_year, step=1,
                          key=FOUNDED_KEY)
        filters = _filters_from_widgets(first_year, last_year)
        st.button(i18n.t("sidebar.reset", lang), key=RESET_KEY, on_click=_reset, disabled=filters.is_empty,
                  icon=":material/filter_alt_off:")
        matching = data.query(queries.count_initiatives, filters)
        st.caption(i18n.tn("sidebar.matching", total_initiatives, lang, count=i18n.number(matching, lang),
                          total=i18n.number(total_initiatives, lang)))
    return filters


def _region_filter(lang: str) -> None:
    """Regions of the chosen countries (of every country in the registry when none is chosen), under the country
    filter. A chosen region outside the chosen countries stays chosen and listed, so that the selection is visibly
    empty (the shell says why) rather than silently widened."""
    options, names = _region_choices(tuple(sorted(st.session_state.get(WIDGET_KEYS["countries"]) or ())),
                                     tuple(st.session_state.get(WIDGET_KEYS["regions"]) or ()))
    _multiselect("regions", options, names, lang, help_text=i18n.t("filter.regions_help", lang))


@data.memoised
def _countries_in_reading_order(lang: str) -> tuple[dict[str, str], list[str]]:
    """The registry's countries (code → name in `lang`) and their codes in reading order; worked out once per language
    and database version (sorting by `_reading_order` on every rerun was a measurable part of the sidebar)."""
    countries = data.query(queries.countries_in_registry)
    names = dict(zip(countries["iso2"], countries[f"name_{lang}"], strict=True))
    return names, sorted(names, key=lambda code: _reading_order(names[code]))


@data.memoised
def _region_choices(chosen_countries: tuple[str, ...], chosen_regions: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """The region filter's options in reading order, grouped by country, and their labels; once per choice of countries
    and regions and database version (sorting about 500 names on every rerun was a fifth of a cached sidebar)."""
    regions = data.query(queries.region_names)
    in_registry = set(data.query(queries.countries_in_registry)["iso2"])
    known = dict(zip(regions["code"], regions["name"], strict=True))
    chosen = [code for code in chosen_regions if code in known]
    countries = set(chosen_countries) or in_registry
    options = [code for code, country in zip(regions["code"], regions["country"], strict=True) if country in countries]
    options += [code for code in chosen if code not in set(options)]
    names = {code: f"{known[code]} · {code}" for code in options}
    return sorted(options, key=lambda code: (code.split("-")[0], _reading_order(known[code]))), names


def _filters_from_widgets(first_year: int, last_year: int) -> Filters:
    values = {field: tuple(st.session_state.get(key) or ()) for field, key in WIDGET_KEYS.items()
              if not key.startswith("filter_registered")}
    registered = [st.session_state.get(WIDGET_KEYS[f]) for f in ("registered_from", "registered_to")]
    if all(registered) and registered[0] > registered[1]:
        registered.reverse()
    start, end = st.session_state.get(FOUNDED_KEY) or (None, None)
    return Filters(
        **values,
        registered_from=registered[0],
        registered_to=registered[1],
        founded_from=start if start is not None and start > first_year else None,
        founded_to=end if end is not None and end < last_year else None,
    )


def _reading_order(name: str) -> str:
    """Sort names as a reader expects: accents and case ignored (Perú between Paraguay and Uruguay)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
