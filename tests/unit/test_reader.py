"""The export reader on its own (analytics/ingest/reader.py): files are written by hand in tmp_path, read with
`read_export` or the public helpers, and the cells, row numbers and problems compared with what the written bytes
say. The whole build over messy and broken exports is tested in tests/unit/test_import_*.py.

Most cases use the firms table (five columns, no gazetteer), FIRMS_HEADER below; its first record is on the row after
the header, as a spreadsheet numbers it.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from analytics.ingest import reader
from analytics.ingest.reader import ROW, Problem, detect_encoding, header_key, read_export, table_for_name
from analytics.ingest.registry_format import INITIATIVES, TABLES

FIRMS_HEADER = ["id", "name", "size_class", "isic_section", "country"]
FIRM_ROWS = [["F01", "Acme", "small", "C", "CO"], ["F02", "Beta", "large", "J", "MX"]]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    return "".join(delimiter.join(row) + "\n" for row in rows)


def read_file(folder: Path, name: str, data: bytes):
    """The one file written and read back: its table (None when refused) and the problems naming it."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    export = read_export(folder)
    spec = table_for_name(Path(name).stem)
    table = export.tables.get(spec.name) if spec else None
    return table, [p for p in export.problems if p.file == name]


def cells(table) -> list[tuple]:
    return table.frame.drop(ROW).rows()


def rows(table) -> list[int]:
    return table.frame[ROW].to_list()


class TestNames:
    @pytest.mark.parametrize("written", ["Año de Fundación", "año_de_fundacion ", "ANO DE FUNDACION (*)",
                                         "  Año-de-fundación [años]"])
    def test_header_key_folds_case_accents_punctuation_and_notes(self, written):
        assert header_key(written) == "ano de fundacion"

    def test_header_key_keeps_words_apart(self):
        # folding must not merge two different headers into one
        assert header_key("iniciativa a") != header_key("iniciativa b")

    @pytest.mark.parametrize(("name", "table"), [
        ("initiatives", "initiatives"), ("Iniciativas", "initiatives"), ("iniciativas (1)", "initiatives"),
        ("IAPT_iniciativas_2025-10", "initiatives"), ("EMPRESAS", "firms"), ("membresías", "memberships"),
        ("Colaborações", "collaborations"), ("hitos", "milestones"),
    ])
    def test_a_name_stands_for_its_table(self, name, table):
        assert table_for_name(name).name == table

    @pytest.mark.parametrize("name", ["firmas_2025", "notas", "iniciativas_empresas", ""])
    def test_a_name_for_no_table_or_for_two_is_none(self, name):
        assert table_for_name(name) is None

    def test_closest_header_finds_a_misspelt_column(self):
        assert reader.closest_header("latitude", INITIATIVES, ("Observaciones", "Lattitude")) == "Lattitude"
        # an alias counts too: "Longitd" is nearest the Spanish "longitud"
        assert reader.closest_header("longitude", INITIATIVES, ("Longitd",)) == "Longitd"
        assert reader.closest_header("latitude", INITIATIVES, ("Observaciones",)) is None


