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
           *sorted((ROOT / "viz").glob("*.py")),
           *sorted(path for path in (ROOT / "analytics").glob("*.py") if path.name != "i18n.py")]
# t("key", ...), i18n.t("key", ...), and keys named in tables such as PageSpec(..., "nav.map", ...)
LITERAL_KEY = re.compile(r"""\bt\(\s*"([a-z_0-9]+(?:\.[a-z_0-9]+)+)"|"((?:nav|measure|period|split|map|tip|milestone)\.[a-z_0-9.]+)\"""")
# t(f"measure.{option}", ...): a family of keys completed at run time
KEY_FAMILY = re.compile(r"""\bt\(\s*f"([a-z_0-9]+(?:\.[a-z_0-9]+)*)\.\{""")
# tn("key", n, ...): a text with plural forms
PLURAL_KEY = re.compile(r"""\btn\(\s*"([a-z_0-9]+(?:\.[a-z_0-9]+)+)\"""")
# texts that are rightly the same in English and in Spanish or Portuguese: symbols, names, loanwords
SAME_IN_ANOTHER_LANGUAGE = {"col.rank", "chart.hover_count", "group.total", "sectors.col.sector", "download.csv",
                            "download.xlsx", "data.downloads", "present.counter", "export.col.latitude",
                            "export.col.longitude", "col.region_code"}  # a standard's name is the same in every language


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
        missing = sorted(key for key in used_keys() if key not in i18n.LABELS and key not in i18n.PLURALS and not key.endswith("."))
        assert missing == []

    def test_every_family_of_keys_exists(self):
        families = {match.group(1) for path in SOURCES for match in KEY_FAMILY.finditer(path.read_text(encoding="utf-8"))}
        assert families, "the scan found no key families: has the pattern drifted from the code?"
        for family in families:
            assert any(key.startswith(family + ".") for key in i18n.LABELS), family

    def test_every_text_is_translated_not_copied(self):
        """A Spanish or Portuguese entry equal to the English one is an English word left on the page."""
        copied = sorted(key for key, texts in i18n.LABELS.items()
                        if (texts[1] == texts[0] or texts[2] == texts[0]) and key not in SAME_IN_ANOTHER_LANGUAGE)
        assert copied == []

    def test_every_plural_text_the_app_uses_exists(self):
        used = {match.group(1) for path in SOURCES for match in PLURAL_KEY.finditer(path.read_text(encoding="utf-8"))}
        assert used, "the scan found no plural texts: has the pattern drifted from the code?"
        assert sorted(used - set(i18n.PLURALS)) == []
        # a key is either a plain text or a plural one, never both (t() on a plural key would fail at run time)
        assert not set(i18n.PLURALS) & set(i18n.LABELS)

    @pytest.mark.parametrize("key", sorted(i18n.PLURALS))
    def test_every_plural_text_has_one_and_other_in_three_languages_with_the_same_placeholders(self, key):
        forms = i18n.PLURALS[key]
        assert len(forms) == 3
        expected = i18n.placeholders(forms[0]["other"])
        for by_category in forms:
            assert {"one", "other"} <= set(by_category) <= {"zero", "one", "two", "few", "many", "other"}
            # a singular may leave a figure out ("Initiative 1 of 1"), never add one
            assert all(text.strip() and i18n.placeholders(text) <= expected for text in by_category.values())
            assert i18n.placeholders(by_category["other"]) == expected
        assert forms[1]["other"] != forms[0]["other"] and forms[2]["other"] != forms[0]["other"]

    def test_the_population_source_is_translated_as_the_build_writes_it(self):
        from analytics.reference import gazetteer

        assert i18n.LABELS["source.wpp2022"][0] == gazetteer._WPP_SOURCE
        vintage = f"{gazetteer._WPP_SOURCE} (2021)"
        assert i18n.sources(vintage, "es").startswith("Perspectivas de la Población Mundial 2022")
        assert i18n.sources(vintage, "pt").endswith("(2021)") and "five-year" not in i18n.sources(vintage, "pt")
        assert i18n.sources(None, "es") == "–"

    def test_unknown_languages_fall_back_to_english(self):
        assert i18n.t("nav.map", "fr") == "Map"
        assert i18n.language(None) == i18n.language("xx") == "en"

    def test_placeholders_are_filled(self):
        assert i18n.tn("sidebar.matching", 12, "es", count="3", total="12") == "3 de 12 iniciativas cumplen los filtros."


class TestPlurals:
    @pytest.mark.parametrize(("lang", "n", "expected"), [
        ("en", 1, "1 of 1 initiative matches the filters."),
        ("en", 0, "0 of 0 initiatives match the filters."),
        ("es", 1, "1 de 1 iniciativa cumple los filtros."),
        ("es", 2, "1 de 2 iniciativas cumplen los filtros."),
        # CLDR: Portuguese counts 0 and 1 as singular
        ("pt", 0, "0 de 0 iniciativa atende aos filtros."),
        ("pt", 12, "1 de 12 iniciativas atendem aos filtros."),
    ])
    def test_the_form_agrees_with_the_count(self, lang, n, expected):
        assert i18n.tn("sidebar.matching", n, lang, count=min(n, 1) if n else 0, total=n) == expected

    def test_a_category_a_text_lacks_falls_back_to_other(self):
        # a million is "many" in Spanish (CLDR 42); the entry has no "many" form
        assert i18n.plural_category(1_000_000, "es") == "many"
        assert i18n.tn("growth.busiest_count", 1_000_000, "es", count="1.000.000") == "1.000.000 registros"


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

    # CLDR's percent patterns: Spanish puts a no-break space before the sign
    @pytest.mark.parametrize(("lang", "expected"), [("en", "42.3%"), ("es", "42,3\u00a0%"), ("pt", "42,3%")])
    def test_percentages(self, lang, expected):
        assert i18n.percent(0.4234, lang, 1) == expected
        assert i18n.percent(0.92, lang) == expected.replace("42,3", "92").replace("42.3", "92")

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

    @pytest.mark.parametrize(("lang", "expected"), [("en", "DD/MM/YYYY"), ("es", "DD/MM/YYYY"), ("pt", "DD/MM/YYYY")])
    def test_date_fields_follow_the_cldr_short_date(self, lang, expected):
        assert i18n.date_input_format(lang) == expected
