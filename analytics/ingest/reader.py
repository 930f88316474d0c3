"""Reads a registry export as it comes: every cell as text, with the file and row it came from.

Real exports are saved by hand: UTF-8 with or without a byte-order mark, Windows-1252 or
Latin-1 (which agree on every printable character, so one decoder serves both), UTF-16 from
Excel's "Unicode text"; comma, semicolon, tab or pipe separated; a title row above the
header; headers in English, Spanish or Portuguese; trailing empty rows and columns; file
names like "iniciativas (1).csv". This module only finds the header, decodes and maps the
columns; `validate` decides what the values mean.

It never raises on bad data. A problem that concerns a whole file (cannot be decoded, no
header, a column twice) goes to `Export.problems` and stops any build; a problem with one
row (more cells than the header names) goes to that table's `row_problems`, so that
`--skip-invalid` can reject just that row.

Rows are numbered as a spreadsheet shows them: the header's row counts, a title row above
it counts, a blank row counts, and a cell with a line break inside quotes stays one row.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import unescape as xml_unescape

import polars as pl

from analytics.ingest.registry_format import TABLES, Table
from analytics.reference.text import normalise_text

ROW = "__row"  # the row number of a record in its file, the header's line counted as its own row
HEADER_SEARCH_ROWS = 10
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
HEAD_BYTES = 1 << 16  # enough for a title row, a header and a few rows: where the delimiter and header are found
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
# A workbook is a zip; its unpacked size is checked before opening so that a tiny upload cannot unpack to gigabytes.
# A full sheet (1,048,576 rows of a registry table) unpacks to about 400 MB and reads in seconds.
MAX_WORKBOOK_UNPACKED_BYTES = 1 << 30
# No file of an export is read whole into memory past this size: today's largest (memberships at 100 times today's
# registry) is about 250 MB. A bigger file is refused from its size alone, before a byte of it is read.
MAX_FILE_BYTES = 1 << 30
_UTF8_CHUNK = 1 << 22
# Two-byte UTF-8 for Latin letters with accents (À to ÿ, and ª º ¿ ¡): in a file that also holds bytes that are
# not UTF-8, they show that two encodings were pasted together, which no single decoder can read correctly.
_UTF8_LATIN = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa1-\xbf]")
PROBLEM_SCHEMA = {"file": pl.String, "row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.value}: {self.reason}"


def problem_frame(problems: list[Problem]) -> pl.DataFrame:
    return pl.DataFrame([(p.file, p.row, p.column, p.value, p.reason) for p in problems], schema=PROBLEM_SCHEMA,
                        orient="row")


def problem_list(frame: pl.DataFrame) -> list[Problem]:
    return [Problem(*row) for row in frame.select(*PROBLEM_SCHEMA).iter_rows()]


@dataclass
class RawTable:
    """One table of the export: text cells under the spec's column names, plus ROW.

    `row_problems` are problems the reader found with single rows (file, row, column, value, reason).
    """

    spec: Table
    file: str
    frame: pl.DataFrame
    header_row: int
    unrecognised_headers: tuple[str, ...] = ()
    row_problems: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PROBLEM_SCHEMA))
    written_headers: dict[str, str] = field(default_factory=dict)  # spec column → its header as the file wrote it

    def column_label(self, name: str) -> str:
        """How a problem names a column: as the file wrote it, with the spec's name after it when they differ
        ("año de fundación (founded_year)"), so the reader finds the column in their file and in the format docs."""
        written = self.written_headers.get(name)
        return f"{written} ({name})" if written and header_key(written) != header_key(name) else name


@dataclass
class Export:
    source: Path
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def header_key(text: str) -> str:
    """How a header or sheet name is compared: "Año de Fundación", "año_de_fundacion " and "ANO DE FUNDACION (*)"
    are one. Notes in brackets and punctuation are dropped, because templates mark columns with "(*)" or a unit."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    return " ".join(re.sub(r"[^\w]+|_", " ", normalise_text(text)).split())


def _header_aliases(spec: Table) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for column in spec.columns:
        for alias in (column.name, *column.aliases):
            aliases.setdefault(header_key(alias), column.name)
    return aliases