class TestDelimitersAndHeader:
    @pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
    def test_each_delimiter_is_found_from_the_header(self, delimiter, tmp_path):
        table, problems = read_file(tmp_path, "firms.csv", csv_text([FIRMS_HEADER, *FIRM_ROWS], delimiter).encode())
        assert problems == []
        assert table.frame.columns == [ROW, *FIRMS_HEADER]
        assert cells(table) == [tuple(row) for row in FIRM_ROWS]

    def test_a_comma_in_a_semicolon_file_and_its_title_does_not_decide_the_delimiter(self, tmp_path):
        title = "Registro IAPT, octubre 2025\n"
        body = [FIRMS_HEADER, ["F01", "Acme, S.A.", "small", "C", "CO"]]
        table, problems = read_file(tmp_path, "firms.csv", (title + csv_text(body, ";")).encode())
        assert problems == [] and cells(table) == [tuple(body[1])]
        assert table.header_row == 2 and rows(table) == [3]

    @pytest.mark.parametrize("titles", [1, reader.HEADER_SEARCH_ROWS - 1])
    def test_the_header_is_found_below_title_rows(self, titles, tmp_path):
        text = "Registro IAPT\n" * titles + csv_text([FIRMS_HEADER, *FIRM_ROWS])
        table, problems = read_file(tmp_path, "firms.csv", text.encode())
        assert problems == []
        # the title rows count: the header is on the row after them, the records below it
        assert table.header_row == titles + 1
        assert rows(table) == [titles + 2, titles + 3]

    def test_a_header_past_the_search_rows_is_not_found(self, tmp_path):
        text = "Listado\n" + "Registro IAPT\n" * (reader.HEADER_SEARCH_ROWS - 1) + csv_text([FIRMS_HEADER, *FIRM_ROWS])
        table, problems = read_file(tmp_path, "firms.csv", text.encode())
        assert table is None
        assert [(p.row, p.value) for p in problems] == [(1, "Listado")]
        assert f"first {reader.HEADER_SEARCH_ROWS} rows" in problems[0].reason

    def test_headers_in_other_languages_cases_and_notes_map_to_the_spec(self, tmp_path):
        written = ["Identificador", "RAZÓN SOCIAL", "tamano", "Sección_CIIU (*)", " País ", "Observaciones"]
        table, problems = read_file(tmp_path, "empresas.csv", csv_text([written, [*FIRM_ROWS[0], "nota"]]).encode())
        assert problems == []
        assert table.frame.columns == [ROW, *FIRMS_HEADER]  # in the spec's order; the unknown column left out
        assert cells(table) == [tuple(FIRM_ROWS[0])]
        assert table.unrecognised_headers == ("Observaciones",)
        # a problem names the column as the file wrote it, and the spec's name when they differ
        assert table.column_label("name") == "RAZÓN SOCIAL (name)"
        assert table.column_label("country") == "País (country)"
        assert table.column_label("id") == "Identificador (id)"

    def test_a_column_given_twice_is_a_problem_of_the_file(self, tmp_path):
        header = [*FIRMS_HEADER, "Código"]
        table, problems = read_file(tmp_path, "firms.csv", csv_text([header, [*FIRM_ROWS[0], "X"]]).encode())
        assert [(p.row, p.column, p.value) for p in problems] == [(1, "id", "Código")]
        assert f"(columns 1 and {len(header)})" in problems[0].reason
        assert table.frame["id"].to_list() == ["F01"]  # the first one is read

    def test_a_header_without_rows_is_reported_for_a_required_table(self, tmp_path):
        table, problems = read_file(tmp_path, "firms.csv", csv_text([FIRMS_HEADER]).encode())
        assert table.frame.height == 0
        assert [(p.row, p.reason) for p in problems] == [(1, "the header is there but no rows under it")]

    def test_a_header_without_rows_is_fine_for_an_optional_table(self, tmp_path):
        header = ["date", "count", "label_en", "source"]
        table, problems = read_file(tmp_path, "milestones.csv", csv_text([header]).encode())
        assert problems == [] and table.frame.height == 0


class TestRowNumbers:
    def test_blank_rows_count_and_a_quoted_line_break_does_not(self, tmp_path):
        text = ('id,name,size_class,isic_section,country\n'   # row 1
                'F01,Acme,small,C,CO\n'                        # row 2
                '\n'                                            # row 3: blank, counted, not read
                'F02,"two\nlines",small,C,CO\n'                # row 4: one row in a spreadsheet
                ',,,,\n'                                        # row 5: empty cells only, not read
                'F03,Gamma,micro,A,CL\r\n')                     # row 6
        table, problems = read_file(tmp_path, "firms.csv", text.encode())
        assert problems == []
        assert rows(table) == [2, 4, 6]
        assert table.frame["name"].to_list() == ["Acme", "two\nlines", "Gamma"]

    def test_a_quoted_line_break_in_a_title_row_stays_one_row(self, tmp_path):
        text = '"Registro\nIAPT"\n' + csv_text([FIRMS_HEADER, FIRM_ROWS[0]])
        table, _ = read_file(tmp_path, "firms.csv", text.encode())
        assert (table.header_row, rows(table)) == (2, [3])

    def test_classic_mac_line_ends_are_rows(self, tmp_path):
        text = "\r".join(",".join(row) for row in [FIRMS_HEADER, *FIRM_ROWS]) + "\r"
        table, problems = read_file(tmp_path, "firms.csv", text.encode())
        assert problems == [] and rows(table) == [2, 3]

    def test_a_ragged_row_is_a_problem_of_that_row_only(self, tmp_path):
        text = csv_text([FIRMS_HEADER, FIRM_ROWS[0], [*FIRM_ROWS[1], "-74", "08"], [*FIRM_ROWS[0][:4], "CO", "", ""]])
        table, problems = read_file(tmp_path, "firms.csv", text.encode())
        assert problems == []  # not a problem of the whole file
        width = len(FIRMS_HEADER)
        # row 3 has two cells too many; row 4's extra cells are empty, as trailing separators leave them
        assert table.row_problems.select("row", "value").rows() == [(3, "-74,08")]
        assert table.row_problems["reason"][0].startswith(f"{width + 2} cells but the header names {width} columns")
        assert rows(table) == [2, 3, 4]  # the row itself is kept, cut to the header's width, for validate to reject


