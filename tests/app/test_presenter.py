"""Presenter mode: switched on by the URL or the sidebar, five slides with next and previous, projector styles."""

from __future__ import annotations

import pytest

from app_support.presenter import SLIDES
from tests.app.conftest import metrics, plotly_specs
from viz import presenter


def titles(app) -> list[str]:
    return [title.value for title in app.title]


def forward(app, steps: int):
    for _ in range(steps):
        app.button(key="present_next").click().run()
    return app


class TestSwitch:
    def test_the_url_opens_the_slides_with_projector_styles(self, open_app):
        app = open_app(present="1")
        assert titles(app) == ["The registry at a glance"]
        # the page style that hides the sidebar and chrome and enlarges type
        assert any("stSidebar" in element.proto.body for element in app.get("html"))
        assert app.query_params["present"] == "1"

    def test_the_sidebar_toggle_turns_it_on_and_exit_off(self, open_app):
        app = open_app("overview", country="CO")
        app.toggle(key="app_present").set_value(True).run()
        assert titles(app) == ["The registry at a glance"]
        assert dict(app.query_params) == {"country": "CO", "present": "1"}
        app.button(key="present_exit").click().run()
        assert titles(app) == ["Registry overview"]
        assert dict(app.query_params) == {"country": "CO"}

    def test_exit_returns_to_the_page_that_was_open(self, open_app):
        app = open_app("growth", present="1")
        app.button(key="present_exit").click().run()
        assert titles(app) == ["Growth of the registry"]


class TestSlides:
    def test_headline_figures(self, open_app):
        cards = metrics(open_app(present="1"))
        assert (cards["Initiatives"], cards["Validated"], cards["Member firms"], cards["Countries"]) == ("12", "50%", "50", "3")

    def test_next_and_previous_walk_the_sequence(self, open_app):
        app = open_app(present="1")
        assert app.button(key="present_previous").disabled
        expected = ["Where the initiatives are", "Growth of the registry", "Leading driving sectors",
                    "Country in the spotlight: Colombia"]
        for title in expected:
            forward(app, 1)
            assert titles(app) == [title]
        assert app.button(key="present_next").disabled
        app.button(key="present_previous").click().run()
        assert titles(app) == ["Leading driving sectors"]
        assert len(SLIDES) == 5

    def test_every_key_a_presenter_sends_has_a_button(self, open_app):
        app = open_app(present="1")
        shortcuts = {button.proto.shortcut for button in app.button if button.key.startswith("present_")}
        # Streamlit normalises the names: the arrows become left and right
        assert {"left", "right", "pageup", "pagedown", "space", "home", "end"} <= shortcuts

    def test_home_and_end_jump_and_stop_at_the_ends(self, open_app):
        app = open_app(present="1")
        # at the first slide every key that goes back is disabled, so it answers no key press
        assert all(app.button(key=key).disabled for key in ("present_previous", "present_page_up", "present_home"))
        app.button(key="present_end").click().run()
        assert titles(app) == ["Country in the spotlight: Colombia"]
        assert all(app.button(key=key).disabled for key in ("present_next", "present_page_down", "present_space",
                                                            "present_end"))
        app.button(key="present_home").click().run()
        assert titles(app) == ["The registry at a glance"]
        app.button(key="present_space").click().run()
        assert titles(app) == ["Where the initiatives are"]

    def test_the_synthetic_notice_is_one_short_line(self, open_app, monkeypatch):
        from app_support import data

        real = data.build_info
        monkeypatch.setattr(data, "build_info", lambda: {**real(), "synthetic": True})
        app = open_app(present="1")
        assert [warning.value for warning in app.warning] == ["Synthetic demonstration data, not ECLAC's registry"]
        app.button(key="present_exit").click().run()
        assert app.warning[0].value.startswith("Synthetic demonstration data: every initiative")

    def test_charts_use_large_type_and_the_projector_palette(self, open_app):
        app = forward(open_app(present="1"), 3)
        (bars,) = plotly_specs(app)
        assert bars["layout"]["font"]["size"] == presenter.PROJECTOR.font_size
        assert set(bars["data"][0]["marker"]["color"]) <= set(presenter.PROJECTOR.palette)

    def test_map_slide_draws_in_svg(self, open_app):
        (figure,) = plotly_specs(forward(open_app(present="1"), 1))
        assert {trace["type"] for trace in figure["data"]} == {"scatter"}
        fills = {trace["name"].split(":")[0]: trace["fillcolor"] for trace in figure["data"] if trace.get("fill")}
        assert fills["Colombia"] == presenter.PROJECTOR.sequential[-1]

    def test_the_spotlight_can_move(self, open_app):
        app = forward(open_app(present="1"), 4)
        app.selectbox(key="present_spotlight").set_value("MX").run()
        assert titles(app) == ["Country in the spotlight: Mexico"]
        assert metrics(app)["Initiatives"] == "3"

    def test_filters_shape_the_slides(self, open_app):
        app = open_app(present="1", country="MX")
        assert metrics(app)["Initiatives"] == "3"
        assert titles(forward(app, 4)) == ["Country in the spotlight: Mexico"]

    @pytest.mark.parametrize(("lang", "title"), [("es", "El registro de un vistazo"), ("pt", "O registro num relance")])
    def test_languages(self, open_app, lang, title):
        assert titles(open_app(present="1", lang=lang)) == [title]

    def test_briefing_can_be_exported_from_the_slides(self, open_app):
        labels = [button.proto.label for button in open_app(present="1").get("download_button")]
        assert "Export briefing" in labels
