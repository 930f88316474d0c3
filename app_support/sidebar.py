"""The sidebar: language and every filter, one widget per row of `analytics.serving.filters` (a range's two rows share one).

Each widget is drawn by its kind (multiselect, date, year range) with the row's label and help, so a new row
appears here without an edit. Widgets take their values from session state only (never a `value=` argument),
so the URL, the reset button and the reader all set them the same way. Before each widget is drawn its stored
value is checked against the current choices: a value from an old link or from a replaced database is dropped
or clamped, never an error.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import i18n
from analytics.reference import taxonomy
from analytics.reference.text import normalise_text
from analytics.serving import queries
from analytics.serving.filters import Filters, FilterWidget, specs
from app_support import data
from app_support.state import FILTER_WIDGETS, LANG_KEY, WIDGET_KEYS

RESET_KEY = "filter_reset"
MORE_KEY = "filter_more"


def _reset() -> None:
    for widget in FILTER_WIDGETS:
        st.session_state[widget.key] = widget.value(Filters())


def _keep_known(key: str, options: list[str]) -> None:
    allowed = set(options)
    st.session_state[key] = [value for value in (st.session_state.get(key) or []) if value in allowed]


def _clamp_date(key: str, low: dt.date, high: dt.date) -> None:
    value = st.session_state.get(key)
    if not isinstance(value, dt.date):
        st.session_state[key] = None
    else:
        st.session_state[key] = min(max(value, low), high)


def _clamp_years(key: str, low: int, high: int) -> None:
    stored = st.session_state.get(key)
    start, end = stored if isinstance(stored, (tuple, list)) and len(stored) == 2 else (None, None)
    start = low if start is None else min(max(int(start), low), high)
    end = high if end is None else min(max(int(end), low), high)
    st.session_state[key] = (start, end) if start <= end else (low, high)


def _multiselect(widget: FilterWidget, options: list[str], names: dict[str, str], lang: str) -> None:
    _keep_known(widget.key, options)
    st.multiselect(i18n.t(widget.rows[0].label, lang), options, format_func=lambda code: names.get(code, code),
                   key=widget.key, placeholder=i18n.t("All", lang), help=_help(widget, lang))


def _help(widget: FilterWidget, lang: str) -> str | None:
    return i18n.t(widget.rows[0].help, lang) if widget.rows[0].help else None


def _code_choices(widget: FilterWidget, lang: str, country_names: dict[str, str],
                  country_order: list[str]) -> tuple[list[str], dict[str, str]]:
    """A multiselect's codes, in order, and their names in `lang`."""
    spec = widget.rows[0]
    if spec.kind == "iso2":
        return country_order, country_names
    names = taxonomy.labels(spec.vocabulary or "", lang)
    if spec.code_shown:
        names = {code: f"{code} · {name}" for code, name in names.items()}
    return list(taxonomy.codes(spec.vocabulary or "")), names


