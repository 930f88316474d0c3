"""Page-level controls that rerun only their part of the page (`st.fragment`), and keep the URL and the link in step.

A change of the Map's colouring, the Growth page's period or the Explorer's page reruns only the part of
the page it redraws: not app.py (navigation, sidebar, filters), nor the rest of the page. But app.py is
also what writes the open page's choices into the address bar and "Link to this view" after the page
(`app_support.view_state`). So the fragment does it itself at the end of each of its runs: it keeps its
page's choices, writes the URL and draws the link, in the sidebar place app.py made for it; app.py then
only checks the URL after the page. A fragment's own rerun may redraw only what it drew in the last full
rerun, so the link belongs to the page's one fragment on every run.

An error inside a fragment is shown as app.py shows it (`chrome.errors_shown`): a fragment's own rerun
does not pass through app.py's handler.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from app_support import chrome, data, state, view_state

SHARE_PLACE_KEY = "app_share_place"  # the sidebar's place for "Link to this view", made by app.py
PAGE_RUNNING_KEY = "app_page_running"  # true while app.py runs the page
SHARED_KEY = "app_shared"  # the page's fragment drew the link during this full rerun


@contextmanager
def page_running(share_place) -> Iterator[None]:
    """Around app.py's run of the page."""
    st.session_state[SHARE_PLACE_KEY] = share_place
    st.session_state[SHARED_KEY] = False
    st.session_state[PAGE_RUNNING_KEY] = True
    try:
        yield
    finally:
        st.session_state[PAGE_RUNNING_KEY] = False


def alone() -> bool:
    """Whether this is a fragment's own rerun (app.py and the rest of the page are not running)."""
    return not st.session_state.get(PAGE_RUNNING_KEY)


def share(page: str, filters, lang: str) -> None:
    """Write the open page's choices and the shared state into the URL, and draw "Link to this view" in the sidebar
    unless the page's fragment drew it during this rerun (app.py, after the page)."""
    address = state.sync_url(filters, lang, view_state.url_params(page))
    if not st.session_state.get(SHARED_KEY):
        _draw_link(address, lang)


def _draw_link(address: dict[str, str], lang: str) -> None:
    place = st.session_state.get(SHARE_PLACE_KEY)
    if place is not None:
        with place:
            view_state.share_link(address, lang)


def page_fragment(page: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Make the part of `page` (its URL path) that holds its controls a fragment: a widget inside it reruns only that
    part, after which the page's choices go to the URL and the link as after a full rerun. One per page: the link in
    the sidebar belongs to it (Streamlit lets a fragment's own rerun redraw only what it drew in the last full rerun),
    so it draws the link on every run, and app.py then does not."""
    def decorate(function: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(function)
        def part(*args, **kwargs) -> None:
            data.begin_run()
            context = state.context()
            with chrome.errors_shown(context.lang):
                function(*args, **kwargs)
            if alone():
                view_state.remember(page)
            _draw_link(state.sync_url(context.filters, context.lang, view_state.url_params(page)), context.lang)
            st.session_state[SHARED_KEY] = True

        return st.fragment(part)

    return decorate
