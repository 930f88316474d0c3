"""Data and methods: the vintage and counts of the database the app reads, the definitions, the format."""

from __future__ import annotations

import pytest

from analytics.serving import queries
from analytics.serving.db import Database
from tests.app.conftest import metrics, page_text


def test_vintage_and_counts(open_app, fixture_db):
    info = queries.build_info(Database(fixture_db)).row(0, named=True)
    app = open_app("data")
    text = page_text(app)
    assert info["source_checksum"] in text  # the full checksum, to compare with the export's
    assert metrics(app) == {"Initiatives": "12", "Firms": "40", "Memberships": "42", "Collaboration links": "4"}
    statuses = app.dataframe[0].value
    # registered: CO-03, CO-05, MX-03, CL-04; validated 6; inactive: CO-04, CL-03
    assert dict(zip(statuses["Status"], statuses["Initiatives"], strict=True)) == {"Registered": 4, "Validated": 6,
                                                                                  "Inactive": 2}
    # the fixture is not a demo build
    assert "built from a registry export" in app.info[0].value


def test_every_indicator_is_defined(open_app):
    text = page_text(open_app("data"))
    for heading in ("Initiatives per million inhabitants", "Location quotient", "Admin-1 regions covered",
                    "Population of listed cities (regions)", "Member firms", "Validated share", "Firms per initiative",
                    "Collaboration links"):
        assert f"**{heading}**" in text
    # the location quotient's thresholds, interval and bounds are stated with their values
    assert "only where c is at least 3 and n at least 10" in text
    assert "Garwood" in text and "α = 0.10" in text and "clipped at 0.25 and 4" in text


def test_the_export_format_and_its_codes(open_app):
    app = open_app("data", lang="es")
    labels = [button.proto.label for button in app.get("download_button")]
    assert any(label.startswith("El formato de exportación") for label in labels)
    # downloads carry codes: every code list is shown with its names in the reader's language
    tables = {frame.value.iloc[0]["Código"]: frame.value for frame in app.dataframe[1:]}
    assert set(tables) == {"cluster", "registered", "micro", "energy", "A"}
    sectors = tables["energy"]
    assert len(sectors) == 14
    assert dict(zip(sectors["Código"], sectors["Nombre"], strict=True))["agri"] == "Agricultura sostenible y agroalimentos"


@pytest.mark.parametrize(("lang", "phrase"), [("es", "Criterios de inclusión"), ("pt", "Critérios de inclusão")])
def test_languages(open_app, lang, phrase):
    assert phrase in [header.value for header in open_app("data", lang=lang).subheader]
