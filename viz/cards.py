"""Headline figures ("cards"): a row of labelled numbers drawn as one HTML block.

Streamlit's `st.metric` costs one element per card plus a block per row and per column: the Overview's eight
cards were 18 of the 67 messages of a rerun, and per-element work is what a cached rerun spends its time on
(docs/performance.md). Here a set of cards is one element. Every label, value and help text is escaped, so
registry text in a card (a country's name, say) stays text. The styles live in `CARD_CSS`, which the page style
(app_support/chrome.py) and the slides' style (viz/presenter.py) carry.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    help: str | None = None  # read by screen readers, and shown as a tooltip on the help mark
    note: str | None = None  # a short line under the value ("12 registrations")


# The looks of Streamlit's bordered metric (light theme), in one grid; four columns become two on a narrow screen.
CARD_CSS = """
ul.iapt-cards { display: grid; gap: 1rem; margin: 0 0 1rem 0 !important; padding: 0 !important; list-style: none; }
.iapt-cards-1 { grid-template-columns: minmax(0, 1fr); }
.iapt-cards-2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.iapt-cards-3 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.iapt-cards-4 { grid-template-columns: repeat(4, minmax(0, 1fr)); }
.iapt-cards-5 { grid-template-columns: repeat(5, minmax(0, 1fr)); }
.iapt-cards-6 { grid-template-columns: repeat(6, minmax(0, 1fr)); }
@media (max-width: 640px) { .iapt-cards-3, .iapt-cards-4, .iapt-cards-5, .iapt-cards-6 {
  grid-template-columns: repeat(2, minmax(0, 1fr)); } }
li.iapt-card { border: 1px solid rgba(28, 39, 51, 0.2); border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 0 !important;
  min-width: 0; list-style: none; container-type: inline-size; }
.iapt-card-label { font-size: 0.875rem; line-height: 1.4; color: #1c2733; overflow-wrap: anywhere; }
/* a narrow card (five in a row, a small screen) sets its figure smaller rather than cutting "3,000,000" short */
.iapt-card-value { font-size: min(2.25rem, 15cqi); line-height: 1.25; color: #1c2733; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.iapt-card-note { font-size: 0.875rem; color: #5c6470; }
.iapt-card-help { display: inline-block; margin-left: 0.3rem; width: 1rem; height: 1rem; border-radius: 50%;
  border: 1px solid #5c6470; color: #5c6470; font-size: 0.7rem; line-height: 0.9rem; text-align: center;
  cursor: help; vertical-align: 0.05rem; }
.iapt-visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
"""


def cards_html(cards: Sequence[Card], columns: int = 4) -> str:
    """The cards as a list, `columns` to a row (1 to 6; more cards wrap onto the next row)."""
    if not 1 <= columns <= 6:
        raise ValueError(f"columns must be 1 to 6, not {columns}")
    items = []
    for card in cards:
        help_mark = ""
        if card.help:
            text = html.escape(card.help)
            # the mark is for the eye (a tooltip on hover); the hidden text is read out after the label
            help_mark = (f'<span class="iapt-card-help" title="{text}" aria-hidden="true">?</span>'
                         f'<span class="iapt-visually-hidden">{text}</span>')
        note = f'<div class="iapt-card-note">{html.escape(card.note)}</div>' if card.note else ""
        items.append(f'<li class="iapt-card"><div class="iapt-card-label">{html.escape(card.label)}{help_mark}</div>'
                     f'<div class="iapt-card-value">{html.escape(card.value)}</div>{note}</li>')
    return f'<ul class="iapt-cards iapt-cards-{columns}">{"".join(items)}</ul>'


class _CardReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cards: dict[str, str] = {}
        self._part: str | None = None  # "label" or "value" while inside one
        self._hidden = 0  # depth inside the help mark and its hidden text
        self._label = self._value = ""

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._hidden or "iapt-card-help" in classes or "iapt-visually-hidden" in classes:
            self._hidden += 1
        elif "iapt-card-label" in classes:
            self._part, self._label = "label", ""
        elif "iapt-card-value" in classes:
            self._part, self._value = "value", ""

    def handle_endtag(self, tag):
        if self._hidden:
            self._hidden -= 1
        elif self._part == "value":
            self.cards[self._label] = self._value
            self._part = None
        elif self._part == "label":
            self._part = None

    def handle_data(self, data):
        if self._hidden:
            return
        if self._part == "label":
            self._label += data
        elif self._part == "value":
            self._value += data


def card_values(body: str) -> dict[str, str]:
    """Label → value of the cards in an HTML body made by `cards_html` (what the end-to-end and app tests, and the
    serving benchmark's check of each rerun, read back); nothing for other HTML."""
    if "iapt-card-value" not in body:
        return {}  # most HTML on a page is something else (the page style on every rerun): not worth parsing
    reader = _CardReader()
    reader.feed(body)
    return reader.cards
