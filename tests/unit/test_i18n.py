"""The interface text in three languages, and numbers and dates written the way each language writes them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from analytics import i18n

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "app_support").glob("*.py")),
           *sorted((ROOT / "viz").glob("*.py"))]
# t("key", ...), i18n.t("key", ...), and keys named in tables such as PageSpec(..., "nav.map", ...)
LITERAL_KEY = re.compile(r"""\bt\(\s*"([a-z_0-9]+(?:\.[a-z_0-9]+)+)"|"((?:nav|measure|period|split|map|tip|milestone)\.[a-z_0-9.]+)\"""")
# t(f"measure.{option}", ...): a family of keys completed at run time
KEY_FAMILY = re.compile(r"""\bt\(\s*f"([a-z_0-9]+(?:\.[a-z_0-9]+)*)\.\{""")


def used_keys() -> set[str]:
    keys = set()
    for path in SOURCES:
        for match in LITERAL_KEY.finditer(path.read_text(encoding="utf-8")):
            keys.add(match.group(1) or match.group(2))
    return keys


class TestTable:
    @pytest.mark.parametrize("key", sorted(i18n.LABELS))
    def test_every_label_has_three_languages_with_the_same_placeholders(self, key):
        texts = i18n.LABELS[key]
        assert len(texts) == 3 and all(text.strip() for text in texts)
        assert i18n.placeholders(texts[1]) == i18n.placeholders(texts[0]) == i18n.placeholders(texts[2])

    def test_every_key_the_app_uses_exists(self):
        missing = sorted(key for key in used_keys() if key not in i18n.LABELS and not key.endswith("."))
        assert missing == []

    def test_every_family_of_keys_exists(self):
        families = {match.group(1) for path in SOURCES for match in KEY_FAMILY.finditer(path.read_text(encoding="utf-8"))}
        assert families, "the scan found no key families: has the pattern drifted from the code?"
        for family in families:
            assert any(key.startswith(family + ".") for key in i18n.LABELS), family

    def test_unknown_languages_fall_back_to_english(self):
        assert i18n.t("nav.map", "fr") == "Map"
        assert i18n.language(None) == i18n.language("xx") == "en"

    def test_placeholders_are_filled(self):
        assert i18n.t("sidebar.matching", "es", count="3", total="12") == "3 de 12 iniciativas cumplen los filtros."


class TestNumbers:
    @pytest.mark.parametrize(("lang", "expected"), [("en", "12,345.6"), ("es", "12.345,6"), ("pt", "12.345,6")])
    def test_decimal_and_thousands_separators(self, lang, expected):
        assert i18n.number(12345.6, lang, 1) == expected

    def test_integers_negative_and_decimal_values(self):
        assert i18n.number(1_234_567, "es") == "1.234.567"
        assert i18n.number(-1500, "en") == "-1,500"
        assert i18n.number(Decimal("50"), "pt") == "50"
        assert i18n.signed(6, "en") == "+6" and i18n.signed(0, "en") == "0"

    @pytest.mark.parametrize("missing", [None, float("nan")])
    def test_missing_values_show_a_dash(self, missing):
        assert i18n.number(missing, "en") == i18n.percent(missing, "es") == "–"

    @pytest.mark.parametrize(("lang", "expected"), [("en", "42.3%"), ("es", "42,3 %"), ("pt", "42,3%")])
    def test_percentages(self, lang, expected):
        assert i18n.percent(0.4234, lang, 1) == expected

    def test_plotly_separators(self):
        assert i18n.plotly_separators("en") == ".,"
        assert i18n.plotly_separators("es") == i18n.plotly_separators("pt") == ",."


class TestDates:
    DAY = dt.date(2023, 12, 12)

    @pytest.mark.parametrize(("lang", "short", "long"), [
        ("en", "12 Dec 2023", "12 December 2023"),
        ("es", "12 dic 2023", "12 de diciembre de 2023"),
        ("pt", "12 dez 2023", "12 de dezembro de 2023"),
    ])
    def test_days(self, lang, short, long):
        assert i18n.date(self.DAY, lang) == short
        assert i18n.date(self.DAY, lang, long=True) == long

    @pytest.mark.parametrize(("unit", "lang", "expected"), [
        ("month", "en", "Sep 2025"), ("month", "es", "sep 2025"), ("month", "pt", "set 2025"),
        ("quarter", "en", "Q3 2025"), ("quarter", "es", "T3 2025"), ("year", "pt", "2025"),
    ])
    def test_periods(self, unit, lang, expected):
        assert i18n.period(dt.date(2025, 9, 1), unit, lang) == expected

    def test_every_language_names_twelve_months(self):
        assert all(len(set(names)) == 12 for names in i18n.MONTHS.values())
        assert all(len(set(names)) == 12 for names in i18n.SHORT_MONTHS.values())

    def test_timestamps_and_missing_dates(self):
        assert i18n.timestamp(dt.datetime(2026, 5, 4, 9, 7), "pt") == "4 mai 2026, 09:07"
        assert i18n.date(None, "en") == "–"
