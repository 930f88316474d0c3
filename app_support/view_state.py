"""Each page's own choices (map shading, countries compared, the Explorer's search...) in the URL and the session.

`app_support.state` carries what every page shares (language, filters); this module carries what
one page owns. Every choice has a short URL key (`VIEW_KEYS`), written into the address bar only
while its page is open and only when it differs from the default, so a copied link reopens the
exact view and a plain link stays plain.

Three things would otherwise lose a choice:
- a fresh browser: the URL is read once, when the session starts (`start_session`);
- a visit to another page: Streamlit forgets a widget's value once the widget is not drawn,
  and clears the query string on a page switch. `keep` copies every choice into a store of its
  own on each rerun and puts it back when its page is drawn again;
- a link inside the app that carries a key (the Map's "open in the Explorer"): on each rerun,
  a key of the open page that the URL holds with another value than this module wrote wins.

Every value from a URL is checked: an unknown choice, a malformed number or a text longer than
its bound is dropped (the page then shows its default), never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import streamlit as st

from analytics import i18n
from analytics.serving import queries

STORE_KEY = "view_store"
WRITTEN_KEY = "view_written"
MAX_TEXT = 200
MAX_ID = 100
MAX_COMPARED = 6
ISO2 = re.compile(r"^[A-Z]{2}$")


def _choice(options: tuple[str, ...]) -> Callable[[str], object]:
    return lambda raw: raw if raw in options else None


def _flag(raw: str) -> object:
    return {"1": True, "0": False}.get(raw)


def _whole(low: int, high: int) -> Callable[[str], object]:
    def parse(raw: str) -> object:
        return int(raw) if raw.isdigit() and len(raw) <= 6 and low <= int(raw) <= high else None

    return parse


def _text(limit: int) -> Callable[[str], object]:
    """Free text up to `limit` characters; longer is dropped rather than cut (a cut search finds something else)."""
    def parse(raw: str) -> object:
        text = raw.strip()
        return text if text and len(text) <= limit and text.isprintable() else None

    return parse


def _countries(raw: str) -> object:
    if len(raw) > 3 * MAX_COMPARED * 2:
        return None
    codes = [code.strip().upper() for code in raw.split(",")]
    kept = list(dict.fromkeys(code for code in codes if ISO2.match(code)))[:MAX_COMPARED]
    return kept or None


def _dump(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class ViewKey:
    """One page-level choice: its URL key, the session key its widget uses, how a URL value is read, and its default
    (a value equal to the default is left out of the URL)."""

    param: str
    session: str
    parse: Callable[[str], object] = field(repr=False)
    default: object = None  # or a function of the session, for a default that depends on another choice

    def read(self, raw: str | list[str] | None) -> object:
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if raw is None or len(raw) > MAX_TEXT * 2:
            return None
        return self.parse(raw)

    def written(self, value: object) -> str | None:
        default = self.default() if callable(self.default) else self.default
        if value is None or value == default or value in ("", [], ()):
            return None
        return _dump(value)


# page url path → its choices; the page's own module validates values against the data (a country with no
# initiative, a programme no longer listed) before drawing its widgets.
VIEW_KEYS: dict[str, tuple[ViewKey, ...]] = {
    "map": (
        ViewKey("colour", "map_colour", _choice(("sector", "type")), "sector"),
        ViewKey("show", "map_view", _choice(("points", "density")), "points"),
        ViewKey("shade", "map_shade", _choice(("initiatives", "initiatives_per_million", "none")), "initiatives"),
        ViewKey("arcs", "map_arcs", _flag, False),
        ViewKey("pin", "map_selected", _text(MAX_ID)),
    ),
    "countries": (
        ViewKey("measure", "countries_measure", _choice(("initiatives", "initiatives_per_million", "member_firms",
                                                         "firms_per_initiative", "regions_covered_share",
                                                         "validated_share")), "initiatives"),
        ViewKey("rank", "countries_rank_by", _choice(("initiatives", "initiatives_per_million", "member_firms",
                                                      "firms_per_initiative", "regions_covered_share",
                                                      "validated_share")), "initiatives"),
        ViewKey("all", "countries_show_all", _flag, False),
        # by default the three countries with most initiatives, which the page works out from the data
        ViewKey("compare", "countries_compare", _countries, lambda: st.session_state.get("countries_compare_default")),
    ),
    "growth": (
        ViewKey("period", "growth_period", _choice(("month", "quarter", "year")), "month"),
        ViewKey("split", "growth_split", _choice(("none", "country", "sector")), "none"),
    ),
    "sectors": (
        ViewKey("scheme", "sectors_matrix_scheme", _choice(("eclac_sector", "isic_section")), "eclac_sector"),
        ViewKey("cells", "sectors_measure", _choice(("initiatives", "location_quotient")), "initiatives"),
        ViewKey("gaps", "sectors_gap_max", _whole(0, 20), 0),
    ),
    "explorer": (
        ViewKey("q", "explorer_search", _text(queries.SEARCH_MAX_CHARS), ""),  # the most a search reads
        ViewKey("sort", "explorer_sort", _choice(("registered_on", "name", "country", "member_firms", "founded_year",
                                                  "city")), "registered_on"),
        # newest and largest first, names and places from A: the default direction follows the sort
        ViewKey("desc", "explorer_descending", _flag,
                lambda: st.session_state.get("explorer_sort", "registered_on") in ("registered_on", "member_firms")),
        ViewKey("rows", "explorer_page_size", lambda raw: int(raw) if raw in ("25", "50", "100") else None, 25),
        ViewKey("page", "explorer_page", _whole(1, 100_000), 1),
        ViewKey("initiative", "explorer_selected", _text(MAX_ID)),
    ),
    "network": (
        ViewKey("programme", "network_programme", _text(MAX_TEXT)),
    ),
}
ALL_KEYS = tuple(key for keys in VIEW_KEYS.values() for key in keys)
URL_KEYS = tuple(key.param for key in ALL_KEYS)


def _store() -> dict[str, object]:
    return st.session_state.setdefault(STORE_KEY, {})


def from_query_params(params: Mapping[str, str | list[str]]) -> dict[str, object]:
    """Session key → value for every valid page-level key in `params`; the rest is dropped."""
    values = {}
    for key in ALL_KEYS:
        value = key.read(params.get(key.param))
        if value is not None:
            values[key.session] = value
    return values


def start_session(params: Mapping[str, str | list[str]]) -> None:
    """Seed the store from a link; called once, when the session starts (with the filters in `state`)."""
    _store().update(from_query_params(params))


def keep(page: str) -> None:
    """Before a page is drawn: remember every choice still held by a widget, give back the ones Streamlit forgot,
    and take the open page's keys from the URL when a link inside the app changed them."""
    store = _store()
    written = st.session_state.get(WRITTEN_KEY) or {}
    current = st.query_params.to_dict()
    for key in VIEW_KEYS.get(page, ()):
        raw = current.get(key.param)
        if raw is not None and raw != written.get(key.param):
            value = key.read(raw)
            if value is not None:
                store[key.session] = value
                st.session_state[key.session] = value
    for key in ALL_KEYS:
        if key.session in st.session_state:
            value = st.session_state[key.session]
            store[key.session] = value
            # set through the Session State API, the value outlives the widget that held it
            st.session_state[key.session] = value
        elif key.session in store:
            st.session_state[key.session] = store[key.session]


