"""Headline cards as one HTML block: escaped, read back, and bounded in columns."""

from __future__ import annotations

import pytest

from viz.cards import Card, card_values, cards_html

HOSTILE = "<img src=x onerror=alert(1)>"


def test_labels_and_values_read_back_in_order():
    body = cards_html([Card("Initiatives", "488"), Card("Validated", "61 %", help="298 of 488 initiatives have been validated."),
                       Card("Busiest month", "Mar 2024", note="31 registrations")])
    assert list(card_values(body).items()) == [("Initiatives", "488"), ("Validated", "61 %"), ("Busiest month", "Mar 2024")]


def test_everything_shown_is_escaped():
    body = cards_html([Card(HOSTILE, HOSTILE, help=HOSTILE, note=HOSTILE)])
    assert "<img" not in body
    assert body.count("&lt;img src=x onerror=alert(1)&gt;") == 5  # label, value, note, the help's tooltip and hidden text
    assert card_values(body) == {HOSTILE: HOSTILE}


def test_help_is_read_out_but_not_part_of_the_label():
    body = cards_html([Card("Member firms", "45,660", help="Distinct listed member firms.")])
    assert 'class="iapt-visually-hidden">Distinct listed member firms.</span>' in body
    assert 'title="Distinct listed member firms."' in body
    assert card_values(body) == {"Member firms": "45,660"}


@pytest.mark.parametrize("columns", [0, 7])
def test_columns_are_bounded(columns):
    with pytest.raises(ValueError, match="columns must be 1 to 6"):
        cards_html([Card("a", "1")], columns)


def test_other_html_has_no_cards():
    assert card_values("<style>p { color: red }</style><p>Initiatives</p>") == {}
