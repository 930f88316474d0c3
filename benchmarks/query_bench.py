"""Every analytics question timed on our layer (DuckDB through analytics.serving.queries) and on the pandas baseline.

Both answers are checked equal before any timing counts (benchmarks/questions.py). The baseline's CSV
load is timed once and reported apart: a typical app pays it per process (or per cache expiry), not per
question. Each side is warmed once (DuckDB reads the file's blocks, pandas builds its caches) before the
repeats.
"""

from __future__ import annotations

import gc
import time

from analytics.serving.db import Database
from benchmarks.baseline import Baseline
from benchmarks.questions import check_equal, questions
from benchmarks.registries import Registry
from benchmarks.stats import repeat, summary_ms


def measure(registry: Registry, repeats: int, baseline_budget_s: float = 4.0, log=print) -> dict:
    db = Database(registry.db)
    started = time.perf_counter()
    baseline = Baseline.load(registry.export, cities=registry.cities)
    load_s = time.perf_counter() - started
    log(f"  baseline loaded the scale-{registry.scale} CSV files in {load_s:.2f} s")
    rows = []
    for question in questions(db):
        ours, theirs = question.ours(db), question.baseline(baseline)
        try:
            check_equal(question, ours, theirs)
            equal, difference = True, None
        except AssertionError as error:
            equal, difference = False, str(error)[:300]
        gc.collect()
        ours_s = repeat(lambda question=question: question.ours(db), repeats)
        theirs_s = repeat(lambda question=question: question.baseline(baseline), repeats, budget_s=baseline_budget_s)
        ours_ms, theirs_ms = summary_ms(ours_s), summary_ms(theirs_s)
        row = {"name": question.name, "ours_ms": ours_ms, "baseline_ms": theirs_ms,
               "ratio": round(theirs_ms["median"] / max(ours_ms["median"], 1e-3), 2),
               "equal": equal, "repeats": [len(ours_s), len(theirs_s)]}
        if difference:
            row["difference"] = difference
        rows.append(row)
        log(f"  {question.name:44s} ours {row['ours_ms']['median']:8.1f} ms   baseline {row['baseline_ms']['median']:9.1f} ms"
            f"   {row['ratio']:7.1f}x{'' if equal else '   ANSWERS DIFFER'}")
    return {"baseline_load_s": round(load_s, 2), "repeats": repeats, "questions": rows}