def remember(page: str) -> None:
    """Keep the open page's choices in the store now (a fragment's own rerun, which does not pass through `keep`)."""
    store = _store()
    for key in VIEW_KEYS.get(page, ()):
        if key.session in st.session_state:
            store[key.session] = st.session_state[key.session]


def url_params(page: str) -> dict[str, str]:
    """The open page's choices that differ from their defaults, as URL parameters."""
    params = {}
    for key in VIEW_KEYS.get(page, ()):
        value = st.session_state.get(key.session, _store().get(key.session))
        text = key.written(value)
        if text is not None and key.read(text) is not None:
            params[key.param] = text
    st.session_state[WRITTEN_KEY] = params
    return params


def forget(session_key: str) -> None:
    """Drop a choice from the session and the store (the Explorer's "close profile")."""
    st.session_state[session_key] = None
    _store().pop(session_key, None)


def link(params: Mapping[str, str]) -> str:
    """The address of this view: the page's URL as the browser shows it (without a query) and the parameters."""
    query = urlencode(dict(params), safe=",")  # "country=CO,MX" reads as the filters it names
    base = st.context.url or ""
    return f"{base}?{query}" if query else (base or "?")


def share_link(params: Mapping[str, str], lang: str) -> None:
    """"Link to this view": the address in a code block, whose copy button works with no connection."""
    with st.popover(i18n.t("Link to this view", lang), icon=":material/link:", width="stretch"):
        st.caption(i18n.t("This address reopens the page as you see it: language, filters and the page's own choices. Copy it with the "
                          "button at the right of the box.", lang))
        st.code(link(params), language=None, wrap_lines=True)