class TestEncodings:
    TEXT = "id,name\nF01,Razón Açaí\n"

    @pytest.mark.parametrize(("data", "codec"), [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("latin-1"), "cp1252"),  # they agree on every printable character
        (TEXT.encode("utf-16"), "utf-16"),
    ])
    def test_the_codec_is_detected(self, data, codec):
        assert detect_encoding(data, "firms.csv") == (codec, None)
        assert data.decode(codec).lstrip("\ufeff") == self.TEXT

    def test_an_undecodable_byte_is_reported_with_its_offset(self):
        data = b"id,name\nF01,a\x81b\n"  # 0x81 is in neither UTF-8 nor Windows-1252
        codec, problem = detect_encoding(data, "firms.csv")
        assert codec is None
        assert (problem.file, problem.row, problem.value) == ("firms.csv", 0, f"byte 0x81 at offset {data.index(0x81)}")
        assert problem.reason == "cannot be decoded as UTF-8 or Windows-1252"

    @pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
    def test_two_encodings_in_one_file_are_refused(self, bom):
        utf8 = "F01,Razón\n".encode()
        data = bom + utf8 + "F02,Peña\n".encode("cp1252")
        codec, problem = detect_encoding(data, "firms.csv")
        assert codec is None and "mixes two encodings" in problem.reason
        assert problem.value == f"byte 0xf1 at offset {len(bom) + len(utf8) + len('F02,Pe')}"

    def test_the_offset_is_exact_when_a_character_is_cut_between_blocks(self, monkeypatch):
        monkeypatch.setattr(reader, "_UTF8_CHUNK", 4)
        data = "abcé".encode() + b"\xff"  # the first block ends inside "é"; the bad byte opens the next one
        _, problem = detect_encoding(data, "firms.csv")
        assert problem.value == f"byte 0xff at offset {data.index(0xff)}"

    @pytest.mark.parametrize(("data", "reason"), [
        (b"PK\x03\x04rest", "is a workbook or a zip archive"), (b"id,name\x00\n", "holds a NUL byte"),
    ])
    def test_a_file_that_is_not_text_is_refused(self, data, reason):
        codec, problem = detect_encoding(data, "firms.csv")
        assert codec is None and reason in problem.reason

    def test_a_windows_1252_file_is_read_as_text(self, tmp_path):
        text = csv_text([["Identificador", "Razón social", "Tamaño", "Sección CIIU", "País"], ["F01", "Peña", "small", "C", "CO"]])
        table, problems = read_file(tmp_path, "firms.csv", text.encode("cp1252"))
        assert problems == [] and table.frame["name"].to_list() == ["Peña"]

    def test_a_byte_order_mark_is_not_part_of_the_first_header(self, tmp_path):
        data = codecs.BOM_UTF8 + csv_text([FIRMS_HEADER, FIRM_ROWS[0]]).encode()
        table, problems = read_file(tmp_path, "firms.csv", data)
        assert problems == [] and table.frame["id"].to_list() == ["F01"]

    def test_an_undecodable_file_is_a_problem_of_the_export(self, tmp_path):
        table, problems = read_file(tmp_path, "firms.csv", b"id,name\n\x81\n")
        assert table is None and [(p.row, p.value) for p in problems] == [(0, "byte 0x81 at offset 8")]


