"""The validator on its own (analytics/ingest/validate.py): each test builds the reader's output by hand (RawTables of
text cells with their row numbers, in an Export) and checks the typed tables and the problems that `validate` makes
of them, without reading a file. Valid initiatives are rows of the hand-made fixture (tests/fixture_registry.py),
whose places the gazetteer knows; the whole build over broken exports is tested in tests/unit/test_import_invalid.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from analytics.ingest.reader import PROBLEM_SCHEMA, ROW, Export, Problem, RawTable, problem_list
from analytics.ingest.registry_format import table
from analytics.ingest.validate import EXCEL_EPOCH, TABLE_ORDER, closest, search_key, validate
from analytics.reference import taxonomy
from tests.fixture_registry import INITIATIVE_COLUMNS, INITIATIVES

TODAY = dt.date(2025, 10, 15)
FIRM_COLUMNS = ("id", "name", "size_class", "isic_section", "country")
MILESTONE_COLUMNS = ("date", "count", "label_en", "source")


def raw(name: str, columns, rows, header_row: int = 1, written: dict[str, str] | None = None,
        unrecognised: tuple[str, ...] = (), row_problems: list[Problem] = ()) -> RawTable:
    """A table as the reader gives it: text cells under the spec's names, the first record on the row after the header."""
    data = {ROW: list(range(header_row + 1, header_row + 1 + len(rows)))}
    data |= {column: [row[i] for row in rows] for i, column in enumerate(columns)}
    frame = pl.DataFrame(data, schema={ROW: pl.Int64, **dict.fromkeys(columns, pl.String)})
    problems = pl.DataFrame([tuple(p.__dict__.values()) for p in row_problems], schema=PROBLEM_SCHEMA, orient="row")
    return RawTable(table(name), f"{name}.csv", frame, header_row, unrecognised, problems, written or {})


def run(*tables: RawTable, cascade: bool = False, problems: list[Problem] = ()):
    return validate(Export(Path("export"), {t.spec.name: t for t in tables}, list(problems)), today=TODAY, cascade=cascade)


def initiative(index: int = 0, **changes: str) -> tuple[str, ...]:
    """Fixture initiative `index` (CO-01 first) as text cells, with some cells replaced."""
    cells = dict(zip(INITIATIVE_COLUMNS, [*map(str, INITIATIVES[index]), "Hand-made test fixture"], strict=True))
    return tuple((cells | changes).values())


def initiatives(*rows: tuple[str, ...]) -> RawTable:
    return raw("initiatives", INITIATIVE_COLUMNS, rows)


def firms(*rows: tuple[str, ...]) -> RawTable:
    return raw("firms", FIRM_COLUMNS, rows)


def firm(number: int, size: str = "small", section: str = "C", country: str = "CO") -> tuple[str, ...]:
    return (f"F{number:02d}", f"Firm {number}", size, section, country)


def milestones(*cells: tuple[str, str]) -> RawTable:
    """One milestone per (date, count)."""
    return raw("milestones", MILESTONE_COLUMNS, [(date, count, "label", "source") for date, count in cells])


def found(result, file: str | None = None) -> list[tuple]:
    """(file, row, column, value, reason) of every problem, or of one file's."""
    return [(p.file, p.row, p.column, p.value, p.reason) for p in problem_list(result.problems)
            if file is None or p.file == file]


