"""Updating a live registry: rejected rows written with their reasons, what changed since the previous database,
dated backups, a staged build committed only against the database it was compared with, and readers that never
see an error while the file is swapped under them.

The exports are the hand-made fixture export (12 initiatives, 40 firms, 42 memberships, 4 links) and small edits
of it; the answers are counted from tests/fixture_registry.py.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from analytics.cli import main
from analytics.ingest.build import StaleBuild, build, commit, discard, stage
from analytics.ingest.swap import BACKUPS_KEPT
from analytics.serving.db import Database
from tests.conftest import FIXTURE_TODAY
from tests.unit.test_build import digest
from tests.unit.test_import_invalid import set_cell, tables, write


def edited(fixture_export: Path, folder: Path, change) -> Path:
    frames = tables(fixture_export)
    change(frames)
    folder.mkdir()
    write(folder, frames)
    return folder


def counts(db_path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("SELECT (SELECT count(*) FROM initiatives), (SELECT count(*) FROM memberships)").fetchall()[0]
    finally:
        con.close()


class TestSkipInvalid:
    @staticmethod
    def three_bad_rows(frames):
        """CO-02 has an unknown type (its 6 memberships and 1 link go with it); F04 a bad size; one link is duplicated."""
        frames["initiatives"] = set_cell(frames["initiatives"], "CO-02", "clustr", "type")
        frames["firms"] = set_cell(frames["firms"], "F04", "huge", "size_class")
        frames["collaborations"] = pl.concat([frames["collaborations"], frames["collaborations"].tail(1)])

    def test_rows_read_are_rows_loaded_plus_rows_rejected(self, fixture_export, tmp_path):
        export = edited(fixture_export, tmp_path / "export", self.three_bad_rows)
        result = build(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY, skip_invalid=True)
        assert result.ok and result.committed
        assert result.rows_read == {"initiatives": 12, "firms": 40, "memberships": 42, "collaborations": 5,
                                    "milestones": 3}
        # F04's membership (in CO-01) and CO-02's six go; CO-02's link to CO-01 and the repeated link go
        assert result.rows_rejected == {"initiatives": 1, "firms": 1, "memberships": 7, "collaborations": 2,
                                        "milestones": 0}
        for table, read in result.rows_read.items():
            assert result.rows_loaded[table] + result.rows_rejected[table] == read
        assert counts(result.db_path) == (11, 35)

    def test_every_rejected_row_is_written_with_its_reasons(self, fixture_export, tmp_path):
        export = edited(fixture_export, tmp_path / "export", self.three_bad_rows)
        result = build(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY, skip_invalid=True,
                       rejects_dir=tmp_path / "rejects")
        assert sorted(path.name for path in result.rejects_paths) == [
            "collaborations.csv", "firms.csv", "initiatives.csv", "memberships.csv"]
        written = {path.stem: pl.read_csv(path, infer_schema=False) for path in result.rejects_paths}
        # no file for a table without rejects (the fixture's milestones are all good)
        assert {name: frame.height for name, frame in written.items()} == {
            name: rejected for name, rejected in result.rows_rejected.items() if rejected}
        initiative = written["initiatives"].row(0, named=True)
        assert (initiative["file"], initiative["row"], initiative["id"], initiative["type"]) == (
            "initiatives.csv", "3", "CO-02", "clustr")
        assert initiative["reasons"].startswith("type: not an allowed value; did you mean 'cluster'?")
        memberships = written["memberships"]
        assert set(memberships["reasons"]) == {"firm_id: the firm with this id was rejected",
                                                "initiative_id: the initiative with this id was rejected"}
        assert memberships.columns == ["file", "row", "reasons", "firm_id", "initiative_id", "joined_on"]
        assert written["collaborations"]["reasons"].to_list() == [
            "initiative_a: the initiative with this id was rejected", "initiative_b: this link is already listed, at row 5"]

    def test_the_command_prints_the_three_numbers_and_where_the_rejects_are(self, fixture_export, tmp_path, capsys):
        export = edited(fixture_export, tmp_path / "export", self.three_bad_rows)
        code = main(["build", str(export), "--db", str(tmp_path / "iapt.duckdb"), "--skip-invalid",
                     "--rejects", str(tmp_path / "rejects")])
        out = capsys.readouterr().out
        assert code == 0
        assert "memberships: 42 rows read, 35 loaded, 7 rejected" in out
        assert "all tables: 102 rows read, 91 loaded, 11 rejected" in out
        assert f"Rejected rows, each with its reasons: {tmp_path / 'rejects' / 'collaborations.csv'}" in out

    def test_rejects_of_an_earlier_run_are_not_left_behind(self, fixture_export, tmp_path):
        export = edited(fixture_export, tmp_path / "export", self.three_bad_rows)
        build(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY, skip_invalid=True, rejects_dir=tmp_path / "rejects")
        (export / "firms.csv").write_text((fixture_export / "firms.csv").read_text(encoding="utf-8"), encoding="utf-8")
        result = build(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY, skip_invalid=True,
                       rejects_dir=tmp_path / "rejects")
        assert result.rows_rejected["firms"] == 0
        assert sorted(path.name for path in (tmp_path / "rejects").iterdir()) == [
            "collaborations.csv", "initiatives.csv", "memberships.csv"]

    def test_skipping_never_empties_the_registry(self, fixture_export, fixture_db, tmp_path):
        def every_initiative_bad(frames):
            frames["initiatives"] = frames["initiatives"].with_columns(pl.lit("Atlantis").alias("country"))

        export = edited(fixture_export, tmp_path / "export", every_initiative_bad)
        live = tmp_path / "live.duckdb"
        shutil.copy(fixture_db, live)
        before = digest(live)
        result = build(export, live, today=FIXTURE_TODAY, skip_invalid=True)
        assert not result.ok and "every row of initiatives, memberships was rejected" in result.refusal
        assert digest(live) == before


class TestChangeSummary:
    @staticmethod
    def update(frames):
        """CL-04 leaves, PE-01 arrives with one new firm, CO-03 is validated, MX-02's sectors and point change,
        F02 leaves CO-01 and one of MX-01's links is dropped."""
        initiatives = frames["initiatives"].filter(pl.col("id") != "CL-04")
        initiatives = set_cell(initiatives, "CO-03", "validated", "status")
        initiatives = set_cell(initiatives, "CO-03", "2024-08-01", "validated_on")
        initiatives = set_cell(initiatives, "MX-02", "advmfg;digital", "priority_sectors")
        initiatives = set_cell(initiatives, "MX-02", "20.6", "latitude")
        new = initiatives.filter(pl.col("id") == "CL-02").with_columns(
            id=pl.lit("PE-01"), country=pl.lit("PE"), region=pl.lit("Lima"), city=pl.lit("Lima"),
            latitude=pl.lit("-12.0464"), longitude=pl.lit("-77.0428"))
        frames["initiatives"] = pl.concat([initiatives, new])
        frames["firms"] = pl.concat([frames["firms"], frames["firms"].tail(1).with_columns(id=pl.lit("F41"))])
        memberships = frames["memberships"].filter(
            (pl.col("initiative_id") != "CL-04") & ~((pl.col("firm_id") == "F02") & (pl.col("initiative_id") == "CO-01")))
        frames["memberships"] = pl.concat([memberships, pl.DataFrame(
            {"firm_id": ["F41", "F40"], "initiative_id": ["PE-01", "PE-01"], "joined_on": ["2025-01-01", "2025-01-01"]})])
        frames["collaborations"] = frames["collaborations"].filter(pl.col("initiative_b") != "MX-02")

    def test_added_removed_and_changed_initiatives_with_their_fields(self, fixture_export, tmp_path):
        live = tmp_path / "iapt.duckdb"
        first = build(fixture_export, live, today=FIXTURE_TODAY)
        assert first.changes.previous_built_at is None and first.changes.lines() == [
            "No previous database: everything is new."]
        export = edited(fixture_export, tmp_path / "export", self.update)
        changes = build(export, live, today=FIXTURE_TODAY).changes
        assert changes.ids("added") == ["PE-01"] and changes.ids("removed") == ["CL-04"]
        changed = {row["id"]: row["fields"] for row in changes.initiatives.filter(pl.col("change") == "changed").to_dicts()}
        assert changed == {"CO-03": ["status", "validated_on"], "MX-02": ["latitude", "priority_sectors"]}
        # F02 left CO-01, CL-04's firm went with it, PE-01 brought F41 and F40
        assert (changes.memberships_added, changes.memberships_removed) == (2, 2)
        assert changes.memberships.sort("initiative_id").rows() == [("CL-04", 0, 1), ("CO-01", 0, 1), ("PE-01", 2, 0)]
        assert (changes.firms_added, changes.firms_removed) == (1, 0)
        assert (changes.collaborations_added, changes.collaborations_removed) == (0, 1)

    def test_the_command_prints_the_changes_and_lists_them_in_a_file(self, fixture_export, tmp_path, capsys):
        live = tmp_path / "iapt.duckdb"
        assert main(["build", str(fixture_export), "--db", str(live)]) == 0
        export = edited(fixture_export, tmp_path / "export", self.update)
        capsys.readouterr()
        assert main(["build", str(export), "--db", str(live)]) == 0
        out = capsys.readouterr().out
        for line in ("  initiatives: 1 added, 1 removed, 2 changed", "    added: PE-01", "    removed: CL-04",
                     "    changed: CO-03 (status, validated_on); MX-02 (latitude, priority_sectors)",
                     "  memberships: 2 added, 2 removed, in 3 initiatives",
                     "  firms: 1 added, 0 removed; collaborations: 0 added, 1 removed"):
            assert line in out.splitlines()
        listed = pl.read_csv(tmp_path / "iapt-changes.csv")
        assert listed.select("id", "change").rows() == [("PE-01", "added"), ("CO-03", "changed"), ("MX-02", "changed"),
                                                        ("CO-01", "members"), ("CL-04", "removed")]

    def test_a_rebuild_from_the_same_export_changes_nothing(self, fixture_export, tmp_path):
        live = tmp_path / "iapt.duckdb"
        build(fixture_export, live, today=FIXTURE_TODAY)
        changes = build(fixture_export, live, today=FIXTURE_TODAY).changes
        assert not changes.any and changes.lines()[1] == "  none: the registry's content is the same."

    def test_a_long_list_is_cut_in_the_summary(self, fixture_export, tmp_path):
        live = tmp_path / "iapt.duckdb"
        build(fixture_export, live, today=FIXTURE_TODAY)
        export = edited(fixture_export, tmp_path / "export", lambda frames: frames.update(
            initiatives=frames["initiatives"].with_columns(pl.lit("inactive").alias("status"))))
        lines = build(export, live, today=FIXTURE_TODAY).changes.lines(limit=2)
        assert lines[2] == "    changed: CL-01 (status); CL-02 (status) ... and 8 more"  # CL-03 and CO-04 already were

    def test_an_unreadable_previous_database_is_replaced_without_a_summary(self, fixture_export, tmp_path):
        live = tmp_path / "iapt.duckdb"
        live.write_bytes(b"not a database")
        result = build(fixture_export, live, today=FIXTURE_TODAY)
        assert result.ok and result.changes is None
        assert result.changes_error.startswith("could not compare with the previous database")
        assert result.backup_path.read_bytes() == b"not a database"