class TestFilesOfTheExport:
    def test_files_are_matched_by_name_and_the_others_listed(self, tmp_path):
        (tmp_path / "empresas (1).csv").write_text(csv_text([FIRMS_HEADER, FIRM_ROWS[0]]))
        (tmp_path / "notas.txt").write_text("nothing\n")
        (tmp_path / "README.md").write_text("# not a table file\n")  # not a CSV suffix: not even listed
        (tmp_path / "~$iniciativas.xlsx").write_bytes(b"lock")  # a spreadsheet's lock file: skipped
        (tmp_path / ".~lock.membresias.csv#").write_bytes(b"lock")
        export = read_export(tmp_path)
        assert list(export.tables) == ["firms"] and export.tables["firms"].file == "empresas (1).csv"
        missing = [spec.name for spec in TABLES if spec.required and spec.name != "firms"]
        assert [(p.file, p.reason) for p in export.problems] == [
            (f"{name}.csv", f"the export has no '{name}' file or sheet (not recognised: notas.txt)") for name in missing]

    def test_a_second_file_for_a_table_is_refused(self, tmp_path):
        for name in ("empresas.csv", "firms.csv"):
            (tmp_path / name).write_text(csv_text([FIRMS_HEADER, FIRM_ROWS[0]]))
        export = read_export(tmp_path)
        # files are read in name order: empresas.csv is first
        assert export.tables["firms"].file == "empresas.csv"
        assert [p.reason for p in export.problems if p.file == "firms.csv"] == [
            "a second file for the 'firms' table (the first is empresas.csv): give one only"]

    @pytest.mark.parametrize(("name", "value", "reason"), [
        ("firms.csv", ".csv", "expected a folder of CSV files or an .xlsx workbook"),
        ("missing", "", "no such file or folder"),
    ])
    def test_a_source_that_is_no_export(self, name, value, reason, tmp_path):
        source = tmp_path / name
        if source.suffix:
            source.write_text(csv_text([FIRMS_HEADER]))
        export = read_export(source)
        assert export.tables == {}
        assert [(p.value, p.reason) for p in export.problems] == [(value, reason)]

    @pytest.mark.parametrize("name", ["firms.csv", "book.xlsx"])
    def test_a_file_too_large_is_refused_from_its_size(self, name, tmp_path, monkeypatch):
        path = tmp_path / name
        if name.endswith(".xlsx"):
            book = openpyxl.Workbook()
            book.active.title = "firms"
            for row in [FIRMS_HEADER, *FIRM_ROWS]:
                book.active.append(row)
            book.save(path)
        else:
            path.write_text(csv_text([FIRMS_HEADER, *FIRM_ROWS]))
        size = path.stat().st_size
        monkeypatch.setattr(reader, "MAX_FILE_BYTES", size - 1)
        monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self.name} was read"))
        export = read_export(tmp_path)
        assert "firms" not in export.tables
        assert [(p.value, p.reason) for p in export.problems if p.file == name] == [
            (f"{size:,} bytes", f"the file is larger than {size - 1:,} bytes, the most a build reads")]

    def test_a_file_at_the_limit_is_read(self, tmp_path, monkeypatch):
        (tmp_path / "firms.csv").write_text(csv_text([FIRMS_HEADER, *FIRM_ROWS]))
        monkeypatch.setattr(reader, "MAX_FILE_BYTES", (tmp_path / "firms.csv").stat().st_size)
        assert cells(read_export(tmp_path).tables["firms"]) == [tuple(row) for row in FIRM_ROWS]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, sheet_rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    book.save(path)
    return path


