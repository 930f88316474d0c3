"""Every page-level choice round-trips through the URL, a visit to another page and a language switch.

Each case opens a page from a link holding one key with a value other than its default, checks
the widget (or the stored choice) shows it, and that the app writes it back. The fixture registry
has initiatives in Chile, Colombia and Mexico and the programme "Test national network".
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.serving import filters
from app_support import state, view_state
from tests.app.conftest import APP, PAGES, page_text

# page → (URL key, URL value, session key, value the widget holds)
CASES = [
    ("map", "colour", "type", "map_colour", "type"),
    ("map", "show", "density", "map_view", "density"),
    ("map", "shade", "initiatives_per_million", "map_shade", "initiatives_per_million"),
    ("map", "arcs", "1", "map_arcs", True),
    ("map", "pin", "CO-01", "map_selected", "CO-01"),
    ("countries", "measure", "validated_share", "countries_measure", "validated_share"),
    ("countries", "rank", "member_firms", "countries_rank_by", "member_firms"),
    ("countries", "all", "1", "countries_show_all", True),
    ("countries", "compare", "MX,CL", "countries_compare", ["MX", "CL"]),
    ("growth", "period", "year", "growth_period", "year"),
    ("growth", "split", "country", "growth_split", "country"),
    ("sectors", "scheme", "isic_section", "sectors_matrix_scheme", "isic_section"),
    ("sectors", "cells", "location_quotient", "sectors_measure", "location_quotient"),
    ("sectors", "gaps", "3", "sectors_gap_max", 3),
    ("explorer", "q", "bogota", "explorer_search", "bogota"),
    ("explorer", "sort", "name", "explorer_sort", "name"),
    ("explorer", "desc", "0", "explorer_descending", False),  # newest first is the default
    ("explorer", "rows", "50", "explorer_page_size", 50),
    ("explorer", "initiative", "CO-01", "explorer_selected", "CO-01"),
    ("network", "programme", "Test national network", "network_programme", "Test national network"),
]
ID = [f"{page}-{param}" for page, param, *_ in CASES]


def test_every_key_is_tested():
    tested = {param for _, param, *_ in CASES}
    # `page` needs more rows than the fixture holds for a second page: test_a_page_past_the_end_is_corrected covers it
    assert tested | {"page"} == set(view_state.URL_KEYS)
    assert len(view_state.URL_KEYS) == len(set(view_state.URL_KEYS)), "two pages share a URL key"
    # a page key must not shadow a shared one (filters, language, presenter mode)
    assert not set(view_state.URL_KEYS) & {*filters.URL_KEYS, state.LANG_PARAM, state.PRESENT_PARAM}


def test_every_key_is_in_the_readme():
    readme = (APP.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Links to a view"):readme.index("## The command line")]
    assert [key for key in view_state.URL_KEYS if f"`{key}" not in section] == []


def widget_value(app, session_key):
    return app.session_state[session_key]


@pytest.mark.parametrize(("page", "param", "raw", "session_key", "value"), CASES, ids=ID)
class TestRoundTrip:
    def test_a_link_sets_the_choice_and_the_app_writes_it_back(self, open_app, page, param, raw, session_key, value):
        app = open_app(page, country="CO,MX,CL", **{param: raw})
        assert widget_value(app, session_key) == value
        assert app.query_params[param] == raw
        assert app.query_params["country"] == "CL,CO,MX"

    def test_a_language_switch_keeps_it(self, open_app, page, param, raw, session_key, value):
        app = open_app(page, **{param: raw})
        app.selectbox(key="app_lang").set_value("pt").run()
        assert widget_value(app, session_key) == value
        assert app.query_params[param] == raw and app.query_params["lang"] == "pt"

    def test_a_visit_to_another_page_keeps_it_out_of_the_url_and_brings_it_back(self, open_app, page, param, raw,
                                                                                 session_key, value):
        app = open_app(page, **{param: raw})
        app.switch_page(PAGES["data"]).run()
        assert param not in app.query_params
        app.switch_page(PAGES[page]).run()
        assert not app.exception
        assert widget_value(app, session_key) == value
        assert app.query_params[param] == raw


class TestChanges:
    def test_a_changed_widget_is_written_to_the_url_and_a_default_is_left_out(self, open_app):
        app = open_app("growth")
        assert "period" not in app.query_params
        app.radio(key="growth_period").set_value("quarter").run()
        assert app.query_params["period"] == "quarter"
        app.radio(key="growth_period").set_value("month").run()
        assert "period" not in app.query_params

    def test_closing_a_profile_removes_it_from_the_url(self, open_app):
        app = open_app("explorer", initiative="CO-01", q="bogota")
        app.button(key="explorer_close").click().run()
        assert "initiative" not in app.query_params
        assert app.query_params["q"] == "bogota"

    def test_the_map_link_to_the_explorer_opens_that_profile(self, open_app):
        app = open_app("explorer", initiative="CO-01")
        app.switch_page(PAGES["map"]).run()
        # what the Map's "open in the Explorer" link does: a page switch with the key in the URL
        app.query_params["initiative"] = "MX-01"
        app.switch_page(PAGES["explorer"]).run()
        assert app.session_state["explorer_selected"] == "MX-01"
        assert "#### Test automotive cluster" in page_text(app)
        assert app.query_params["initiative"] == "MX-01"

    def test_the_copy_link_box_holds_the_whole_view(self, open_app):
        app = open_app("growth", lang="es", split="sector")
        codes = [block.value for block in app.sidebar.code]
        assert codes and "split=sector" in codes[0] and "lang=es" in codes[0]


    @pytest.mark.parametrize("page", ["overview", "map", "growth", "sectors", "explorer", "network"])
    def test_the_link_is_drawn_once_whoever_draws_it(self, open_app, page):
        """On a page with a fragment the fragment draws the link (its own reruns redraw it), elsewhere app.py does:
        either way one link, holding the page's choices after a change. (AppTest reruns the whole script on every
        change: a fragment's own rerun is tested in the browser, tests/e2e/test_view_link.py.)"""
        app = open_app(page)
        assert len(app.sidebar.code) == 1
        if page == "growth":
            app.radio(key="growth_period").set_value("year").run()
            assert len(app.sidebar.code) == 1 and "period=year" in app.sidebar.code[0].value


