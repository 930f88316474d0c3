"""Property-based tests: whatever is thrown at the importer, it never raises, never leaves a partial or changed
database, and always ends either in a complete new database or in a report of what is wrong.

Every example starts from the hand-made fixture export and a live database built from it, and damages the export:
random bytes for a file, a file cut short, cells rewritten with arbitrary text (quoted or not), columns shuffled
and headers respelt. The last changes nothing that matters, so it must also build the same registry.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.ingest.build import build
from analytics.ingest.registry_format import table
from tests.conftest import FIXTURE_TODAY
from tests.fixture_registry import fixture_cities
from tests.unit.test_build import digest
from tests.unit.test_import_messy import PORTUGUESE, SPANISH, contents

FILES = ("initiatives.csv", "firms.csv", "memberships.csv", "collaborations.csv", "milestones.csv")
RAW = "\x01"  # marks where pasted text goes while the csv writer quotes the other cells
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
# text a spreadsheet cell may end up holding: delimiters, quotes, line breaks, accents, bytes of other scripts
CELL_TEXT = st.text(alphabet=st.sampled_from(list(",;\t\"'\n\r .-/0123456789aeCOMXéñçÑ€·\u2212\ufeff\x00")) | st.characters(),
                    max_size=12)


@pytest.fixture(scope="module")
def originals(fixture_export) -> dict[str, bytes]:
    return {name: (fixture_export / name).read_bytes() for name in FILES}


@contextmanager
def live_registry(fixture_db: Path, files: dict[str, bytes]):
    """A temporary folder with the export as given and a copy of the live database built from the fixture."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        export = root / "export"
        export.mkdir()
        for name, data in files.items():
            (export / name).write_bytes(data)
        live = root / "data" / "iapt.duckdb"
        live.parent.mkdir()
        shutil.copy(fixture_db, live)
        yield export, live


def assert_built_or_reported(export: Path, live: Path):
    """The build under test, and the property every example must have; returns the result."""
    before = digest(live)
    # the fixture's own city list, as the live fixture database was built with it (tests/conftest.py)
    result = build(export, live, today=FIXTURE_TODAY, skip_invalid=False, cities=fixture_cities())
    assert not [p.name for p in live.parent.iterdir() if p.name.endswith(".building")]
    if result.ok:
        assert result.committed and digest(live) != before
        con = duckdb.connect(str(live), read_only=True)
        try:
            loaded = con.execute("SELECT rows_initiatives, rows_firms, rows_memberships, rows_collaborations "
                                 "FROM build_info").fetchall()
        finally:
            con.close()
        assert loaded == [tuple(result.rows_loaded.get(name, 0) for name in
                                ("initiatives", "firms", "memberships", "collaborations"))]
    else:
        assert digest(live) == before
        assert result.problems or result.refusal
        if result.problems:
            report = result.report_path.read_text(encoding="utf-8")
            assert report.count("\n") >= len(result.problems) + 1
    return result


@BOUNDED
@given(file=st.sampled_from([*FILES, "registro.xlsx"]), data=st.binary(max_size=3000),
       after_header=st.booleans())
def test_random_bytes(originals, fixture_db, file, data, after_header):
    files = dict(originals)
    if file.endswith(".xlsx"):
        files[file] = b"PK\x03\x04" + data
    else:
        header = originals[file].split(b"\n", 1)[0] + b"\n" if after_header else b""
        files[file] = header + data
    with live_registry(fixture_db, files) as (export, live):
        assert_built_or_reported(export, live)


@BOUNDED
@given(file=st.sampled_from(FILES), keep=st.floats(0, 1))
def test_truncated_files(originals, fixture_db, file, keep):
    files = dict(originals)
    files[file] = originals[file][: int(len(originals[file]) * keep)]  # may cut a character or a quoted cell in two
    with live_registry(fixture_db, files) as (export, live):
        assert_built_or_reported(export, live)


@BOUNDED
@given(edits=st.lists(st.tuples(st.sampled_from(FILES), st.integers(0, 60), st.integers(0, 25), CELL_TEXT, st.booleans()),
                      min_size=1, max_size=3),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
def test_random_cell_edits(originals, fixture_db, edits, encoding):
    """Each edit rewrites one cell; quoted, as a spreadsheet would save it, or pasted in raw, which may add cells,
    rows or quotes. The file is then saved in one of the accepted encodings (characters it lacks become '?')."""
    files = dict(originals)
    rows = {name: list(csv.reader(io.StringIO(originals[name].decode("utf-8"), newline=""))) for name in FILES}
    pasted: dict[str, str] = {}
    for number, (file, row, column, text, raw) in enumerate(edits):
        row, column = row % len(rows[file]), column % len(rows[file][0])
        cells = rows[file][row] + [""] * (column + 1 - len(rows[file][row]))
        if raw:
            # a placeholder that the csv writer leaves alone, replaced by the text once the file is written
            pasted[f"{RAW}{number}{RAW}"] = text
        cells[column] = f"{RAW}{number}{RAW}" if raw else text
        rows[file][row] = cells
    for file in {edit[0] for edit in edits}:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows[file])
        written = buffer.getvalue()
        for placeholder, text in pasted.items():
            written = written.replace(placeholder, text)
        files[file] = written.encode("utf-8", errors="replace")
    files = {name: data.decode("utf-8", errors="replace").encode(encoding, errors="replace") for name, data in files.items()}
    with live_registry(fixture_db, files) as (export, live):
        assert_built_or_reported(export, live)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(data=st.data())
def test_shuffled_columns_and_respelt_headers_build_the_same_registry(originals, fixture_db, data):
    files = {}
    for name in FILES:
        spec = table(name.removesuffix(".csv"))
        rows = list(csv.reader(io.StringIO(originals[name].decode("utf-8"))))
        order = data.draw(st.permutations(range(len(rows[0]))), label=f"{name} column order")
        spellings = [(column, SPANISH[spec.name][1][column], PORTUGUESE[spec.name][1][column]) for column in rows[0]]
        header = [data.draw(st.sampled_from([s, s.upper(), f"  {s.lower()} "]), label="header")
                  for s in (data.draw(st.sampled_from(options)) for options in spellings)]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([[header[i] for i in order],
                                                              *[[row[i] for i in order] for row in rows[1:]]])
        files[name] = buffer.getvalue().encode("utf-8")
    with live_registry(fixture_db, files) as (export, live):
        result = assert_built_or_reported(export, live)
        assert result.ok, "\n".join(map(str, result.problems))
        assert not result.changes.any
        reference = contents(result.backup_path)
        for name, frame in contents(live).items():
            assert frame.equals(reference[name]), name
