"""The interface text in three languages (gettext catalogs under locales/), and numbers and dates written the way each
language writes them (CLDR, through Babel)."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

from analytics import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE]
# texts that are rightly the same in English and in Spanish or Portuguese: symbols, names, loanwords, standards
SAME_IN_ANOTHER_LANGUAGE = {"#", "{label}: {value}", "Total", "Sector", "CSV", "Excel", "**{number} / {total}**", "Latitude",
                            "Longitude", "ISO 3166-2", "GeoJSON (points)", "IAPT Atlas", "Downloads", "{part} of {whole}"}


def keywords() -> dict:
    """The keywords `make messages` extracts with, read from the Makefile so that the test and the target agree."""
    line = next(line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith("BABEL_KEYWORDS"))
    words = shlex.split(line.split(":=", 1)[1])
    return parse_keywords([words[i + 1] for i, word in enumerate(words) if word == "-k"])


@pytest.fixture(scope="module")
def extracted() -> dict:
    """(msgctxt, msgid) → msgid as extracted now from the source tree, by Babel with babel.cfg, as `make messages` does."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    messages = {}
    for _, _, message, _, context in extract_from_dir(ROOT, method_map, options_map, keywords=keywords()):
        messages[(context, message[0] if isinstance(message, tuple) else message)] = message
    return messages


def catalog(lang: str):
    with i18n.catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


class TestCatalogs:
    def test_the_extraction_finds_the_app_s_texts(self, extracted):
        # a drifted babel.cfg or keyword list would make every other test here pass on nothing
        assert len(extracted) > 300
        assert (None, "Overview") in extracted and ("table column", "Validated") in extracted
        assert extracted[(None, "{count} registration")] == ("{count} registration", "{count} registrations")
        # a call inside an f-string (one token before Python 3.12) is found too
        assert (None, "Sector mix: the region against {country}") in extracted

    @pytest.mark.parametrize("lang", TRANSLATED)
    def test_every_text_the_app_uses_is_translated(self, lang, extracted):
        messages = {(message.context, message.id if isinstance(message.id, str) else message.id[0]): message
                    for message in catalog(lang) if message.id}
        missing = sorted(str(key) for key in extracted if key not in messages)
        assert missing == [], f"run `make messages` and translate: {missing}"
        fuzzy = sorted(str(key) for key, message in messages.items() if message.fuzzy)
        assert fuzzy == [], f"review these translations and remove their fuzzy flag: {fuzzy}"
        empty = sorted(str(key) for key, message in messages.items()
                       if not all(message.string if isinstance(message.string, tuple) else (message.string,)))
        assert empty == [], f"translate: {empty}"
        unused = sorted(str(key) for key in messages if key not in extracted)
        assert unused == [], f"texts the app no longer uses: run `make messages` {unused}"
        # a plural text here is a plural text in the source, and the other way round
        assert all(message.pluralizable == isinstance(extracted[key], tuple) for key, message in messages.items())

    @pytest.mark.parametrize("lang", TRANSLATED)
    def test_no_obsolete_entries(self, lang):
        assert list(catalog(lang).obsolete) == []

    @pytest.mark.parametrize("lang", TRANSLATED)
    def test_every_translation_has_the_placeholders_of_its_english(self, lang):
        for message in catalog(lang):
            if not message.id:
                continue
            if message.pluralizable:
                expected = placeholders(message.id[1])
                # a singular may leave a figure out ("Initiative 1 of 1"), never add one
                assert placeholders(message.string[0]) <= expected, message.id
                assert all(placeholders(text) == expected for text in message.string[1:]), message.id
            else:
                assert placeholders(message.string) == placeholders(message.id), message.id

    @pytest.mark.parametrize("lang", TRANSLATED)
    def test_the_plural_forms_are_babel_s_for_the_language(self, lang):
        from babel.messages.plurals import get_plural

        assert catalog(lang).plural_forms == get_plural(lang).plural_forms
        assert all(len(message.string) == catalog(lang).num_plurals for message in catalog(lang) if message.pluralizable)

    @pytest.mark.parametrize("lang", TRANSLATED)
    def test_every_text_is_translated_not_copied(self, lang):
        """A Spanish or Portuguese entry equal to the English one is an English word left on the page."""
        copied = sorted(message.id for message in catalog(lang)
                        if message.id and isinstance(message.id, str) and message.string == message.id
                        and message.id not in SAME_IN_ANOTHER_LANGUAGE)
        assert copied == []

    def test_a_missing_po_is_compiled_in_memory_and_fuzzy_texts_are_left_out(self, tmp_path, monkeypatch):
        po = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Overview"\nmsgstr "Resumen"\n\n#, fuzzy\nmsgid "Map"\nmsgstr "Mapita"\n', encoding="utf-8")
        monkeypatch.setattr(i18n, "LOCALES", tmp_path)
        i18n.translations.cache_clear()
        try:
            assert i18n.t("Overview", "es") == "Resumen"
            assert i18n.t("Map", "es") == "Map"
        finally:
            monkeypatch.undo()
            i18n.translations.cache_clear()


