"""The build: every validation rule caught at the right file, row and column, and the database never half-written.

Each bad export is the hand-made fixture export with one cell changed. Row numbers count the
header as row 1, so the first initiative (CO-01) is row 2.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.cli import main
from analytics.ingest import build as build_module
from analytics.ingest import load
from analytics.ingest.build import build
from tests.conftest import FIXTURE_TODAY


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Changes one cell of a CSV file in place (`row` as reported: header is row 1)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[row - 2][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def edit(export: Path, tmp_path: Path, file: str, row: int, column: str, value: str) -> Path:
    """A copy of the export with one cell changed."""
    target = tmp_path / "export"
    shutil.copytree(export, target)
    set_cell(target / file, row, column, value)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TestRules:
    @pytest.mark.parametrize(("file", "row", "column", "value", "reason"), [
        ("initiatives.csv", 2, "name", "", "required value missing"),
        ("initiatives.csv", 3, "id", "CO-01", "duplicate id: already used at row 2"),
        ("initiatives.csv", 2, "type", "clustr", "did you mean 'cluster'"),
        ("initiatives.csv", 2, "status", "validatd", "did you mean 'validated'"),
        ("initiatives.csv", 2, "country", "Atlantis", "unknown country"),
        ("initiatives.csv", 2, "country", "ES", "not a country of Latin America and the Caribbean"),
        ("initiatives.csv", 2, "region", "Jalisco", "not a first-level region of CO"),
        ("initiatives.csv", 2, "latitude", "north", "not a number"),
        ("initiatives.csv", 2, "latitude", "95", "above the maximum 90"),
        ("initiatives.csv", 2, "latitude", "-12.0", "the point lies in PE, not in CO"),
        ("initiatives.csv", 2, "founded_year", "2030", "founded after it was registered"),
        ("initiatives.csv", 2, "founded_year", "twenty", "not a whole number"),
        ("initiatives.csv", 2, "registered_on", "2099-01-01", "date is in the future"),
        ("initiatives.csv", 2, "registered_on", "12th of never", "not a date"),
        ("initiatives.csv", 2, "validated_on", "2023-01-01", "validated before it was registered"),
        ("initiatives.csv", 2, "priority_sectors", "digital;spaceflight", "not an allowed value"),
        ("initiatives.csv", 2, "isic_sections", "", "required value missing"),
        ("initiatives.csv", 2, "website", "example.org", "not a web address"),
        ("initiatives.csv", 2, "member_firms_declared", "-3", "must not be negative"),
        ("initiatives.csv", 2, "members_academia", "-1", "must not be negative"),
        ("firms.csv", 2, "size_class", "huge", "not an allowed value"),
        ("firms.csv", 3, "id", "F01", "duplicate id"),
        ("memberships.csv", 2, "firm_id", "F99", "no firm with this id"),
        ("memberships.csv", 2, "initiative_id", "XX-99", "no initiative with this id"),
        ("memberships.csv", 2, "joined_on", "2099-05-05", "date is in the future"),
        ("collaborations.csv", 2, "initiative_b", "CO-01", "cannot collaborate with itself"),
        ("collaborations.csv", 2, "initiative_a", "ZZ-1", "no initiative with this id"),
        ("milestones.csv", 3, "date", "mid 2024", "not a date"),
        ("milestones.csv", 3, "date", "2099-01-01", "date is in the future"),
        ("milestones.csv", 4, "count", "about 8", "not a whole number"),
        ("milestones.csv", 4, "count", "-8", "must not be negative"),
        ("milestones.csv", 2, "label_en", "", "required value missing"),
    ])
    def test_bad_cell_is_reported_where_it_is(self, fixture_export, tmp_path, file, row, column, value, reason):
        export = edit(fixture_export, tmp_path, file, row, column, value)
        result = build(export, tmp_path / "db.duckdb", today=FIXTURE_TODAY)
        assert not result.ok
        matches = [p for p in result.problems if (p.file, p.row, p.column) == (file, row, column) and reason in p.reason]
        assert matches, "\n".join(map(str, result.problems))
        assert value in matches[0].value  # a misplaced point is reported as its latitude, longitude pair
        assert not (tmp_path / "db.duckdb").exists()

    def test_swapped_coordinates_suggest_the_fix(self, fixture_export, tmp_path):
        export = edit(fixture_export, tmp_path, "initiatives.csv", 10, "latitude", "-70.3975")
        set_cell(export / "initiatives.csv", 10, "longitude", "-23.6509")
        problems = build(export, tmp_path / "db.duckdb", today=FIXTURE_TODAY).problems
        assert [p.reason for p in problems] == [
            "latitude and longitude look swapped: did you mean latitude -23.6509, longitude -70.3975?"]

    def test_every_problem_is_listed_not_only_the_first(self, fixture_export, tmp_path):
        export = edit(fixture_export, tmp_path, "initiatives.csv", 2, "type", "x")
        set_cell(export / "initiatives.csv", 7, "status", "y")
        result = build(export, tmp_path / "db.duckdb", today=FIXTURE_TODAY)
        assert {(p.row, p.column) for p in result.problems} == {(2, "type"), (7, "status")}
        report = result.report_path.read_text(encoding="utf-8")
        assert "initiatives.csv,2,type,x," in report and "initiatives.csv,7,status,y," in report

    def test_missing_file_and_missing_column(self, fixture_export, tmp_path):
        export = tmp_path / "export"
        shutil.copytree(fixture_export, export)
        (export / "firms.csv").unlink()
        problems = build(export, tmp_path / "db.duckdb").problems
        assert any(p.file == "firms.csv" and "no 'firms' file" in p.reason for p in problems)

    def test_required_column_missing(self, fixture_export, tmp_path):
        export = tmp_path / "export"
        shutil.copytree(fixture_export, export)
        lines = (export / "firms.csv").read_text(encoding="utf-8").splitlines()
        (export / "firms.csv").write_text("\n".join(line.rsplit(",", 1)[0] for line in lines).replace(
            "size_class,", "size_klass,", 1) + "\n", encoding="utf-8")
        problems = build(export, tmp_path / "db.duckdb").problems
        assert any((p.file, p.row, p.column, p.reason) == ("firms.csv", 1, "size_class", "required column missing")
                   for p in problems)


class TestNeverHalfWritten:
    def test_failed_build_leaves_the_old_database_unchanged(self, fixture_export, fixture_db, tmp_path):
        target = tmp_path / "live.duckdb"
        shutil.copy(fixture_db, target)
        before = digest(target)
        export = edit(fixture_export, tmp_path, "initiatives.csv", 2, "type", "nonsense")
        assert not build(export, target, today=FIXTURE_TODAY).ok
        assert digest(target) == before

    def test_build_interrupted_midway_leaves_the_old_database(self, fixture_export, fixture_db, tmp_path, monkeypatch):
        target = tmp_path / "live.duckdb"
        shutil.copy(fixture_db, target)
        before = digest(target)

        def crash(*args, **kwargs):
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C while tables were being written

        original = load.write_database

        def write_then_crash(path, frames, info):
            original(path, frames, info)
            crash()

        monkeypatch.setattr(load, "write_database", write_then_crash)
        with pytest.raises(KeyboardInterrupt):
            build(fixture_export, target, today=FIXTURE_TODAY)
        assert digest(target) == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".building")) == []

    def test_killed_build_process_leaves_the_old_database(self, fixture_export, fixture_db, tmp_path):
        """A build killed with SIGKILL while writing: only a stray temporary file may remain."""
        target = tmp_path / "live.duckdb"
        shutil.copy(fixture_db, target)
        before = digest(target)
        script = (
            "import os, signal, sys\n"
            "from analytics.ingest import build as b, load\n"
            "original = load.write_database\n"
            "def write(path, frames, info):\n"
            "    original(path, frames, info)\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n"
            "load.write_database = write\n"
            f"b.build({str(fixture_export)!r}, {str(target)!r})\n"
        )
        completed = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2])
        assert completed.returncode == -9
        assert digest(target) == before

    def test_successful_rebuild_swaps_in_one_step_and_keeps_a_backup(self, fixture_export, tmp_path):
        target = tmp_path / "live.duckdb"
        assert build(fixture_export, target, today=FIXTURE_TODAY).ok
        result = build(fixture_export, target, today=FIXTURE_TODAY)
        assert result.ok and result.backup_path.exists()
        con = duckdb.connect(str(target), read_only=True)
        info = con.execute("SELECT source_checksum, rows_initiatives, rows_memberships, synthetic FROM build_info").fetchone()
        con.close()
        assert info[1:] == (12, 42, False)
        assert len(info[0]) == 64


class TestCommand:
    def test_bad_export_exits_non_zero_with_file_row_column(self, fixture_export, tmp_path, capsys):
        export = edit(fixture_export, tmp_path, "initiatives.csv", 4, "status", "validatd")
        code = main(["build", str(export), "--db", str(tmp_path / "x.duckdb")])
        err = capsys.readouterr().err
        assert code == 1
        assert "initiatives.csv:4:status: validatd: not an allowed value; did you mean 'validated'?" in err
        assert "unchanged" in err

    def test_good_export_builds(self, fixture_export, tmp_path, capsys):
        assert main(["build", str(fixture_export), "--db", str(tmp_path / "x.duckdb")]) == 0
        assert "initiatives: 12 rows read, 12 loaded, 0 rejected" in capsys.readouterr().out


class TestDiskFull:
    """A build that runs out of disk says so in one line and leaves the live database as it was."""

    @pytest.fixture
    def small_disk(self, tmp_path, fixture_db):
        """A tmpfs where the test may mount one (root on Linux): room for the fixture database and 1 MB more."""
        mount = tmp_path / "small"
        mount.mkdir()
        size = fixture_db.stat().st_size + (1 << 20)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here; test_a_simulated_full_disk covers the same path")
        yield mount
        subprocess.run(["umount", "-l", str(mount)], check=False)

    def test_a_real_full_disk(self, fixture_export, fixture_db, small_disk, capsys):
        target = small_disk / "iapt.duckdb"
        shutil.copy(fixture_db, target)  # the new file, as large again, cannot fit beside it
        before = digest(target)
        code = main(["build", str(fixture_export), "--db", str(target)])
        err = capsys.readouterr().err
        assert code == 1
        assert digest(target) == before
        [line] = [line for line in err.splitlines() if line.startswith("iapt build:")]
        assert "is unchanged" in line and "Traceback" not in err
        assert [p.name for p in small_disk.iterdir()] == ["iapt.duckdb"]  # no staged copy left behind

    def test_a_simulated_full_disk(self, fixture_export, fixture_db, tmp_path, monkeypatch, capsys):
        target = tmp_path / "live.duckdb"
        shutil.copy(fixture_db, target)
        before = digest(target)

        def full(path, frames, info):
            path.write_bytes(b"partial")
            raise OSError(errno.ENOSPC, "No space left on device", str(path))

        monkeypatch.setattr(load, "write_database", full)
        with pytest.raises(build_module.BuildFailed, match="the disk is full"):
            build(fixture_export, target, today=FIXTURE_TODAY)
        assert main(["build", str(fixture_export), "--db", str(target)]) == 1
        assert "iapt build: could not write the new database: the disk is full" in capsys.readouterr().err
        assert digest(target) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["live.duckdb"]


def test_the_staged_database_is_readable_by_its_owner_only(fixture_export, tmp_path):
    target = tmp_path / "live.duckdb"
    result = build_module.stage(fixture_export, target, today=FIXTURE_TODAY)
    try:
        assert result.ok
        assert stat.S_IMODE(result.staged_path.parent.stat().st_mode) == 0o700
    finally:
        build_module.discard(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_committed_database_is_readable_by_the_app(fixture_export, tmp_path):
    target = tmp_path / "live.duckdb"
    assert build(fixture_export, target, today=FIXTURE_TODAY).ok
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