class TestBackups:
    def test_the_last_few_databases_are_kept_under_dated_names(self, fixture_export, tmp_path):
        live = tmp_path / "iapt.duckdb"
        digests = []
        for _ in range(BACKUPS_KEPT + 2):
            if live.exists():
                digests.append(digest(live))
            assert build(fixture_export, live, today=FIXTURE_TODAY).ok
        backups = sorted((tmp_path / "backups").iterdir())
        assert len(backups) == BACKUPS_KEPT
        assert all(p.name.startswith("iapt-2") and p.suffix == ".duckdb" for p in backups)
        # each backup is byte for byte the database it replaced, and the later builds did not touch it
        assert [digest(p) for p in backups] == digests[-BACKUPS_KEPT:]
        assert digest(live) not in digests

    def test_a_backup_can_be_opened_as_the_registry_it_was(self, fixture_export, tmp_path):
        live = tmp_path / "iapt.duckdb"
        build(fixture_export, live, today=FIXTURE_TODAY)
        export = edited(fixture_export, tmp_path / "export", TestChangeSummary.update)
        result = build(export, live, today=FIXTURE_TODAY)
        assert counts(result.backup_path) == (12, 42) and counts(live) == (12, 42 - 2 + 2 - 0)


class TestStageAndCommit:
    def test_staging_leaves_the_live_database_alone_until_commit(self, fixture_export, fixture_db, tmp_path):
        live = tmp_path / "iapt.duckdb"
        shutil.copy(fixture_db, live)
        before = digest(live)
        export = edited(fixture_export, tmp_path / "export", TestChangeSummary.update)
        staged = stage(export, live, today=FIXTURE_TODAY)
        assert staged.ok and staged.staged_path.exists() and digest(live) == before
        assert staged.changes.ids("added") == ["PE-01"]
        staged = commit(staged)
        assert staged.committed and staged.staged_path is None and digest(staged.backup_path) == before
        assert counts(live)[0] == 12

    def test_a_commit_against_a_database_replaced_meanwhile_is_refused(self, fixture_export, fixture_db, tmp_path):
        live = tmp_path / "iapt.duckdb"
        shutil.copy(fixture_db, live)
        export = edited(fixture_export, tmp_path / "export", TestChangeSummary.update)
        staged = stage(export, live, today=FIXTURE_TODAY)
        assert build(fixture_export, live, today=FIXTURE_TODAY).ok  # another build lands first
        replaced = digest(live)
        with pytest.raises(StaleBuild):
            commit(staged)
        assert digest(live) == replaced and staged.staged_path.exists()
        discard(staged)
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]

    def test_nothing_is_staged_for_an_invalid_export(self, fixture_export, tmp_path):
        export = edited(fixture_export, tmp_path / "export",
                        lambda frames: frames.update(initiatives=set_cell(frames["initiatives"], "CO-01", "x", "type")))
        result = stage(export, tmp_path / "iapt.duckdb", today=FIXTURE_TODAY)
        assert not result.ok and result.staged_path is None
        with pytest.raises(ValueError, match="nothing staged"):
            commit(result)
        assert list(tmp_path.glob("*.building")) == []


