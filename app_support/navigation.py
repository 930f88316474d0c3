"""The app's pages for `st.navigation`, made once per process and language.

app.py is run afresh on every rerun: a class it defines is defined again each time (a dataclass costs
about a millisecond to make), and each `st.Page` resolves its file on the disk when it is made. Both
live here instead, made once; each rerun gets its own copies of the pages, since `st.navigation` and
`Page.run` mark the page they run and several sessions run at once.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from analytics import i18n


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str  # its English text, marked with N_ and translated by i18n.t
    icon: str
    url_path: str
    default: bool = False

    def page(self, lang: str) -> st.Page:
        return st.Page(self.path, title=i18n.t(self.title, lang), icon=self.icon,
                       url_path=None if self.default else self.url_path, default=self.default)


_made: dict[tuple, tuple[st.Page, ...]] = {}
_lock = threading.Lock()


def pages(specs: Sequence[PageSpec], lang: str) -> list[st.Page]:
    """Every page of `specs` in `lang`, as copies of pages made once."""
    key = (tuple(specs), lang)
    made = _made.get(key)
    if made is None:
        with _lock:
            made = _made.setdefault(key, tuple(spec.page(lang) for spec in specs))
    return [copy.copy(page) for page in made]
