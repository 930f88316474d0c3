"""What a new database changes against the one it replaces: initiatives added, removed or changed (and which
fields), firms joining or leaving each initiative, firms and collaborations added or removed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from analytics.ingest.load import sector_list
from analytics.ingest.registry_format import INITIATIVES
from analytics.reference.taxonomy import SECTOR_LIST_COLUMNS

# initiative columns compared between two databases: the export's own values, not those the build derives from them
CHANGE_FIELDS = tuple(name for name in INITIATIVES.column_names if name != "id")


@dataclass(frozen=True)
class Changes:
    """What a new database changes against the one it replaces; `previous_built_at` is None when there was none."""

    previous_built_at: dt.datetime | None
    initiatives: pl.DataFrame  # id, change (added, removed, changed), fields (a list: what changed)
    memberships: pl.DataFrame  # initiative_id, added, removed: firms that joined or left each initiative
    firms_added: int = 0
    firms_removed: int = 0
    collaborations_added: int = 0
    collaborations_removed: int = 0

    def ids(self, change: str) -> list[str]:
        return self.initiatives.filter(pl.col("change") == change)["id"].to_list()

    @property
    def memberships_added(self) -> int:
        return int(self.memberships["added"].sum())

    @property
    def memberships_removed(self) -> int:
        return int(self.memberships["removed"].sum())

    @property
    def any(self) -> bool:
        return bool(self.initiatives.height or self.memberships.height or self.firms_added or self.firms_removed
                    or self.collaborations_added or self.collaborations_removed)

    def lines(self, limit: int = 20) -> list[str]:
        """The summary as `iapt build` prints it: counts, then at most `limit` ids per kind of change."""
        if self.previous_built_at is None:
            return ["No previous database: everything is new."]
        lines = [f"Changes since the previous database (built {self.previous_built_at:%Y-%m-%d %H:%M}):"]
        if not self.any:
            return [*lines, "  none: the registry's content is the same."]
        added, removed = self.ids("added"), self.ids("removed")
        changed = self.initiatives.filter(pl.col("change") == "changed")
        lines.append(f"  initiatives: {len(added):,} added, {len(removed):,} removed, {changed.height:,} changed")
        for label, ids in (("added", added), ("removed", removed)):
            if ids:
                lines.append(f"    {label}: {', '.join(ids[:limit])}{_more(len(ids), limit)}")
        if changed.height:
            shown = [f"{row['id']} ({', '.join(row['fields'])})" for row in changed.head(limit).iter_rows(named=True)]
            lines.append(f"    changed: {'; '.join(shown)}{_more(changed.height, limit)}")
        lines.append(f"  memberships: {self.memberships_added:,} added, {self.memberships_removed:,} removed"
                     + (f", in {self.memberships.height:,} initiatives" if self.memberships.height else ""))
        lines.append(f"  firms: {self.firms_added:,} added, {self.firms_removed:,} removed; collaborations: "
                     f"{self.collaborations_added:,} added, {self.collaborations_removed:,} removed")
        return lines

    def frame(self) -> pl.DataFrame:
        """One row per initiative whose fields or members changed, for a file or a table on the admin page."""
        counts = self.memberships.rename({"initiative_id": "id", "added": "firms_joined", "removed": "firms_left"})
        return (self.initiatives.with_columns(pl.col("fields").list.join(", "))
                .join(counts, on="id", how="full", coalesce=True)
                .with_columns(pl.col("change").fill_null("members"), pl.col("fields").fill_null(""),
                              pl.col("firms_joined", "firms_left").fill_null(0))
                .sort("change", "id"))


def _more(total: int, shown: int) -> str:
    return f" ... and {total - shown:,} more" if total > shown else ""


def _more(total: int, shown: int) -> str:
    return f" ... and {total - shown:,} more" if total > shown else ""


def _initiative_values(catalog: str) -> str:
    """The compared values of every initiative in one database; sectors as text, the primary one first."""
    sector_lists = ", ".join(f"{sector_list(scheme)} AS {name}" for name, scheme in SECTOR_LIST_COLUMNS.items())
    plain = ", ".join(f"i.{name}" for name in CHANGE_FIELDS if name not in SECTOR_LIST_COLUMNS)
    # catalog is "new" or "previous" and the names come from the spec: nothing here comes from input
    return (f"SELECT i.id, {plain}, {', '.join(f's.{name}' for name in SECTOR_LIST_COLUMNS)} FROM {catalog}.initiatives i "
            f"LEFT JOIN (SELECT initiative_id, {sector_lists} FROM {catalog}.initiative_sectors GROUP BY initiative_id) s "
            f"ON s.initiative_id = i.id")


def compare(new_db: Path, previous_db: Path) -> Changes:
    """Compares two databases inside DuckDB, which streams millions of memberships without loading them into Python."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS new (READ_ONLY)", [str(new_db)])
        con.execute("ATTACH ? AS previous (READ_ONLY)", [str(previous_db)])
        built_at = con.execute("SELECT max(built_at) FROM previous.build_info").fetchall()[0][0]
        differs = ", ".join(f"CASE WHEN n.{name} IS DISTINCT FROM o.{name} THEN '{name}' END" for name in CHANGE_FIELDS)
        initiatives = con.sql(f"""
            WITH n AS ({_initiative_values("new")}), o AS ({_initiative_values("previous")}),
            compared AS (
                SELECT coalesce(n.id, o.id) AS id,
                       CASE WHEN o.id IS NULL THEN 'added' WHEN n.id IS NULL THEN 'removed' ELSE 'changed' END AS change,
                       CASE WHEN n.id IS NULL OR o.id IS NULL THEN []::VARCHAR[]
                            ELSE list_filter([{differs}], lambda x: x IS NOT NULL) END AS fields
                FROM n FULL OUTER JOIN o ON n.id = o.id)
            SELECT * FROM compared WHERE change <> 'changed' OR len(fields) > 0 ORDER BY change, id""").pl()
        memberships = con.sql("""
            WITH added AS (SELECT firm_id, initiative_id FROM new.memberships
                           EXCEPT SELECT firm_id, initiative_id FROM previous.memberships),
                 removed AS (SELECT firm_id, initiative_id FROM previous.memberships
                             EXCEPT SELECT firm_id, initiative_id FROM new.memberships),
                 both_sides AS (SELECT initiative_id, 1 AS added, 0 AS removed FROM added
                                UNION ALL SELECT initiative_id, 0, 1 FROM removed)
            SELECT initiative_id, sum(added)::BIGINT AS added, sum(removed)::BIGINT AS removed
            FROM both_sides GROUP BY initiative_id ORDER BY sum(added) + sum(removed) DESC, initiative_id""").pl()
        counts = con.execute("""
            SELECT (SELECT count(*) FROM (SELECT id FROM new.firms EXCEPT SELECT id FROM previous.firms)),
                   (SELECT count(*) FROM (SELECT id FROM previous.firms EXCEPT SELECT id FROM new.firms)),
                   (SELECT count(*) FROM (SELECT initiative_a, initiative_b, programme FROM new.collaborations
                                          EXCEPT SELECT initiative_a, initiative_b, programme FROM previous.collaborations)),
                   (SELECT count(*) FROM (SELECT initiative_a, initiative_b, programme FROM previous.collaborations
                                          EXCEPT SELECT initiative_a, initiative_b, programme FROM new.collaborations))
        """).fetchall()[0]
    finally:
        con.close()
    return Changes(built_at, initiatives, memberships, *counts)


def first_changes() -> Changes:
    empty = pl.DataFrame(schema={"id": pl.String, "change": pl.String, "fields": pl.List(pl.String)})
    return Changes(None, empty, pl.DataFrame(schema={"initiative_id": pl.String, "added": pl.Int64, "removed": pl.Int64}))