def test_readers_never_see_an_error_while_builds_swap_the_file(fixture_export, tmp_path):
    """Three threads query through one Database, as the app's sessions do, while four builds replace the file in turn
    with a registry without CL-04 (11 initiatives) and the full one (12). Every query answers, with one or the other,
    and after the last swap every query sees the last build."""
    live = tmp_path / "iapt.duckdb"
    build(fixture_export, live, today=FIXTURE_TODAY)
    smaller = edited(fixture_export, tmp_path / "export",
                     lambda frames: frames.update(initiatives=frames["initiatives"].filter(pl.col("id") != "CL-04"),
                                                  memberships=frames["memberships"].filter(pl.col("initiative_id") != "CL-04")))
    database = Database(live)
    errors: list[BaseException] = []
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.add(database.rows("SELECT count(*) FROM initiatives")[0][0])
            except BaseException as error:  # noqa: B036 - any error at all is what this test looks for
                errors.append(error)
            time.sleep(0.002)  # a session's pause between queries; without it the readers starve the builds

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for source in (smaller, fixture_export) * 2:
            assert build(source, live, today=FIXTURE_TODAY).ok
            time.sleep(0.05)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
    assert seen == {11, 12}
    assert database.rows("SELECT count(*) FROM initiatives")[0][0] == 12  # the last build is what the next query sees
