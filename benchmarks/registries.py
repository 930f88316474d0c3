"""The synthetic registries the benchmark measures: written and built once under benchmarks/work/, then reused.

A registry is rebuilt when the code that writes or builds it changed (a fingerprint of analytics/ is kept
beside it), so a run never measures a database of an older schema.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from analytics.ingest.build import build
from analytics.ingest.demo import write_demo
from analytics.serving.db import Database

PROJECT_ROOT = Path(__file__).resolve().parents[1]
WORK = PROJECT_ROOT / "benchmarks" / "work"
SEED = 7
AS_OF = dt.date(2026, 11, 1)


@dataclass(frozen=True)
class Registry:
    scale: int
    export: Path
    db: Path
    # the city list the database was built with, when not the gazetteer's (the test fixture's hand-made cities)
    cities: tuple | None = None

    def sizes(self) -> dict:
        counts = Database(self.db).rows("SELECT rows_initiatives, rows_firms, rows_memberships FROM build_info")[0]
        export_bytes = sum(path.stat().st_size for path in self.export.glob("*.csv"))
        return {"initiatives": counts[0], "firms": counts[1], "memberships": counts[2],
                "db_mb": round(self.db.stat().st_size / 2**20, 1), "export_mb": round(export_bytes / 2**20, 1)}


def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((PROJECT_ROOT / "analytics").glob("*.*")):
        if path.suffix in (".py", ".sql"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def prepare(scale: int, log=print) -> Registry:
    folder = WORK / f"s{scale}"
    registry = Registry(scale, folder / "export", folder / "iapt.duckdb")
    stamp = folder / "registry.json"
    wanted = {"seed": SEED, "scale": scale, "as_of": AS_OF.isoformat(), "code": code_fingerprint()}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted and registry.db.exists():
        return registry
    log(f"writing the scale-{scale} demo registry to {registry.export} and building {registry.db}")
    write_demo(registry.export, scale=scale, seed=SEED, as_of=AS_OF)
    result = build(registry.export, registry.db, today=AS_OF)
    if not result.ok:
        raise RuntimeError(f"the scale-{scale} demo did not build: {result.problems[:3]} {result.refusal or ''}")
    stamp.write_text(json.dumps(wanted))
    return registry