class TestTexts:
    def test_the_population_source_is_translated_as_the_build_writes_it(self):
        from analytics.reference import gazetteer

        assert i18n.SOURCE_NAMES == (gazetteer.WPP_SOURCE,)
        vintage = f"{gazetteer.WPP_SOURCE} (2021)"
        assert i18n.sources(vintage, "es").startswith("Perspectivas de la Población Mundial 2022")
        assert i18n.sources(vintage, "pt").endswith("(2021)") and "five-year" not in i18n.sources(vintage, "pt")
        assert i18n.sources(None, "es") == "–"

    def test_unknown_languages_fall_back_to_english(self):
        assert i18n.t("Map", "fr") == "Map"
        assert i18n.t("Map", "es") == "Mapa"
        assert i18n.language(None) == i18n.language("xx") == "en"

    def test_placeholders_are_filled(self):
        assert i18n.tn("{count} of {total} initiative matches the filters.", "{count} of {total} initiatives match the filters.",
                       12, "es", count="3", total="12") == "3 de 12 iniciativas cumplen los filtros."

    def test_one_english_text_translated_two_ways_by_context(self):
        assert i18n.t("Validated", "es") == "Validadas"
        assert i18n.tc("table column", "Validated", "es") == "Validada"
        assert i18n.t(i18n.NC_("indicator definition", "Admin-1 regions covered"), "pt") == "Regiões de primeiro nível cobertas"


MATCHING = ("{count} of {total} initiative matches the filters.", "{count} of {total} initiatives match the filters.")


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
        assert i18n.tn(*MATCHING, n, lang, count=min(n, 1) if n else 0, total=n) == expected

    def test_a_million_takes_cldr_s_many_form(self):
        # CLDR (and so Babel's Plural-Forms) gives Spanish a "many" form for exact millions; here it reads as "other"
        assert i18n.tn("{count} registration", "{count} registrations", 1_000_000, "es", count="1.000.000") == "1.000.000 registros"


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

    # CLDR's abbreviated months: Portuguese writes them with a full stop
    @pytest.mark.parametrize(("lang", "short", "long"), [
        ("en", "12 Dec 2023", "12 December 2023"),
        ("es", "12 dic 2023", "12 de diciembre de 2023"),
        ("pt", "12 dez. 2023", "12 de dezembro de 2023"),
    ])
    def test_days(self, lang, short, long):
        assert i18n.date(self.DAY, lang) == short
        assert i18n.date(self.DAY, lang, long=True) == long

    # CLDR abbreviates September as "Sept" in British English and Spanish
    @pytest.mark.parametrize(("unit", "lang", "expected"), [
        ("month", "en", "Sept 2025"), ("month", "es", "sept 2025"), ("month", "pt", "set. 2025"),
        ("quarter", "en", "Q3 2025"), ("quarter", "es", "T3 2025"), ("year", "pt", "2025"),
    ])
    def test_periods(self, unit, lang, expected):
        assert i18n.period(dt.date(2025, 9, 1), unit, lang) == expected

    @pytest.mark.parametrize("lang", i18n.LANGUAGES)
    def test_every_language_names_twelve_months(self, lang):
        assert len({i18n.month_name(month, lang) for month in range(1, 13)}) == 12
        assert len({i18n.month_name(month, lang, short=True) for month in range(1, 13)}) == 12

    def test_timestamps_and_missing_dates(self):
        assert i18n.timestamp(dt.datetime(2026, 5, 4, 9, 7), "pt") == "4 mai. 2026, 09:07"
        assert i18n.date(None, "en") == "–"

    @pytest.mark.parametrize(("lang", "expected"), [("en", "DD/MM/YYYY"), ("es", "DD/MM/YYYY"), ("pt", "DD/MM/YYYY")])
    def test_date_fields_follow_the_cldr_short_date(self, lang, expected):
        assert i18n.date_input_format(lang) == expected