def table_for_name(name: str) -> Table | None:
    """The table a file or sheet name stands for: "initiatives", "Iniciativas", "iniciativas (1)" (a browser's second
    download), "IAPT_iniciativas_2025-10". None when it names no table, or more than one."""
    key = header_key(name)
    exact = [spec for spec in TABLES if key in {header_key(alias) for alias in (spec.name, *spec.aliases)}]
    if exact:
        return exact[0]
    words = " " + " ".join(re.sub(r"\d+", " ", key).split()) + " "
    found = {spec.name: spec for spec in TABLES for alias in (spec.name, *spec.aliases)
             if f" {header_key(alias)} " in words}
    return next(iter(found.values())) if len(found) == 1 else None


# --------------------------------------------------------------------------- decoding


def _first_invalid_utf8(data: memoryview) -> int | None:
    """Offset of the first byte that is not UTF-8, checked in blocks so that a large file is never copied whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), _UTF8_CHUNK):
        held_back = len(decoder.getstate()[0])  # the bytes of a character cut by the previous block
        try:
            decoder.decode(data[start:start + _UTF8_CHUNK], final=start + _UTF8_CHUNK >= len(data))
        except UnicodeDecodeError as error:
            return start - held_back + error.start
    return None


def _byte_problem(file: str, data: bytes, offset: int, reason: str) -> Problem:
    return Problem(file, 0, "", f"byte {data[offset]:#04x} at offset {offset}", reason)


def detect_encoding(data: bytes, file: str) -> tuple[str | None, Problem | None]:
    """The codec that reads the file: utf-8 (a byte-order mark is skipped by whatever reads the text), utf-16 or
    cp1252; or the problem that stops it being read, with the offset of the offending byte. A large UTF-8 file, the
    usual case, is checked without being decoded into a copy."""
    if data.startswith(b"PK\x03\x04"):
        return None, Problem(file, 0, "", "", "is a workbook or a zip archive, not a text file: "
                                              "give the workbook its .xlsx name, or save the sheet as CSV")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError as error:
            return None, _byte_problem(file, data, error.start, "cannot be decoded as UTF-16")
        return "utf-16", None
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, _byte_problem(file, data, nul, "holds a NUL byte: not a text file")
    bom = data.startswith(codecs.BOM_UTF8)
    offset = _first_invalid_utf8(memoryview(data)[3:] if bom else memoryview(data))
    if offset is None:
        return "utf-8", None
    offset += 3 if bom else 0
    if bom or _UTF8_LATIN.search(data, 0, offset):
        return None, _byte_problem(file, data, offset, "is not UTF-8, although the text before it is: the file "
                                                       "mixes two encodings; save it again as UTF-8")
    try:
        data.decode("cp1252")
    except UnicodeDecodeError as error:
        return None, _byte_problem(file, data, min(offset, error.start), "cannot be decoded as UTF-8 or Windows-1252")
    return "cp1252", None


# --------------------------------------------------------------------------- header


def _head_rows(head: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(head), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) == HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass  # a malformed line in the head: the rows before it may still hold the header
    return rows


def _find_header(rows: list[list[str]], aliases: dict[str, str]) -> tuple[int | None, int]:
    """The first row where at least two cells (or every cell, for tiny tables) name known columns, and how many do."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [header_key(cell) for cell in row if cell and cell.strip()]
        known = len({aliases[cell] for cell in cells if cell in aliases})
        if known >= 2 or (cells and known == len(cells)):
            return index, known
    return None, 0


def _choose_delimiter(head: str, aliases: dict[str, str]) -> tuple[str, list[list[str]], int | None]:
    """The delimiter under which a header with the most known column names appears in the first rows.

    Counting delimiters per line fails on a title row ("Registro IAPT, octubre 2025" has no semicolons), and on
    decimal commas in a semicolon file; the header itself cannot be mistaken.
    """
    best: tuple[int, str, list[list[str]], int | None] = (-1, ",", [], None)
    for delimiter in DELIMITERS:
        rows = _head_rows(head, delimiter)
        index, known = _find_header(rows, aliases)
        if index is not None and known > best[0]:
            best = (known, delimiter, rows, index)
    if best[3] is None:
        return ",", _head_rows(head, ","), None
    return best[1], best[2], best[3]


def _no_header(file: str, rows: list[list[str]]) -> Problem:
    first = next((cell for row in rows for cell in row if cell and cell.strip()), "")
    return Problem(file, 1, "", first[:80], f"no header row with the expected column names in the first {HEADER_SEARCH_ROWS} rows")


# --------------------------------------------------------------------------- CSV


