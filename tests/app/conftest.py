"""AppTest fixtures: the app run without a browser over the hand-made fixture registry.

The fixture registry's answers (tests/fixture_registry.py, worked out in tests/unit/test_queries.py)
are what the pages must show: 12 initiatives, 6 validated, 50 member firms (40 listed plus the
10 declared by CO-05), 3 countries, 11 admin-1 regions. Colombia alone: 5 initiatives, 2
validated, 28 member firms, 4 regions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_support import data
from viz.cards import card_values

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = {
    "overview": "app_pages/overview.py",
    "map": "app_pages/map.py",
    "countries": "app_pages/countries.py",
    "regions": "app_pages/regions.py",
    "growth": "app_pages/growth.py",
    "sectors": "app_pages/sectors.py",
    "explorer": "app_pages/explorer.py",
    "network": "app_pages/network.py",
    "data": "app_pages/data_methods.py",
}
TITLES = {
    "overview": {"en": "Registry overview", "es": "Resumen del registro", "pt": "Visão geral do registro"},
    "map": {"en": "Map of initiatives", "es": "Mapa de iniciativas", "pt": "Mapa de iniciativas"},
    "countries": {"en": "Countries", "es": "Países", "pt": "Países"},
    "regions": {"en": "Regions and white spots", "es": "Regiones y zonas sin iniciativas", "pt": "Regiões e vazios"},
    "growth": {"en": "Growth of the registry", "es": "Crecimiento del registro", "pt": "Crescimento do registro"},
    "sectors": {"en": "Sectors", "es": "Sectores", "pt": "Setores"},
    "explorer": {"en": "Explore the initiatives", "es": "Explorar las iniciativas", "pt": "Explorar as iniciativas"},
    "network": {"en": "Collaboration network", "es": "Red de colaboración", "pt": "Rede de colaboração"},
    "data": {"en": "Data and methods", "es": "Datos y métodos", "pt": "Dados e métodos"},
}


@pytest.fixture
def open_app(fixture_db, monkeypatch) -> Callable[..., AppTest]:
    """Run app.py on a page with the given URL query; caches are cleared first, because they outlive a test."""
    monkeypatch.setenv("IAPT_DB", str(fixture_db))
    data.clear()

    def open_page(page: str = "overview", **query: str) -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=30)
        app.query_params.update(query)
        app.run()
        if page != "overview":
            app.switch_page(PAGES[page])
            app.run()
        assert not app.exception, [error.value for error in app.exception]
        return app

    return open_page


def metrics(app: AppTest) -> dict[str, str]:
    """The headline cards of the page (viz/cards.py), label → value."""
    return {label: value for element in app.html for label, value in card_values(element.value).items()}


def plotly_specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def deck_spec(app: AppTest) -> tuple[dict, dict]:
    """The deck.gl JSON and the tooltip Streamlit sends beside it."""
    element = app.get("deck_gl_json_chart")[0]
    return json.loads(element.proto.json), json.loads(element.proto.tooltip)


def page_text(app: AppTest) -> str:
    """Everything written as Markdown, captions and titles, to search for a phrase."""
    parts = [element.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error")
             for element in getattr(app, kind)]
    return "\n".join(str(part) for part in parts)