class TestTypes:
    def test_whole_numbers(self):
        result = run(milestones(("2020-01-01", "258"), ("2021-01-01", "12.0"), ("2022-01-01", "0")))
        assert found(result) == []
        assert result.tables["milestones"]["count"].to_list() == [258, 12, 0]  # "12.0" is how a spreadsheet writes 12

    @pytest.mark.parametrize(("count", "reason"), [
        ("12.5", "not a whole number"), ("doce", "not a whole number"), ("-1", "must not be negative"),
    ])
    def test_a_bad_whole_number_is_reported_where_it_is(self, count, reason):
        bad = raw("milestones", MILESTONE_COLUMNS, [("2020-01-01", "1", "a", "b"), ("2021-01-01", count, "a", "b")],
                  header_row=3, written={"count": "Cantidad"})
        result = run(bad)
        # the header on row 3 (below a title and a blank row): the second record is on row 5
        assert found(result) == [("milestones.csv", 5, "Cantidad (count)", count, reason)]
        assert result.tables["milestones"]["count"].to_list() == [1, None if reason.startswith("not") else int(count)]

    @pytest.mark.parametrize("written", [
        "2023-12-12", "12/12/2023", "12-12-2023", "12.12.2023", "2023/12/12", "12/12/2023 0:00", "2023-12-12T10:00",
        str((dt.date(2023, 12, 12) - EXCEL_EPOCH).days), f"{(dt.date(2023, 12, 12) - EXCEL_EPOCH).days}.5",
    ])
    def test_every_form_of_a_date(self, written):
        result = run(milestones(("2020-01-01", "1"), (written, "2")))
        assert found(result) == []
        assert result.tables["milestones"]["date"].to_list() == [dt.date(2020, 1, 1), dt.date(2023, 12, 12)]

    @pytest.mark.parametrize(("written", "reason"), [
        ("31/02/2024", "not a date (expected YYYY-MM-DD or DD/MM/YYYY)"),
        ("2023", "not a date (expected YYYY-MM-DD or DD/MM/YYYY)"),  # a year alone is no Excel serial of our times
        ("01/03/0023", "before 1900: not a plausible date"),
        ((TODAY + dt.timedelta(days=1)).isoformat(), "date is in the future"),
    ])
    def test_a_bad_date(self, written, reason):
        assert found(run(milestones((written, "1")))) == [("milestones.csv", 2, "date", written, reason)]

    def test_today_is_not_in_the_future(self):
        assert found(run(milestones((TODAY.isoformat(), "1")))) == []

    def test_decimals_with_a_comma_or_a_pasted_minus_sign(self):
        latitude, longitude = INITIATIVES[0][7], INITIATIVES[0][8]
        row = initiative(latitude=str(latitude).replace(".", ","), longitude=str(longitude).replace("-", "\u2212"))
        result = run(initiatives(row))
        assert found(result) == []
        assert result.tables["initiatives"].select("latitude", "longitude").row(0) == (latitude, longitude)

    @pytest.mark.parametrize(("latitude", "reason"), [
        ("nan", "not a number"), ("inf", "not a number"), ("4.7.1", "not a number"), ("91", "above the maximum 90"),
    ])
    def test_a_bad_decimal(self, latitude, reason):
        assert found(run(initiatives(initiative(latitude=latitude)))) == [
            ("initiatives.csv", 2, "latitude", latitude, reason)]

    def test_a_web_address_needs_its_scheme(self):
        result = run(initiatives(initiative(website="www.example.org")))
        assert found(result) == [("initiatives.csv", 2, "website", "www.example.org",
                                  "not a web address (expected http:// or https://)")]


class TestVocabulary:
    @pytest.mark.parametrize(("written", "code"), [
        ("small", "small"), ("SMALL", "small"), ("Pequeña", "small"), ("pequena", "small"), (" Mediana ", "medium"),
        ("MÉDIA", "medium"), ("Grande", "large"),
    ])
    def test_a_code_or_its_name_in_any_language_case_and_accents(self, written, code):
        result = run(firms(firm(1, size=written)))
        assert found(result) == [] and result.tables["firms"]["size_class"].to_list() == [code]

    @pytest.mark.parametrize("written", ["c", "Industrias manufactureras", "INDÚSTRIAS DE TRANSFORMAÇÃO", "manufacturing"])
    def test_an_isic_section_by_letter_or_name(self, written):
        assert run(firms(firm(1, section=written))).tables["firms"]["isic_section"].to_list() == ["C"]

    def test_an_unknown_value_is_reported_with_the_closest_code(self):
        allowed = ", ".join(taxonomy.codes("size_class"))  # four codes: listed whole, without "..."
        result = run(firms(firm(1), firm(2, size="smal"), firm(3, size="zzzz")))
        assert found(result) == [
            ("firms.csv", 3, "size_class", "smal", f"not an allowed value; did you mean 'small'? (allowed: {allowed})"),
            ("firms.csv", 4, "size_class", "zzzz", f"not an allowed value (allowed: {allowed})"),
        ]
        assert result.tables["firms"]["size_class"].to_list() == ["small", None, None]

    @pytest.mark.parametrize(("value", "vocabulary", "suggestion"), [
        ("validatd", "status", "validated"), ("VALIDADA", "status", "validated"), ("Iniciativa clustr", "type", "cluster"),
        ("Turismo sostenble", "eclac_sector", "tourism"), ("local productive arrangement", "type",
                                                           "local_productive_arrangement"),
        ("zzzz", "status", None),
    ])
    def test_closest(self, value, vocabulary, suggestion):
        assert closest(value, vocabulary) == suggestion

    def test_a_list_of_codes_by_name_repeats_dropped_order_kept(self):
        result = run(initiatives(initiative(priority_sectors="Transición energética ; DIGITAL;energy",
                                            isic_sections=" m ;J")))
        assert found(result) == []
        typed = result.tables["initiatives"]
        assert typed["priority_sectors"].to_list() == [["energy", "digital"]]
        assert typed["isic_sections"].to_list() == [["M", "J"]]  # the first one is the primary section

    def test_an_unknown_item_names_itself_and_shows_the_whole_cell(self):
        cell = "agri;Turismo sostenble"
        result = run(initiatives(initiative(priority_sectors=cell)))
        [(file, row, column, value, reason)] = found(result)
        assert (file, row, column, value) == ("initiatives.csv", 2, "priority_sectors", cell)
        assert reason.startswith("Turismo sostenble: not an allowed value; did you mean 'tourism'?")
        assert reason.endswith(", ...)")  # more than eight sectors: the list of allowed ones is cut
        assert result.tables["initiatives"]["priority_sectors"].to_list() == [["agri"]]

    def test_a_list_of_separators_only_names_no_section(self):
        assert found(run(initiatives(initiative(isic_sections=";")))) == [
            ("initiatives.csv", 2, "isic_sections", ";", "at least one ISIC section is required")]