def _ragged_rows(text: str, delimiter: str, header_index: int, width: int, file: str) -> pl.DataFrame:
    """Rows with cells beyond the header's last column: a stray delimiter or a decimal comma without quotes has
    shifted their values, so none of them can be trusted. Only run when Polars has found such a row."""
    found = []
    for index, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if index > header_index and len(row) > width:
            extra = [cell for cell in row[width:] if cell.strip()]
            if extra:
                found.append((file, index + 1, "", delimiter.join(extra)[:80],
                              f"{len(row)} cells but the header names {width} columns: a stray "
                              f"{DELIMITER_NAMES[delimiter]}, or a decimal comma without quotes?"))
    return pl.DataFrame(found, schema=PROBLEM_SCHEMA, orient="row")


def _read_body(data: bytes, delimiter: str, skip: int, width: int, truncate: bool) -> pl.DataFrame:
    return pl.read_csv(
        data, separator=delimiter, has_header=False, skip_rows=skip, quote_char='"', infer_schema=False,
        schema={f"c{i}": pl.String for i in range(width)}, missing_columns="insert",
        truncate_ragged_lines=truncate, raise_if_empty=False,
    )


def _read_csv(spec: Table, data: bytes, file: str, problems: list[Problem]) -> RawTable | None:
    encoding, problem = detect_encoding(data, file)
    if problem:
        problems.append(problem)
        return None
    if encoding != "utf-8":
        data = data.decode(encoding).encode("utf-8")
    if b"\r" in data[:HEAD_BYTES] and b"\n" not in data:
        data = data.replace(b"\r", b"\n")  # classic Mac line ends, which Polars does not split on
    head = data[:HEAD_BYTES].decode("utf-8-sig", errors="ignore")
    aliases = _header_aliases(spec)
    delimiter, head_rows, header_index = _choose_delimiter(head, aliases)
    if header_index is None:
        problems.append(_no_header(file, head_rows))
        return None
    header = head_rows[header_index]
    row_problems = pl.DataFrame(schema=PROBLEM_SCHEMA)
    try:
        try:
            body = _read_body(data, delimiter, header_index + 1, len(header), truncate=False)
        except pl.exceptions.ComputeError as error:
            if "more fields" not in str(error):
                raise
            text = data.decode("utf-8-sig")
            row_problems = _ragged_rows(text, delimiter, header_index, len(header), file)
            body = _read_body(data, delimiter, header_index + 1, len(header), truncate=True)
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException) as error:
        offset = re.search(r"offset in the file is (\d+) bytes", str(error))
        where = f" (near byte {offset.group(1)})" if offset else ""
        reason = next((line for line in str(error).splitlines() if "properly escaped" in line), str(error).splitlines()[0])
        problems.append(Problem(file, header_index + 1, "", "", f"cannot be read as a table{where}: {reason}"))
        return None
    return _raw_table(spec, file, header, body, header_index + 1, problems, row_problems)


def _raw_table(spec: Table, file: str, header: list[str], body: pl.DataFrame, header_row: int,
               problems: list[Problem], row_problems: pl.DataFrame) -> RawTable:
    aliases = _header_aliases(spec)
    selected: dict[str, int] = {}
    unrecognised = []
    for position, cell in enumerate(header):
        if not cell or not cell.strip():
            continue
        name = aliases.get(header_key(cell))
        if name is None:
            unrecognised.append(cell.strip())
            continue
        if name in selected:
            problems.append(Problem(file, header_row, name, cell,
                                    f"column appears twice (columns {selected[name] + 1} and {position + 1}): keep one"))
            continue
        selected[name] = position
    frame = body.with_row_index(ROW, offset=header_row + 1).with_columns(pl.col(ROW).cast(pl.Int64))
    stripped = [pl.col(c).str.strip_chars() for c in body.columns]
    frame = frame.filter(pl.any_horizontal([(e.is_not_null() & (e != "")) for e in stripped]))
    ordered = [name for name in spec.column_names if name in selected]
    frame = frame.select(pl.col(ROW), *[pl.col(body.columns[selected[name]]).alias(name) for name in ordered])
    if frame.is_empty() and spec.required:
        problems.append(Problem(file, header_row, "", "", "the header is there but no rows under it"))
    written = {name: header[position].strip() for name, position in selected.items()}
    return RawTable(spec, file, frame, header_row, tuple(unrecognised), row_problems, written)


# --------------------------------------------------------------------------- workbooks