class TestWorkbooks:
    def test_sheets_are_tables_by_name_and_cells_are_text(self, tmp_path):
        milestones = [["Fecha", "Cantidad", "Etiqueta EN", "Fuente"], [dt.date(2024, 1, 5), 258, "Launch", "ECLAC"],
                      [dt.datetime(2024, 2, 5, 10, 30), 12.5, "Report", "ECLAC"]]
        path = workbook(tmp_path / "registro.xlsx", {"Empresas": [FIRMS_HEADER, *FIRM_ROWS], "Hitos": milestones,
                                                     "Notas": [["not a table"]]})
        export = read_export(path)
        assert {name: table.file for name, table in export.tables.items()} == {
            "firms": "registro.xlsx[Empresas]", "milestones": "registro.xlsx[Hitos]"}
        assert cells(export.tables["firms"]) == [tuple(row) for row in FIRM_ROWS]
        # a date with no time of day is the date alone; a number is written as the spreadsheet shows it
        assert cells(export.tables["milestones"]) == [
            ("2024-01-05", "258", "Launch", "ECLAC"), ("2024-02-05 10:30:00", "12.5", "Report", "ECLAC")]
        assert all("(not recognised: registro.xlsx[Notas])" in p.reason for p in export.problems)

    def test_rows_keep_their_spreadsheet_numbers_around_empty_rows(self, tmp_path):
        path = workbook(tmp_path / "registro.xlsx", {
            "firms": [[], [], ["Registro IAPT"], [], FIRMS_HEADER, FIRM_ROWS[0], [], [], FIRM_ROWS[1]]})
        table = read_export(path).tables["firms"]
        # two empty rows, a title and a blank above the header (row 5); two empty rows between the records
        assert table.header_row == 5
        assert rows(table) == [6, 9]
        assert cells(table) == [tuple(row) for row in FIRM_ROWS]

    def test_a_formula_without_a_saved_result_is_refused_where_it_is(self, tmp_path):
        path = tmp_path / "registro.xlsx"
        workbook(path, {"firms": [FIRMS_HEADER, *FIRM_ROWS]})
        book = openpyxl.load_workbook(path)
        book["firms"]["B3"] = '=UPPER(A2)'  # openpyxl saves the formula, never its result
        book.save(path)
        export = read_export(path)
        assert "firms" not in export.tables
        [problem] = [p for p in export.problems if "formula" in p.reason]
        assert (problem.file, problem.row, problem.column, problem.value) == ("registro.xlsx[firms]", 3, "B", "=UPPER(A2)")

    def test_a_formula_is_shown_as_written(self, tmp_path):
        path = workbook(tmp_path / "registro.xlsx", {"firms": [FIRMS_HEADER, [*FIRM_ROWS[0][:4], '=A1&"<x>"']]})
        [problem] = [p for p in read_export(path).problems if "formula" in p.reason]
        assert problem.value == '=A1&"<x>"'

    def test_a_sheet_refused_for_its_formulas_is_not_also_missing(self, tmp_path):
        path = workbook(tmp_path / "registro.xlsx", {"firms": [FIRMS_HEADER, [*FIRM_ROWS[0][:4], "=A1"]]})
        assert [p.file for p in read_export(path).problems if "'firms'" in p.reason] == []

    def test_a_damaged_workbook_is_a_problem_not_an_error(self, tmp_path):
        (tmp_path / "registro.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
        export = read_export(tmp_path)
        assert [p.reason.split(":")[0] for p in export.problems if p.file == "registro.xlsx"] == [
            "cannot be opened as an .xlsx workbook"]


class TestProblemFrames:
    PROBLEMS = [Problem("firms.csv", 3, "size_class", "huge", "not an allowed value"),
                Problem("initiatives.csv", 0, "", "", "the export has no 'initiatives' file or sheet")]

    def test_round_trip(self):
        frame = reader.problem_frame(self.PROBLEMS)
        assert frame.schema == pl.Schema(reader.PROBLEM_SCHEMA) and frame.height == len(self.PROBLEMS)
        assert reader.problem_list(frame) == self.PROBLEMS
        # the columns are taken by name, whatever their order in the frame
        assert reader.problem_list(frame.select(reversed(frame.columns))) == self.PROBLEMS

    def test_no_problems_is_an_empty_frame_of_the_schema(self):
        frame = reader.problem_frame([])
        assert frame.is_empty() and frame.schema == pl.Schema(reader.PROBLEM_SCHEMA)
        assert reader.problem_list(frame) == []

    def test_a_problem_reads_as_file_row_column_value_reason(self):
        assert str(self.PROBLEMS[0]) == "firms.csv:3:size_class: huge: not an allowed value"


def test_every_table_of_the_spec_is_found_from_its_own_header(tmp_path):
    """The header search accepts the spec's own names for every table, so no table's file can be unreadable as written
    by the format's documentation."""
    for spec in TABLES:
        folder = tmp_path / spec.name
        table, problems = read_file(folder, f"{spec.name}.csv", csv_text([list(spec.column_names)]).encode())
        assert table.frame.columns == [ROW, *spec.column_names]
        assert [p.reason for p in problems] == (["the header is there but no rows under it"] if spec.required else [])