def test_search_key_folds_as_the_search_terms_do():
    folded = pl.Series(["México", "  MEXICO ", "Nº 5", "Straße", None]).to_frame("t").select(search_key(pl.col("t")))
    assert folded.to_series().to_list() == ["mexico", "mexico", "no 5", "strasse", None]


class TestBlocking:
    def test_a_missing_required_column_blocks_and_names_the_nearest_header(self):
        result = run(raw("firms", ("id", "name", "isic_section", "country"), [("F01", "A", "C", "CO")],
                         header_row=2, unrecognised=("Observaciones", "Tamanio")))
        expected = ("firms.csv", 2, "size_class", "Tamanio", "required column missing")
        assert [tuple(p.__dict__.values()) for p in problem_list(result.blocking)] == [expected]
        assert found(result) == [expected]
        # no row is blamed for its file's header
        assert result.rejected["firms"].is_empty()

    def test_a_missing_optional_column_is_empty(self):
        result = run(raw("firms", FIRM_COLUMNS, [firm(1)]))
        assert found(result) == [] and result.tables["firms"]["city"].to_list() == [None]

    def test_a_missing_value_rejects_only_its_row(self):
        result = run(firms(firm(1), ("F02", "  ", "small", "C", "CO")))
        assert found(result) == [("firms.csv", 3, "name", "", "required value missing")]
        assert result.blocking.is_empty()
        assert result.rejected["firms"][ROW].to_list() == [3]

    def test_the_readers_problems_block(self):
        unreadable = Problem("memberships.csv", 0, "", "byte 0x81 at offset 8", "cannot be decoded")
        result = run(firms(firm(1)), problems=[unreadable])
        assert problem_list(result.blocking) == [unreadable] and problem_list(result.problems) == [unreadable]


class TestDuplicates:
    def test_every_repeat_of_an_id_after_its_first_row(self):
        result = run(firms(firm(1), firm(2), firm(1), firm(1)))
        # F01 is first on row 2; its repeats are on rows 4 and 5; the first stays valid
        assert found(result) == [("firms.csv", row, "id", "F01", "duplicate id: already used at row 2") for row in (4, 5)]
        assert result.rejected["firms"][ROW].to_list() == [4, 5]

    def test_a_firm_listed_twice_in_one_initiative(self):
        rows = [("F01", "CO-01", ""), ("F01", "CO-02", ""), ("F01", "CO-01", "2024-01-01")]
        result = run(raw("memberships", ("firm_id", "initiative_id", "joined_on"), rows))
        assert found(result) == [("memberships.csv", 4, "firm_id", "F01",
                                  "this firm is already listed in this initiative, at row 2")]

    def test_a_link_is_the_same_whichever_initiative_is_first(self):
        rows = [("CO-01", "MX-01", "P"), ("MX-01", "CO-01", "P"), ("MX-01", "CO-01", "Q")]
        result = run(raw("collaborations", ("initiative_a", "initiative_b", "programme"), rows))
        # the reversed link of the same programme repeats row 2; in another programme it is another link
        assert found(result) == [("collaborations.csv", 3, "initiative_b", "CO-01", "this link is already listed, at row 2")]

    def test_two_milestones_on_one_date(self):
        result = run(milestones(("2024-01-01", "1"), ("01/01/2024", "2")))
        # the dates are compared as dates, not as the text written
        assert found(result) == [("milestones.csv", 3, "date", "01/01/2024", "another milestone has this date, at row 2")]


MEMBERSHIP_COLUMNS = ("firm_id", "initiative_id")