def _workbook_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part of the zip that holds it, from the workbook's own index."""
    import xml.etree.ElementTree as ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {item.get("Id"): item.get("Target", "")
               for item in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
    parts = {}
    for sheet in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{main}sheet"):
        target = targets.get(sheet.get(relation), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


_CELL_START = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_FIRST_VALUE = re.compile(rb'<c\b[^>]*?\br="[A-Z]{1,3}([0-9]{1,7})"[^>]*?>(?:(?!</c>).){0,200}?<(?:v>[^<]|is>)', re.DOTALL)
_FORMULA = re.compile(rb"<f[\s>/]")
_SCAN_CHUNK = 1 << 22


def _xml_text(raw: bytes) -> str:
    """The text of an XML element as written in the sheet: `&amp;` and the other entities read back."""
    return xml_unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})


def _scan_sheet(archive: zipfile.ZipFile, part: str) -> tuple[int, list[tuple[int, str, str]]]:
    """The row the sheet's data starts on, and the formula cells that have no saved result.

    The fast reader gives rows from the first one holding a value, so the offset keeps row numbers as the
    spreadsheet shows them. A formula saved without its result (written by a program, never opened in a
    spreadsheet) has no value to read: it is reported rather than read as empty or as 0. The part is read as a
    stream, in chunks, and only around each `<f>` element, so this is as cheap as unzipping it.
    """
    first_row = 1
    found_first = False
    formulas: list[tuple[int, str, str]] = []
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(_SCAN_CHUNK)
            text = tail + chunk
            if not found_first:
                match = _FIRST_VALUE.search(text)
                if match:
                    first_row, found_first = int(match.group(1)), True
            # a cell cut by the chunk's end is looked at again with the next chunk
            cut = text.rfind(b"<c ") if chunk else len(text)
            cut = len(text) if cut < 0 else cut
            found = _FORMULA.search(text, 0, cut)
            while found:
                position = found.start()
                start = text.rfind(b"<c ", 0, position)
                stop = text.find(b"</c>", position)
                cell = text[start:stop if stop >= 0 else len(text)]
                value = re.search(rb"<v>([^<]*)</v>", cell)
                if not (value and value.group(1).strip()):
                    where = _CELL_START.match(cell)
                    formula = re.search(rb"<f[^>]*>([^<]*)</f>", cell)
                    if where:
                        formulas.append((int(where.group(2)), where.group(1).decode(),
                                         "=" + _xml_text(formula.group(1))[:100] if formula else "(shared formula)"))
                found = _FORMULA.search(text, max(position + 2, stop if stop >= 0 else position + 2), cut)
            if not chunk:
                break
            tail = text[cut:]
    return first_row, formulas


def _read_sheet(spec: Table, reader, sheet_name: str, first_row: int, file: str,
                problems: list[Problem]) -> RawTable | None:
    """Every cell of a sheet as text, through calamine (the reader Polars uses), in one columnar read."""
    frame = reader.load_sheet(sheet_name, header_row=None, dtypes="string").to_polars()
    if frame.width == 0:
        problems.append(_no_header(file, []))
        return None
    frame = frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})
    # dates come as "2024-01-05 00:00:00": a date with no time of day is written as the date alone
    frame = frame.with_columns(pl.all().str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "$1"))
    # rows above the first value are not in the frame: they are put back so that row numbers match the spreadsheet
    if first_row > 1:
        frame = pl.concat([pl.DataFrame({name: [None] * (first_row - 1) for name in frame.columns},
                                        schema=frame.schema), frame])
    head = [[cell or "" for cell in row] for row in frame.head(HEADER_SEARCH_ROWS).iter_rows()]
    header_index, _ = _find_header(head, _header_aliases(spec))
    if header_index is None:
        problems.append(_no_header(file, head))
        return None
    header = head[header_index]
    body = frame.slice(header_index + 1)
    return _raw_table(spec, file, header, body, header_index + 1, problems, pl.DataFrame(schema=PROBLEM_SCHEMA))


