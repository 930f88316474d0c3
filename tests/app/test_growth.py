"""Growth: registrations per period and the running total, split and in each language, with the milestones."""

from __future__ import annotations

from tests.app.conftest import metrics, plotly_specs


def test_monthly_by_default_with_the_public_milestones(open_app):
    app = open_app("growth")
    cards = metrics(app)
    assert cards["Registrations"] == "12"
    assert cards["Busiest month"] == "Dec 2023"  # four initiatives on launch day
    per_period, cumulative = plotly_specs(app)
    assert sum(per_period["data"][0]["y"]) == 12
    assert cumulative["data"][0]["y"][-1] == 12
    # the fixture export's milestones (tests/fixture_registry.py): the 2022 pilot lies before the data
    milestones = cumulative["data"][-1]
    assert milestones["y"] == [4, 8]
    assert milestones["text"] == ["Test launch: 4", "Test new year: 8"]
    assert len(cumulative["layout"]["shapes"]) == 2
    assert cumulative["layout"]["yaxis"]["range"][1] < 15


def test_milestones_only_without_a_filter(open_app):
    per_period, cumulative = plotly_specs(open_app("growth", country="CO"))
    assert not cumulative["layout"].get("shapes") and not per_period["layout"].get("shapes")
    assert all(trace.get("mode") != "markers+text" for trace in cumulative["data"])


def test_milestone_labels_in_the_language_or_english(open_app):
    cumulative = plotly_specs(open_app("growth", lang="pt"))[1]
    # no Portuguese label for the launch: the English one
    assert cumulative["data"][-1]["text"] == ["Test launch: 4", "Ano novo de teste: 8"]


def test_yearly_split_by_country_in_spanish(open_app):
    app = open_app("growth", lang="es")
    app.radio(key="growth_period").set_value("year").run()
    app.radio(key="growth_split").set_value("country").run()
    per_period, cumulative = plotly_specs(app)
    assert {trace["name"] for trace in per_period["data"]} == {"Colombia", "Chile", "México"}
    assert per_period["layout"]["xaxis"]["ticktext"] == ["2023", "2024", "2025"]
    totals = {trace["name"]: trace["y"][-1] for trace in cumulative["data"] if trace["mode"] == "lines"}
    assert totals == {"Colombia": 5, "Chile": 4, "México": 3, "Total": 12}
    # four registrations in each year: the earliest wins the tie
    assert metrics(app)["Año con más registros"] == "2023"


def test_quarterly_by_sector_uses_the_sector_names(open_app):
    app = open_app("growth", lang="pt")
    app.radio(key="growth_period").set_value("quarter").run()
    app.radio(key="growth_split").set_value("sector").run()
    names = {trace["name"] for trace in plotly_specs(app)[0]["data"]}
    assert "Sem setor dinamizador" in names  # CO-04 has no driving sector
    assert "Manufatura avançada" in names
    assert plotly_specs(app)[0]["layout"]["xaxis"]["ticktext"][0] == "T4 2023"


def test_filters_apply(open_app):
    app = open_app("growth", country="CL", status="validated")
    assert metrics(app)["Registrations"] == "2"
