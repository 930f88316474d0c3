"""The state every page shares (language, filters, presenter mode) and its round trip through the URL.

The URL is read once, when a session starts: that is how a copied link reopens the same view.
From then on the sidebar's widgets are the source of truth, and the URL is rewritten from them
on every rerun, because Streamlit clears the query string whenever the reader switches pages.
A page's own choices (the Explorer's `initiative`, the Map's shading...) are carried by
`app_support.view_state`; `sync_url` writes them beside the filters.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics import i18n
from analytics.serving.filters import Filters, widgets
from app_support import view_state

LANG_KEY = "app_lang"
LANG_PARAM = "lang"
# presenter mode: the sidebar's toggle and `?present=1`
PRESENT_KEY = "app_present"
PRESENT_PARAM = "present"
# the Explorer's profile link, `?initiative=ID` (one of app_support.view_state's keys)
INITIATIVE_PARAM = "initiative"
STARTED_KEY = "app_started"
CONTEXT_KEY = "app_context"
# the sidebar's filter widgets, derived from the rows of analytics.serving.filters
FILTER_WIDGETS = widgets()
# Filters field → sidebar widget key (the founded-year pair shares one range slider)
WIDGET_KEYS = {name: widget.key for widget in FILTER_WIDGETS for name in widget.fields}


@dataclass(frozen=True)
class Context:
    """What a page needs to know about the reader's choices."""

    lang: str
    filters: Filters


def start_session() -> None:
    """On a session's first run, seed the widgets from the URL; unknown or malformed values are dropped."""
    if st.session_state.get(STARTED_KEY):
        return
    params = st.query_params.to_dict()
    filters = Filters.from_query_params(params)
    st.session_state[LANG_KEY] = i18n.language(params.get(LANG_PARAM))
    st.session_state[PRESENT_KEY] = params.get(PRESENT_PARAM) == "1"
    for widget in FILTER_WIDGETS:
        # a range slider needs both ends; the sidebar fills a missing end from the data
        st.session_state[widget.key] = widget.value(filters)
    view_state.start_session(params)
    st.session_state[STARTED_KEY] = True


def language() -> str:
    return i18n.language(st.session_state.get(LANG_KEY))


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY))


def url_params(filters: Filters, lang: str) -> dict[str, str]:
    params = filters.to_query_params()
    if lang != i18n.DEFAULT_LANGUAGE:
        params[LANG_PARAM] = lang
    return params


def sync_url(filters: Filters, lang: str, view: dict[str, str] | None = None) -> dict[str, str]:
    """Write the state, and the open page's `view` choices, into the address bar, only when it differs (each write is
    a browser history entry); return what the address holds."""
    wanted = url_params(filters, lang)
    if presenting():
        wanted[PRESENT_PARAM] = "1"
    wanted.update(view or {})
    current = st.query_params.to_dict()
    if current != wanted:
        st.query_params.from_dict(wanted)
    return wanted


def publish(lang: str, filters: Filters) -> None:
    st.session_state[CONTEXT_KEY] = Context(lang, filters)


def context() -> Context:
    """The language and filters chosen in the sidebar for this rerun (set by app.py before the page runs)."""
    return st.session_state.get(CONTEXT_KEY) or Context(language(), Filters())