def _read_workbook(path: Path, add: Callable, problems: list[Problem]) -> None:
    import fastexcel

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(_too_large(path.name, size))
            return
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_WORKBOOK_UNPACKED_BYTES:
                problems.append(Problem(path.name, 0, "", f"{unpacked:,} bytes unpacked",
                                        f"the workbook unpacks to more than {MAX_WORKBOOK_UNPACKED_BYTES:,} bytes"))
                return
            parts = _workbook_parts(archive)
            scans = {name: _scan_sheet(archive, part) for name, part in parts.items()
                     if table_for_name(name) is not None and part in archive.namelist()}
        reader = fastexcel.read_excel(path)
    except Exception as error:  # zipfile, XML and calamine raise many types for a damaged file
        problems.append(Problem(path.name, 0, "", "", f"cannot be opened as an .xlsx workbook: {error}"))
        return
    for name in reader.sheet_names:
        spec = table_for_name(name)
        file = f"{path.name}[{name}]"
        if spec is None:
            add(None, file, None)
            continue
        first_row, formulas = scans.get(name, (1, []))
        if formulas:
            for row, column, formula in formulas[:20]:
                problems.append(Problem(file, row, column, formula,
                                        "a formula with no saved result: open the workbook in a spreadsheet program "
                                        "and save it again, or paste the values in place of the formulas"))
            if len(formulas) > 20:
                problems.append(Problem(file, 0, "", "", f"{len(formulas) - 20:,} more formulas with no saved result"))
            add(spec, file, lambda: None)  # the table's sheet is there, refused: not also "missing"
            continue

        def read(spec=spec, name=name, file=file, first_row=first_row):
            try:
                return _read_sheet(spec, reader, name, first_row, file, problems)
            except Exception as error:  # a sheet damaged inside a workbook that opened
                problems.append(Problem(file, 0, "", "", f"cannot be read as an .xlsx sheet: {error}"))
                return None

        add(spec, file, read)


# --------------------------------------------------------------------------- exports


def _too_large(file: str, size: int) -> Problem:
    return Problem(file, 0, "", f"{size:,} bytes", f"the file is larger than {MAX_FILE_BYTES:,} bytes, the most a build reads")


def _skipped(path: Path) -> bool:
    """Lock and backup files that spreadsheet programs leave beside the ones they have open."""
    return path.name.startswith(("~$", ".~lock", ".")) or not path.is_file()


def read_export(source: Path) -> Export:
    """A folder of CSV files (and workbooks, whose sheets count as files), or one workbook.

    Files and sheets are matched to tables by name; a table given twice, or a required one missing, stops the build.
    """
    source = Path(source)
    export = Export(source)
    unmatched: list[str] = []
    first_file: dict[str, str] = {}

    def add(spec: Table | None, file: str, read) -> None:
        if spec is None:
            unmatched.append(file)
            return
        if spec.name in first_file:
            export.problems.append(Problem(file, 0, "", "", f"a second file for the '{spec.name}' table "
                                                             f"(the first is {first_file[spec.name]}): give one only"))
            return
        first_file[spec.name] = file
        table = read()
        if table is not None:
            export.tables[spec.name] = table

    def add_csv(path: Path) -> None:
        spec = table_for_name(path.stem)
        size = path.stat().st_size
        if spec is not None and size > MAX_FILE_BYTES:
            export.problems.append(_too_large(path.name, size))
            first_file.setdefault(spec.name, path.name)
            return
        add(spec, path.name, lambda: _read_csv(spec, path.read_bytes(), path.name, export.problems))

    if source.is_dir():
        for path in sorted(source.iterdir()):
            if _skipped(path):
                continue
            if path.suffix.lower() in CSV_SUFFIXES:
                add_csv(path)
            elif path.suffix.lower() in WORKBOOK_SUFFIXES:
                _read_workbook(path, add, export.problems)
    elif source.is_file() and source.suffix.lower() in WORKBOOK_SUFFIXES:
        _read_workbook(source, add, export.problems)
    elif source.is_file():
        export.problems.append(Problem(source.name, 0, "", source.suffix, "expected a folder of CSV files or an .xlsx workbook"))
        return export
    else:
        export.problems.append(Problem(str(source), 0, "", "", "no such file or folder"))
        return export
    for spec in TABLES:
        if spec.required and spec.name not in first_file:
            others = f" (not recognised: {', '.join(unmatched)})" if unmatched else ""
            export.problems.append(Problem(f"{spec.name}.csv", 0, "", "", f"the export has no '{spec.name}' file or sheet{others}"))
    return export


def closest_header(missing: str, spec: Table, headers: tuple[str, ...]) -> str | None:
    """The unrecognised header most like one of a missing column's names: "lattitude" for latitude."""
    by_key = {header_key(header): header for header in headers}
    for alias in (missing, *spec.column(missing).aliases):
        match = difflib.get_close_matches(header_key(alias), list(by_key), n=1, cutoff=0.75)
        if match:
            return by_key[match[0]]
    return None
