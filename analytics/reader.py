"""Reads a registry export as it comes: every cell as text, with the file and row it came from.

Real exports are saved by hand: UTF-8 with or without a byte-order mark or Windows-1252,
comma, semicolon or tab separated, a title row above the header, headers in English,
Spanish or Portuguese, trailing empty rows and columns. This module only finds the
header, decodes and maps the columns; `validate` decides what the values mean. It never
raises on bad data: a file it cannot read becomes a `Problem`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analytics.gazetteer import normalise_text
from analytics.registry_format import TABLES, Table

ROW = "__row"  # the row number of a record in its file, the header's line counted as its own row
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.value}: {self.reason}"


@dataclass
class RawTable:
    """One table of the export: text cells under the spec's column names, plus ROW."""

    spec: Table
    file: str
    frame: pl.DataFrame
    header_row: int


@dataclass
class Export:
    source: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def header_key(text: str) -> str:
    """How a header or sheet name is compared: "Año de Fundación", "año_de_fundacion" and "ANO DE FUNDACION" are one."""
    return normalise_text(text.replace("_", " "))


def _header_aliases(spec: Table) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for column in spec.columns:
        for alias in (column.name, *column.aliases):
            aliases.setdefault(header_key(alias), column.name)
    return aliases


def _table_aliases() -> dict[str, Table]:
    names: dict[str, Table] = {}
    for spec in TABLES:
        for alias in (spec.name, *spec.aliases):
            names[header_key(alias)] = spec
    return names


def decode(data: bytes, file: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without BOM) first, then Windows-1252; where neither fits, the offset of the bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), None
        except UnicodeDecodeError as error:
            offset = min(utf8_error.start, error.start)
            return None, Problem(file, 0, "", f"byte {data[offset]:#04x} at offset {offset}",
                                 "cannot be decoded as UTF-8 or Windows-1252")


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t", "|"):
        counts = [line.count(delimiter) for line in lines if line.strip()]
        score = min(counts) if counts else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _find_header(rows: list[list[str]], aliases: dict[str, str]) -> int | None:
    """The first row where at least two cells (or every cell, for tiny tables) name known columns."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [header_key(cell) for cell in row if cell and cell.strip()]
        known = sum(1 for cell in cells if cell in aliases)
        if known >= 2 or (cells and known == len(cells)):
            return index
    return None


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text


def _read_csv(spec: Table, path: Path, file: str, problems: list[Problem]) -> RawTable | None:
    text, problem = decode(path.read_bytes(), file)
    if problem:
        problems.append(problem)
        return None
    head_lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = _sniff_delimiter(head_lines[:3] if head_lines else [])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    head_rows = [row for _, row in zip(range(HEADER_SEARCH_ROWS), reader, strict=False)]
    header_index = _find_header(head_rows, _header_aliases(spec))
    if header_index is None:
        problems.append(Problem(file, 1, "", (head_rows[0][0] if head_rows and head_rows[0] else ""),
                                "no header row with the expected column names in the first 10 rows"))
        return None
    header = head_rows[header_index]
    # Polars reads the body fast (millions of memberships); the header and title rows were read above.
    try:
        body = pl.read_csv(
            io.BytesIO(text.encode("utf-8")), separator=delimiter, has_header=False, skip_rows=header_index + 1,
            infer_schema=False, truncate_ragged_lines=True,
            new_columns=[f"c{i}" for i in range(len(header))], quote_char='"',
        )
    except pl.exceptions.PolarsError as error:
        problems.append(Problem(file, header_index + 1, "", "", f"cannot be read as a table: {error}".splitlines()[0]))
        return None
    body = body.select(body.columns[: len(header)])
    frame = _frame_from_columns(spec, file, header, body, header_index + 2, problems)
    return RawTable(spec, file, frame, header_index + 1)


def _frame_from_columns(spec: Table, file: str, header: list[str], body: pl.DataFrame, first_row: int,
                        problems: list[Problem]) -> pl.DataFrame:
    aliases = _header_aliases(spec)
    selected: dict[str, str] = {}
    for position, cell in enumerate(header):
        if not cell or not cell.strip() or position >= body.width:
            continue
        name = aliases.get(header_key(cell))
        if name is None:
            continue
        if name in selected:
            problems.append(Problem(file, first_row - 1, name, cell, "column appears twice"))
            continue
        selected[name] = body.columns[position]
    frame = body.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    stripped = [pl.col(c).str.strip_chars() for c in body.columns]
    frame = frame.filter(pl.any_horizontal([(e.is_not_null() & (e != "")) for e in stripped]) if stripped else pl.lit(True))
    ordered = [name for name in spec.column_names if name in selected]
    return frame.select(pl.col(ROW), *[pl.col(selected[name]).alias(name) for name in ordered])


def _read_sheet(spec: Table, rows: list[list[object]], file: str, problems: list[Problem]) -> RawTable | None:
    text_rows = [[_cell_text(cell) for cell in row] for row in rows]
    header_index = _find_header([[cell or "" for cell in row] for row in text_rows], _header_aliases(spec))
    if header_index is None:
        problems.append(Problem(file, 1, "", "", "no header row with the expected column names in the first 10 rows"))
        return None
    header = [cell or "" for cell in text_rows[header_index]]
    width = len(header)
    body_rows = text_rows[header_index + 1:]
    body = pl.DataFrame(
        {f"c{i}": [row[i] if i < len(row) else None for row in body_rows] for i in range(width)},
        schema={f"c{i}": pl.String for i in range(width)},
    )
    frame = _frame_from_columns(spec, file, header, body, header_index + 2, problems)
    return RawTable(spec, file, frame, header_index + 1)


def _read_workbook(path: Path, export: Export) -> None:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        export.problems.append(Problem(path.name, 0, "", "", f"cannot be opened as an .xlsx workbook: {error}"))
        return
    names = _table_aliases()
    for sheet in workbook.worksheets:
        spec = names.get(header_key(sheet.title))
        if spec is None or spec.name in export.tables:
            continue
        file = f"{path.name}[{sheet.title}]"
        table = _read_sheet(spec, [list(row) for row in sheet.iter_rows(values_only=True)], file, export.problems)
        if table is not None:
            export.tables[spec.name] = table
    workbook.close()


def _read_folder(path: Path, export: Export) -> None:
    names = _table_aliases()
    for csv_path in sorted(path.iterdir()):
        if csv_path.suffix.lower() not in {".csv", ".tsv", ".txt"} or not csv_path.is_file():
            continue
        spec = names.get(header_key(csv_path.stem))
        if spec is None or spec.name in export.tables:
            continue
        table = _read_csv(spec, csv_path, csv_path.name, export.problems)
        if table is not None:
            export.tables[spec.name] = table


def read_export(source: Path) -> Export:
    source = Path(source)
    export = Export(source)
    if source.is_dir():
        _read_folder(source, export)
    elif source.is_file() and source.suffix.lower() in {".xlsx", ".xlsm"}:
        _read_workbook(source, export)
    elif source.is_file():
        export.problems.append(Problem(source.name, 0, "", source.suffix, "expected a folder of CSV files or an .xlsx workbook"))
        return export
    else:
        export.problems.append(Problem(str(source), 0, "", "", "no such file or folder"))
        return export
    read_files = {problem.file.split("[")[0] for problem in export.problems}
    for spec in TABLES:
        if spec.name in export.tables:
            continue
        if spec.required and not any(spec.name in f for f in read_files):
            export.problems.append(Problem(f"{spec.name}.csv", 0, "", "", f"the export has no '{spec.name}' file or sheet"))
    return export
