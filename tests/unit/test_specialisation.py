"""Location quotients that say how sure they are: thresholds, intervals, the single-country case, the heat map.

The fixture's primary driving sectors (tests/fixture_registry.py): CO digital, energy, agri, tourism (CO-04 has
none: 4); MX advmfg ×2, care (3); CL energy, agri, tourism, bioeconomy (4). 11 in all.
Chi-square quantiles used below, from printed tables: χ²(0.05; 4) = 0.7107, χ²(0.95; 6) = 12.5916,
χ²(0.05; 20) = 10.8508, χ²(0.95; 22) = 33.9244.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from analytics.serving import queries, specialisation
from analytics.serving.filters import Filters
from viz import sectors


def cell(frame: pl.DataFrame, country: str, sector: str) -> dict:
    return frame.filter((pl.col("country") == country) & (pl.col("sector") == sector)).row(0, named=True)


def hand_cells(rows: list[tuple[str, str, int, int, int, int]]) -> pl.DataFrame:
    """Cells as `queries.country_sector_matrix` returns them, from (country, sector, c, n, s, t)."""
    return pl.DataFrame([{
        "country": country, "sector": sector, "initiatives": c, "country_total": n, "sector_total": s, "total": t,
        "location_quotient": (c / n) / (s / t) if s else None,
    } for country, sector, c, n, s, t in rows])


class TestThresholds:
    def test_defaults_hide_every_fixture_cell(self, db):
        # no country has 10 initiatives with a primary sector, no cell 3: nothing is shown
        assessed = specialisation.assess(queries.country_sector_matrix(db, Filters()))
        assert not assessed["lq_shown"].any()
        assert assessed["lq_low"].is_null().all()
        assert not assessed["specialised"].any()

    def test_lower_thresholds_show_mexicos_advanced_manufacturing_only(self, db):
        assessed = specialisation.assess(queries.country_sector_matrix(db, Filters()), min_cell=2, min_country=3)
        shown = assessed.filter(pl.col("lq_shown"))
        # the only cell with 2 initiatives is MX advmfg (MX-01, MX-02)
        assert shown.select("country", "sector").rows() == [("MX", "advmfg")]


class TestInterval:
    def test_mexico_advanced_manufacturing(self, db):
        assessed = specialisation.assess(queries.country_sector_matrix(db, Filters()), min_cell=2, min_country=3)
        row = cell(assessed, "MX", "advmfg")
        # LQ = (2/3) / (2/11) = 11/3
        assert row["location_quotient"] == pytest.approx(11 / 3)
        # Garwood 90% for c = 2: [0.7107/2, 12.5916/2] = [0.35536, 6.2958], times t/(n s) = 11/6
        assert row["lq_low"] == pytest.approx(0.35536 * 11 / 6, rel=1e-4)
        assert row["lq_high"] == pytest.approx(6.2958 * 11 / 6, rel=1e-4)
        # 0.6515 to 11.54 includes 1: not clear, so not a specialisation despite 3.67
        assert row["lq_clear"] is False
        assert row["specialised"] is False

    def test_a_clear_specialisation(self):
        # c = 10 of n = 20, against s = 10 of t = 100: LQ = 0.5 / 0.1 = 5
        assessed = specialisation.assess(hand_cells([("AA", "agri", 10, 20, 10, 100), ("BB", "agri", 0, 80, 10, 100)]))
        row = cell(assessed, "AA", "agri")
        # [10.8508/2, 33.9244/2] × 100/(20 × 10) = [2.7127, 8.4811]
        assert row["lq_low"] == pytest.approx(2.7127, rel=1e-4)
        assert row["lq_high"] == pytest.approx(8.4811, rel=1e-4)
        assert row["lq_clear"] is True and row["specialised"] is True
        # the other country's empty cell is below the minimum: not shown, no interval
        assert cell(assessed, "BB", "agri")["lq_shown"] is False


class TestSingleCountry:
    def test_one_country_is_not_comparable(self, db):
        cells = queries.country_sector_matrix(db, Filters(countries=("CL",)))
        # the base is Chile itself: every quotient of a sector Chile has is 1
        assert set(cells.filter(pl.col("initiatives") > 0)["location_quotient"]) == {1.0}
        assert specialisation.comparable(cells) is False
        assessed = specialisation.assess(cells, min_cell=1, min_country=1)
        assert not assessed["lq_shown"].any()

    def test_two_countries_are(self, db):
        assert specialisation.comparable(queries.country_sector_matrix(db, Filters(countries=("CL", "MX"))))


class TestHeatMap:
    def figure(self):
        cells = hand_cells([
            ("AA", "agri", 10, 20, 10, 100), ("AA", "energy", 10, 20, 90, 100),
            ("BB", "agri", 0, 80, 10, 100), ("BB", "energy", 80, 80, 90, 100),
        ])
        assessed = specialisation.assess(cells)
        return sectors.matrix(assessed, "eclac_sector", "location_quotient", "en", country_names={"AA": "A", "BB": "B"},
                              colourbar_title="LQ (log scale)")

    def test_log_scale_clipped_and_centred_on_one(self):
        coloured, grey = self.figure().data
        # AA agri: LQ 5, clipped at 4 → log10(4); AA energy: (10/20)/(90/100) = 0.5556 → log10(0.5556)
        assert coloured.z[0][0] == pytest.approx(math.log10(4))
        assert coloured.z[0][1] == pytest.approx(math.log10(10 / 20 / 0.9))
        assert coloured.zmid == 0
        assert (coloured.zmin, coloured.zmax) == pytest.approx((math.log10(0.25), math.log10(4)))
        assert list(coloured.colorbar.ticktext) == ["0.25", "0.50", "1", "2", "4"]
        # the title sits above the bar in short lines, so it cannot be cut at the figure's edge
        assert coloured.colorbar.title.side == "top" and coloured.colorbar.title.text == "LQ (log<br>scale)"

    def test_marks_and_too_few(self):
        coloured, grey = self.figure().data
        # 5.00 with its interval above 1: bold
        assert coloured.text[0][0] == "<b>5.00</b>"
        # AA energy: 0.56, interval [10.8508/2, 33.9244/2] × 100/(20 × 90) = [0.301, 0.942], wholly below 1: plain
        assert coloured.text[0][1] == "0.56"
        # BB agri: 0 initiatives, below the minimum: not coloured, says so on grey
        assert coloured.z[1][0] is None and grey.text[1][0] == "too few" and grey.z[1][0] == 0
        # BB energy: c = 80, n = 80, s = 90: LQ = 1 / 0.9 = 1.11; its interval includes 1, so in parentheses
        assert coloured.text[1][1] == "(1.11)"