class TestReferences:
    def test_links_to_records_not_in_the_export(self):
        result = run(initiatives(initiative(0)), firms(firm(1)),
                     raw("memberships", MEMBERSHIP_COLUMNS, [("F01", "CO-01"), ("F99", "CO-01"), ("F01", "XX-99")]),
                     raw("collaborations", ("initiative_a", "initiative_b", "programme"),
                         [("CO-01", "MX-99", "P"), ("CO-01", "CO-01", "P")]))
        assert found(result) == [
            ("collaborations.csv", 2, "initiative_b", "MX-99", "no initiative with this id"),
            ("collaborations.csv", 3, "initiative_b", "CO-01", "an initiative cannot collaborate with itself"),
            ("memberships.csv", 3, "firm_id", "F99", "no firm with this id"),
            ("memberships.csv", 4, "initiative_id", "XX-99", "no initiative with this id"),
        ]

    def test_links_are_not_checked_against_a_file_without_ids(self):
        """The firms file's own problem (no id column) blocks; every membership is not also reported."""
        firms_without_ids = raw("firms", FIRM_COLUMNS[1:], [firm(1)[1:]])
        result = run(firms_without_ids, raw("memberships", MEMBERSHIP_COLUMNS, [("F01", "CO-01"), ("F02", "CO-01")]))
        assert [(p.file, p.column) for p in problem_list(result.problems)] == [("firms.csv", "id")]


class TestCascade:
    @staticmethod
    def export(cascade: bool):
        """CO-02 has an unknown type, F02 an unknown size; memberships on rows 3 and 4 point at them."""
        return run(initiatives(initiative(0), initiative(1, type="clustr")),
                   firms(firm(1), firm(2, size="huge")),
                   raw("memberships", MEMBERSHIP_COLUMNS, [("F01", "CO-01"), ("F01", "CO-02"), ("F02", "CO-01")]),
                   cascade=cascade)

    def test_without_cascade_a_row_is_blamed_only_for_its_own_cells(self):
        result = self.export(cascade=False)
        assert [(p.file, p.row) for p in problem_list(result.problems)] == [("firms.csv", 3), ("initiatives.csv", 3)]
        assert result.rejected["memberships"].is_empty()

    def test_with_cascade_rows_pointing_at_rejected_records_are_rejected(self):
        result = self.export(cascade=True)
        assert found(result, "memberships.csv") == [
            ("memberships.csv", 3, "initiative_id", "CO-02", "the initiative with this id was rejected"),
            ("memberships.csv", 4, "firm_id", "F02", "the firm with this id was rejected"),
        ]
        assert result.rejected["memberships"].rows() == [
            (3, "initiative_id: the initiative with this id was rejected"), (4, "firm_id: the firm with this id was rejected")]

    def test_an_id_valid_on_one_row_stays_usable(self):
        """F01's second row is a rejected duplicate, but its first row is valid: its members stay."""
        result = run(firms(firm(1), firm(1)), raw("memberships", MEMBERSHIP_COLUMNS, [("F01", "CO-01")]), cascade=True)
        assert [p[1] for p in found(result)] == [3]  # the repeated firm, and nothing else
        assert found(result, "memberships.csv") == []


class TestCounts:
    def test_rows_read_every_row_rejected_ones_too_in_table_order(self):
        result = run(raw("memberships", MEMBERSHIP_COLUMNS, [("F01", "CO-01")]),
                     firms(firm(1), firm(2, size="huge"), firm(3)))
        assert result.rows_read == {"firms": 3, "memberships": 1}
        assert list(result.rows_read) == [name for name in TABLE_ORDER if name in result.rows_read]
        assert list(result.tables) == list(result.rows_read)
        assert result.tables["firms"][ROW].to_list() == [2, 3, 4]  # typed tables keep every row read

    def test_a_rejected_row_lists_all_its_reasons_and_the_readers(self):
        ragged = Problem("firms.csv", 3, "", "x", "6 cells but the header names 5 columns")
        result = run(raw("firms", FIRM_COLUMNS, [firm(1), firm(2, size="huge", section="ZZ")], row_problems=[ragged]))
        [(row, reasons)] = result.rejected["firms"].rows()
        parts = reasons.split("; ")
        # a problem of the whole row shows its reason alone; a cell's is prefixed with its column, in the spec's order
        assert row == 3 and parts[0] == ragged.reason
        assert [part.split(":")[0] for part in parts[1:]] == ["size_class", "isic_section"]

    def test_countries_are_stored_as_iso_codes_and_others_refused(self):
        result = run(firms(firm(1, country="Colombia"), firm(2, country="mex"), firm(3, country="España")))
        assert result.tables["firms"]["country"].to_list() == ["CO", "MX", None]
        assert found(result) == [("firms.csv", 4, "country", "España", "not a country of Latin America and the Caribbean")]