class TestBadValues:
    @pytest.mark.parametrize(("page", "query", "session_key", "default"), [
        ("map", {"shade": "castles"}, "map_shade", "initiatives"),
        ("map", {"arcs": "yes please"}, "map_arcs", False),
        # no initiative in ZZ: the page falls back to its three leading countries
        ("countries", {"compare": "ZZ,xx1,<b>"}, "countries_compare", ["CO", "CL", "MX"]),
        ("growth", {"period": "decade"}, "growth_period", "month"),
        ("sectors", {"gaps": "999"}, "sectors_gap_max", 0),
        ("sectors", {"gaps": "-1"}, "sectors_gap_max", 0),
        ("explorer", {"q": "x" * 201}, "explorer_search", ""),
        ("explorer", {"rows": "1000000"}, "explorer_page_size", 25),
        ("network", {"programme": "No such programme"}, "network_programme", None),
    ])
    def test_unknown_or_oversized_values_are_dropped(self, open_app, page, query, session_key, default):
        app = open_app(page, **query)
        assert not app.error and not app.exception
        assert app.session_state[session_key] == default
        assert not set(query) & set(app.query_params)

    def test_a_search_of_200_characters_is_kept(self, open_app):
        app = open_app("explorer", q="y" * 200)
        assert app.text_input(key="explorer_search").value == "y" * 200

    def test_a_page_past_the_end_is_corrected(self, open_app):
        # open_app's own argument is named `page`, so this link is opened by hand (the fixture points at the registry)
        app = AppTest.from_file(str(APP), default_timeout=30)
        app.query_params.update({"page": "5", "rows": "50"})
        app.run()
        app.switch_page(PAGES["explorer"]).run()
        assert app.selectbox(key="explorer_page_size").value == 50
        assert app.number_input(key="explorer_page").value == 1
        assert "page" not in app.query_params

    def test_a_profile_that_does_not_exist_says_so(self, open_app):
        app = open_app("map", pin="NOPE")
        assert "no longer in the registry" in page_text(app)


class TestParsing:
    def test_values_are_bounded(self):
        values = view_state.from_query_params({"q": "a" * 5000, "initiative": "x" * 101, "compare": "co,mx,cl,ar,br,pe,uy",
                                               "page": "0", "colour": ["sector", "type"]})
        # the last of repeated keys wins; seven countries are cut to six
        assert values == {"countries_compare": ["CO", "MX", "CL", "AR", "BR", "PE"], "map_colour": "type"}