def render(lang: str, total_initiatives: int) -> Filters:
    """Draw the sidebar and return the filters it holds."""
    country_names, country_order = _countries_innormalise_text(lang)
    dates = data.query(queries.registry_dates).row(0, named=True)
    today = dt.date.today()
    first_day = dt.date((dates["first"] or today).year, 1, 1)
    last_day = dt.date(max(dates["last"] or today, today).year, 12, 31)
    first_year = dates["first_year"] or today.year
    last_year = dates["last_year"] or today.year
    # a range slider over a single year has nothing to choose: it is not drawn
    shown = [widget for widget in FILTER_WIDGETS if widget.kind != "year range" or first_year < last_year]
    with st.sidebar:
        st.selectbox(i18n.t("Language", lang), i18n.LANGUAGES, format_func=i18n.LANGUAGE_NAMES.get, key=LANG_KEY,
                     placeholder=i18n.t("Choose an option", lang))
        st.subheader(i18n.t("Filters", lang))
        for widget in shown:
            if widget.kind == "date":
                _clamp_date(widget.key, first_day, last_day)
            elif widget.kind == "year range":
                _clamp_years(widget.key, first_year, last_year)

        def draw(widget: FilterWidget) -> None:
            label = i18n.t(widget.rows[0].label, lang)
            if widget.rows[0].kind == "region":
                _region_filter(widget, lang)
            elif widget.kind == "multiselect":
                _multiselect(widget, *_code_choices(widget, lang, country_names, country_order), lang)
            elif widget.kind == "date":
                # one under the other: side by side, the sidebar cut "2024-01-01" to "24-01-01"
                # Streamlit's date field applies a typed date when its calendar closes (Esc), not on Enter: its help says so
                st.date_input(label, min_value=first_day, max_value=last_day, key=widget.key,
                              format=i18n.date_input_format(lang), help=_help(widget, lang))
            else:
                st.slider(label, min_value=first_year, max_value=last_year, step=1, key=widget.key)

        for widget in shown:
            if not widget.rows[0].more:
                draw(widget)
        rarer = [widget for widget in shown if widget.rows[0].more]
        more_active = any(st.session_state.get(widget.key) != (first_year, last_year) if widget.kind == "year range"
                          else st.session_state.get(widget.key) for widget in rarer)
        # The rarer filters are drawn only when asked for, or while one is in use (a link, the URL): seven widgets
        # fewer on every rerun of every page (each one is work). A filter in use keeps the switch on, so it is never
        # hidden and its value never dropped with its widget.
        if more_active:
            st.session_state[MORE_KEY] = True
        names = ", ".join(dict.fromkeys(i18n.t(widget.rows[0].label, lang) for widget in rarer))
        if st.toggle(i18n.t("More filters", lang), key=MORE_KEY, disabled=more_active,
                     help=i18n.t("On while one of these filters is in use: {filters}.", lang, filters=names) if more_active
                     else i18n.t("Filters under this switch: {filters}.", lang, filters=names)):
            for widget in rarer:
                draw(widget)
        filters = _filters_from_widgets(first_year, last_year)
        st.button(i18n.t("Clear filters", lang), key=RESET_KEY, on_click=_reset, disabled=filters.is_empty,
                  icon=":material/filter_alt_off:")
        matching = data.query(queries.count_initiatives, filters)
        st.caption(i18n.tn("{count} of {total} initiative matches the filters.",
                           "{count} of {total} initiatives match the filters.", total_initiatives, lang, count=i18n.number(matching, lang),
                          total=i18n.number(total_initiatives, lang)))
    return filters


def _region_filter(widget: FilterWidget, lang: str) -> None:
    """Regions of the chosen countries (of every country in the registry when none is chosen), under the country
    filter. A chosen region outside the chosen countries stays chosen and listed, so that the selection is visibly
    empty (the shell says why) rather than silently widened."""
    options, names = _region_choices(tuple(sorted(st.session_state.get(WIDGET_KEYS["countries"]) or ())),
                                     tuple(st.session_state.get(widget.key) or ()))
    _multiselect(widget, options, names, lang)


@data.memoised
def _countries_innormalise_text(lang: str) -> tuple[dict[str, str], list[str]]:
    """The registry's countries (code → name in `lang`) and their codes in reading order; worked out once per language
    and database version (sorting by `_reading_order` on every rerun was a measurable part of the sidebar)."""
    countries = data.query(queries.countries_in_registry)
    names = dict(zip(countries["iso2"], countries[f"name_{lang}"], strict=True))
    return names, sorted(names, key=lambda code: normalise_text(names[code]))


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
    return sorted(options, key=lambda code: (code.split("-")[0], normalise_text(known[code]))), names


def _filters_from_widgets(first_year: int, last_year: int) -> Filters:
    values: dict[str, object] = {}
    for widget in FILTER_WIDGETS:
        stored = st.session_state.get(widget.key)
        if widget.kind == "multiselect":
            values[widget.fields[0]] = tuple(stored or ())
        elif widget.kind == "date":
            values[widget.fields[0]] = stored
        else:
            # a range slider at the data's first (last) year sets no lower (upper) bound
            start, end = stored or (None, None)
            values[widget.fields[0]] = start if start is not None and start > first_year else None
            values[widget.fields[1]] = end if end is not None and end < last_year else None
    for spec in specs():  # two date fields can cross: read them as the range they span
        if spec.lower and values[spec.lower] and values[spec.field] and values[spec.lower] > values[spec.field]:
            values[spec.lower], values[spec.field] = values[spec.field], values[spec.lower]
    return Filters(**values)
