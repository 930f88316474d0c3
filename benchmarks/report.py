"""Turns `make bench`'s results.json into benchmarks/results.md and the README's Performance block.

The report only judges and formats: the runner measures, and a missed target is reported, never raised, so
the benchmark can never fail the test suite. Any section of the results may be missing (skipped by the
runner); the targets it would have judged then read "not measured" rather than passing or failing.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"
RESULTS_LINK = "benchmarks/results.md"
MARKS = {True: "✓", False: "✗", None: "—"}
MISSING = "—"
NOT_MEASURED = "not measured"


@dataclass(frozen=True)
class Target:
    """One target of the issue. `rule` names its check in _RULES; `scale` None means every scale measured."""

    name: str
    target: str
    rule: str
    scale: str | None
    limit: float


# The targets on a 2-core machine. "Under" is strict; "at least" is inclusive.
TARGETS: tuple[Target, ...] = (
    Target("Queries", "every question under 20 ms (median)", "query_ms", "1", 20.0),
    Target("Queries", "every question under 250 ms (median)", "query_ms", "100", 250.0),
    Target("Speed-up over baseline", "every question at least 5× faster (median)", "speedup", "100", 5.0),
    Target("Pages", "server time under 300 ms (median rerun)", "page_ms", "1", 300.0),
    Target("Pages", "server time under 1.5 s (median rerun)", "page_ms", "100", 1500.0),
    Target("Browser", "drawn page under 2.5 s from a cold start", "browser_cold_s", "1", 2.5),
    Target("Capacity", "40 sessions on Overview: p95 under 2 s, no errors", "capacity", None, 2000.0),
    Target("Memory", "server memory under 1 GB (1024 MB)", "memory_mb", "100", 1024.0),
    Target("Serving, fresh start", "2 workers, 200 tabs arriving within 10 s, a click every ~10 s: p95 under 2 s, no errors",
           "serve_fresh", "1", 2000.0),
    Target("Serving, warm", "2 workers, the same load once warm: p95 under 1 s, no errors", "serve_warm", "1", 1000.0),
    Target("Serving, closed loop", "2 workers, 40 tabs without pause: p95 under 1.5 s, no errors", "serve_closed", "1", 1500.0),
    Target("Serving, scaling", "2 workers give at least 1.6× the reruns/s of 1 (40 tabs without pause)", "serve_scaling",
           "1", 1.6),
    Target("Serving, floor", "Overview reruns/s within 2.5× a one-chart page's (one process, 40 tabs without pause)",
           "serve_floor", "1", 2.5),
)


# ---------------------------------------------------------------------------------------------------------
# number formatting


def _is_num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def fmt_ms(value: Any) -> str:
    """Milliseconds: one decimal under 10 (where it matters), integers above (where it is noise)."""
    if not _is_num(value):
        return MISSING
    return f"{value:.1f}" if round(value, 1) < 10 else f"{value:.0f}"


def fmt_s(value: Any) -> str:
    return f"{value:.2f}" if _is_num(value) else MISSING


def fmt_duration(ms: Any) -> str:
    """A duration for verdicts: one decimal under 100 ms so 19.6 does not read as the 20 ms limit; seconds above 1 s."""
    if not _is_num(ms):
        return MISSING
    if ms < 1000:
        return f"{ms:.1f} ms" if round(ms, 1) < 100 else f"{ms:.0f} ms"
    return f"{ms / 1000:.2f} s"


def fmt_bytes(value: Any) -> str:
    if not _is_num(value):
        return MISSING
    if value < 1000:
        return f"{value:.0f} B"
    if value < 1_000_000:
        kb = value / 1000
        return f"{kb:.1f} kB" if round(kb, 1) < 10 else f"{kb:.0f} kB"
    return f"{value / 1_000_000:.1f} MB"


def fmt_mb(value: Any, decimals: int = 0) -> str:
    return f"{value:.{decimals}f} MB" if _is_num(value) else MISSING


def fmt_int(value: Any) -> str:
    return f"{value:,.0f}" if _is_num(value) else MISSING


def fmt_ratio(value: Any) -> str:
    """Two decimals near the 5× limit (4.96× must not read 5.0×), fewer where they are noise."""
    if not _is_num(value):
        return MISSING
    return f"{value:.2f}×" if round(value, 2) < 10 else f"{value:.1f}×" if round(value, 1) < 100 else f"{value:.0f}×"


# ---------------------------------------------------------------------------------------------------------
# escaping: every string that comes from data is plain text


_MD_SPECIAL = re.compile(r"([\\`*\[\]~])")
# GitHub does not emphasise an underscore inside a word (coverage_by_country), so only the others are escaped
_LOOSE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def plain(value: Any) -> str:
    """Text that renders as itself: HTML is escaped (GitHub renders it), as are emphasis, links and newlines."""
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LOOSE_UNDERSCORE.sub(r"\\_", text)
    return re.sub(r"\s*(?:\r\n|\r|\n)\s*", " ", text).strip()


def cell(value: Any) -> str:
    """A table cell: plain text with `|` escaped so it cannot split the row."""
    return plain(value).replace("|", "\\|")


def _mark(met: Any) -> str:
    return MARKS[met if isinstance(met, bool) else None]


def _table_or(header: Iterable[str], rows: list, align: str, empty: str) -> list[str]:
    """A per-scale table followed by a blank line, or a sentence saying the scale measured nothing."""
    return [*_table(header, rows, align), ""] if rows else [empty, ""]


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]], align: str = "") -> list[str]:
    """A Markdown table; `align` is one letter per column (l/r), left by default."""
    header = list(header)
    align = align.ljust(len(header), "l")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


# ---------------------------------------------------------------------------------------------------------
# access to the results: scales are string keys ("1", "10", "100"), tolerated as ints


def _scale_key(scale: Any) -> tuple[float, str]:
    try:
        return (float(scale), str(scale))
    except (TypeError, ValueError):
        return (math.inf, str(scale))


def _scales(section: Any) -> list[str]:
    return sorted((str(k) for k in section), key=_scale_key) if isinstance(section, dict) else []


def _at(results: dict, section: str, scale: str) -> dict | None:
    by_scale = results.get(section)
    if not isinstance(by_scale, dict):
        return None
    found = by_scale.get(scale, by_scale.get(int(scale)) if scale.isdigit() else None)
    return found if isinstance(found, dict) else None


def _rows(entry: dict | None, key: str) -> list[dict]:
    rows = entry.get(key) if entry else None
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _ours_median(question: dict) -> Any:
    return (question.get("ours_ms") or {}).get("median")


def _ratio(question: dict) -> Any:
    """The runner's baseline/ours ratio of medians, or the same computed here when it left it out."""
    ratio = question.get("ratio")
    if _is_num(ratio):
        return ratio
    ours, base = _ours_median(question), (question.get("baseline_ms") or {}).get("median")
    return base / ours if _is_num(ours) and _is_num(base) and ours > 0 else None


# ---------------------------------------------------------------------------------------------------------
# evaluation: each rule gives (measured, met) for one scale


Verdict = tuple[str, bool | None]


def _worst(items: list[tuple[float, str]], fmt: Callable[[float], str], label: str = "max") -> str:
    value, name = max(items, key=lambda item: item[0])
    return f"{label} {fmt(value)} ({name})"


def _rule_query_ms(results: dict, scale: str, limit: float) -> Verdict:
    medians = [(_ours_median(q), str(q.get("name", "?"))) for q in _rows(_at(results, "queries", scale), "questions")]
    timed = [(m, name) for m, name in medians if _is_num(m)]
    if not timed:
        return NOT_MEASURED, None
    measured = _worst(timed, fmt_duration)
    if len(timed) < len(medians):
        return f"{measured}; {len(medians) - len(timed)} not timed", False
    return measured, all(m < limit for m, _ in timed)


def _rule_speedup(results: dict, scale: str, limit: float) -> Verdict:
    questions = _rows(_at(results, "queries", scale), "questions")
    ratios = [(_ratio(q), str(q.get("name", "?"))) for q in questions]
    known = [(r, name) for r, name in ratios if _is_num(r)]
    if not known:
        return NOT_MEASURED, None
    smallest, name = min(known, key=lambda item: item[0])
    measured = f"min {fmt_ratio(smallest)} ({name}), median {fmt_ratio(statistics.median(r for r, _ in known))}"
    measured += f"; {sum(1 for r, _ in known if r >= limit)} of {len(known)} at least {limit:g}×"
    ours = [_ours_median(q) for q in questions]
    theirs = [(q.get("baseline_ms") or {}).get("median") for q in questions]
    if all(_is_num(v) for v in ours + theirs) and sum(ours) > 0:
        measured += f", all questions together {fmt_ratio(sum(theirs) / sum(ours))}"
    met = smallest >= limit and len(known) == len(ratios)
    # a fast wrong answer is no speed-up: a question whose answers differ fails the target
    differ = sum(1 for q in questions if q.get("equal") is False)
    if differ:
        measured += f"; {differ} answer{'s' if differ > 1 else ''} differ{'' if differ > 1 else 's'}"
        met = False
    if len(known) < len(ratios):
        measured += f"; {len(ratios) - len(known)} without a ratio"
    return measured, met


def _rule_page_ms(results: dict, scale: str, limit: float) -> Verdict:
    pages = _rows(_at(results, "pages", scale), "pages")
    medians = [(p.get("median_ms"), str(p.get("page", "?"))) for p in pages]
    timed = [(m, name) for m, name in medians if _is_num(m)]
    if not timed:
        return NOT_MEASURED, None
    measured = _worst(timed, fmt_duration)
    firsts = [(p["first_ms"], str(p.get("page", "?"))) for p in pages if _is_num(p.get("first_ms"))]
    if firsts:
        measured += "; " + _worst(firsts, fmt_duration, "worst first visit")
    if len(timed) < len(medians):
        return f"{measured}; {len(medians) - len(timed)} not timed", False
    return measured, all(m < limit for m, _ in timed)


def _rule_browser_cold_s(results: dict, scale: str, limit: float) -> Verdict:
    colds = [(p.get("cold_s"), str(p.get("page", "?"))) for p in _rows(_at(results, "browser", scale), "pages")]
    timed = [(c, name) for c, name in colds if _is_num(c)]
    if not timed:
        return NOT_MEASURED, None
    measured = _worst(timed, lambda s: f"{fmt_s(s)} s")
    if len(timed) < len(colds):
        return f"{measured}; {len(colds) - len(timed)} not drawn", False
    return measured, all(c < limit for c, _ in timed)


def _rule_capacity(results: dict, scale: str, limit: float) -> Verdict:
    entry = _at(results, "capacity", scale)
    level = next((lv for lv in _rows(entry, "levels") if lv.get("sessions") == 40 and not lv.get("every_s")), None)
    if level is None:
        return (NOT_MEASURED if entry is None else "no level with 40 sessions"), None
    p95, errors = level.get("p95_ms"), level.get("errors")
    measured = f"p95 {fmt_duration(p95)}, " + (f"{fmt_int(errors)} errors" if _is_num(errors) else "errors not counted")
    page = entry.get("page") if entry else None
    if page and str(page).lower() != "overview":
        measured += f" (page {page})"
    if not _is_num(p95) or not _is_num(errors):
        return measured, None
    return measured, p95 < limit and errors == 0


def _rule_memory_mb(results: dict, scale: str, limit: float) -> Verdict:
    peaks = [(entry.get("peak_rss_mb"), section) for section in ("pages", "capacity") if (entry := _at(results, section, scale))]
    known = [(mb, section) for mb, section in peaks if _is_num(mb)]
    if not known:
        return NOT_MEASURED, None
    return _worst(known, fmt_mb, "peak"), max(mb for mb, _ in known) < limit


def _serving_run(results: dict, scale: str, workers: int, scenario: str) -> dict | None:
    return next((run for run in _rows(_at(results, "serving", scale), "runs")
                 if run.get("workers") == workers and run.get("scenario") == scenario), None)


def _rule_serving_p95(scenario: str) -> Callable[[dict, str, float], Verdict]:
    def rule(results: dict, scale: str, limit: float) -> Verdict:
        run = _serving_run(results, scale, 2, scenario)
        if run is None:
            return NOT_MEASURED, None
        p95, errors = run.get("p95_ms"), run.get("errors")
        measured = f"p95 {fmt_duration(p95)}, {fmt_int(errors)} errors, {fmt_s(run.get('reruns_per_s'))} reruns/s"
        if not _is_num(p95) or not _is_num(errors):
            return measured, None
        return measured, p95 < limit and errors == 0
    return rule


def _rule_serving_scaling(results: dict, scale: str, limit: float) -> Verdict:
    one, two = (_serving_run(results, scale, workers, "closed") for workers in (1, 2))
    if one is None or two is None:
        return NOT_MEASURED, None
    single, double = one.get("reruns_per_s"), two.get("reruns_per_s")
    if not (_is_num(single) and _is_num(double)) or not single:
        return "reruns/s not measured", None
    ratio = double / single
    return f"{fmt_s(double)} against {fmt_s(single)} reruns/s: {ratio:.2f}×", ratio >= limit


def _rule_serving_floor(results: dict, scale: str, limit: float) -> Verdict:
    entry = _at(results, "serving", scale) or {}
    floor = entry.get("floor") if isinstance(entry.get("floor"), dict) else {}
    trivial, overview = (floor.get(name, {}).get("reruns_per_s") for name in ("floor", "overview"))
    if not (_is_num(trivial) and _is_num(overview)) or not overview:
        return NOT_MEASURED, None
    ratio = trivial / overview
    return f"{fmt_s(overview)} against {fmt_s(trivial)} reruns/s: the floor is {ratio:.2f}× faster", ratio <= limit


_RULES: dict[str, tuple[str, Callable[[dict, str, float], Verdict]]] = {
    "query_ms": ("queries", _rule_query_ms),
    "speedup": ("queries", _rule_speedup),
    "page_ms": ("pages", _rule_page_ms),
    "browser_cold_s": ("browser", _rule_browser_cold_s),
    "capacity": ("capacity", _rule_capacity),
    "memory_mb": ("pages", _rule_memory_mb),
    "serve_fresh": ("serving", _rule_serving_p95("fresh")),
    "serve_warm": ("serving", _rule_serving_p95("warm")),
    "serve_closed": ("serving", _rule_serving_p95("closed")),
    "serve_scaling": ("serving", _rule_serving_scaling),
    "serve_floor": ("serving", _rule_serving_floor),
}


def evaluate(results: dict) -> list[dict]:
    """One verdict per target and scale: met True/False, or None when this run did not measure it."""
    verdicts = []
    for target in TARGETS:
        section, rule = _RULES[target.rule]
        scales = [target.scale] if target.scale is not None else _scales(results.get(section))
        if not scales:  # a target for every measured scale, and none measured
            verdicts.append({"name": target.name, "target": target.target, "measured": NOT_MEASURED, "met": None})
        for scale in scales:
            measured, met = rule(results, scale, target.limit)
            verdicts.append({"name": f"{target.name}, scale {scale}", "target": target.target, "measured": measured, "met": met})
    return verdicts


# ---------------------------------------------------------------------------------------------------------
# rendering


def _when(results: dict, date_only: bool = False) -> str:
    raw = results.get("date")
    if not raw:
        return "an unrecorded date"
    try:
        when = dt.datetime.fromisoformat(str(raw))
    except ValueError:
        return str(raw)
    if date_only:
        return when.date().isoformat()
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
        return when.strftime("%Y-%m-%d %H:%M UTC")
    return when.strftime("%Y-%m-%d %H:%M")


def _commit(results: dict) -> str:
    commit = str(results.get("git_commit") or "")
    if re.fullmatch(r"[0-9a-fA-F]{4,40}(-dirty)?", commit):
        return f"`{commit}`"
    return plain(commit) if commit else "unknown"


def _machine_line(machine: dict) -> str:
    parts = []
    if machine.get("cpu"):
        parts.append(plain(machine["cpu"]))
    if _is_num(machine.get("cores")):
        parts.append(f"{machine['cores']:.0f} cores")
    if _is_num(machine.get("memory_gb")):
        parts.append(f"{machine['memory_gb']:.1f} GB memory")
    if machine.get("os"):
        parts.append(plain(machine["os"]))
    if machine.get("python"):
        parts.append("Python " + plain(machine["python"]))
    line = ", ".join(parts) or "not recorded"
    load = machine.get("load_before")
    if isinstance(load, list) and load and all(_is_num(x) for x in load):
        line += "; load average before the run " + " / ".join(f"{x:.2f}" for x in load)
    return line


def _targets_table(results: dict) -> list[str]:
    rows = [(v["name"], v["target"], v["measured"], _mark(v["met"])) for v in evaluate(results)]
    return _table(("What", "Target", "Measured", "Met"), rows, "lllr")


def _section_registries(results: dict) -> list[str]:
    registries = results.get("registries")
    rows = []
    for scale in _scales(registries):
        r = registries[scale] if isinstance(registries[scale], dict) else {}
        rows.append((scale, fmt_int(r.get("initiatives")), fmt_int(r.get("firms")), fmt_int(r.get("memberships")),
                     fmt_mb(r.get("db_mb"), 1), fmt_mb(r.get("export_mb"), 1)))
    if not rows:
        return []
    return ["## Registries", "", *_table(("Scale", "Initiatives", "Firms", "Memberships", "Database", "CSV export"), rows, "rrrrrr")]


def _section_queries(results: dict) -> list[str]:
    out = []
    for scale in _scales(results.get("queries")):
        entry = _at(results, "queries", scale) or {}
        out += [f"### Scale {scale}", ""]
        facts = []
        if _is_num(entry.get("baseline_load_s")):
            facts.append(f"Baseline CSV load: {fmt_s(entry['baseline_load_s'])} s, paid once per process (or cache), "
                         "so not included in the baseline's per-question times.")
        if _is_num(entry.get("repeats")):
            facts.append(f"Each question timed {entry['repeats']:.0f} times.")
        if facts:
            out += [" ".join(facts), ""]
        rows = []
        for q in _rows(entry, "questions"):
            ours, base = q.get("ours_ms") or {}, q.get("baseline_ms") or {}
            rows.append((q.get("name", "?"), fmt_ms(ours.get("median")), fmt_ms(ours.get("p95")), fmt_ms(base.get("median")),
                         fmt_ms(base.get("p95")), fmt_ratio(_ratio(q)), _mark(q.get("equal"))))
        header = ("Question", "Ours median ms", "Ours p95 ms", "Baseline median ms", "Baseline p95 ms", "× faster", "Same answer")
        out += _table_or(header, rows, "lrrrrrr", "No questions timed.")
    return ["## Queries", "", *out] if out else []


def _section_pages(results: dict) -> list[str]:
    out = []
    for scale in _scales(results.get("pages")):
        entry = _at(results, "pages", scale) or {}
        out += [f"### Scale {scale}", ""]
        facts = []
        if _is_num(entry.get("reruns")):
            facts.append(f"{entry['reruns']:.0f} reruns per page after the first visit.")
        if _is_num(entry.get("peak_rss_mb")):
            facts.append(f"Peak server memory: {fmt_mb(entry['peak_rss_mb'])}.")
        if facts:
            out += [" ".join(facts), ""]
        rows = [(p.get("page", "?"), fmt_ms(p.get("first_ms")), fmt_ms(p.get("median_ms")), fmt_ms(p.get("p95_ms")),
                 fmt_bytes(p.get("bytes"))) for p in _rows(entry, "pages")]
        out += _table_or(("Page", "First visit ms", "Median ms", "p95 ms", "Bytes sent"), rows, "lrrrr", "No pages timed.")
    return ["## Pages (server time)", "", *out] if out else []


def _section_browser(results: dict) -> list[str]:
    out = []
    for scale in _scales(results.get("browser")):
        entry = _at(results, "browser", scale) or {}
        out += [f"### Scale {scale}", ""]
        if _is_num(entry.get("map_payload_bytes")):
            out += [f"Map payload: {fmt_bytes(entry['map_payload_bytes'])}.", ""]
        rows = [(p.get("page", "?"), fmt_s(p.get("content_s")), fmt_s(p.get("cold_s")), fmt_s(p.get("warm_s")),
                 fmt_bytes(p.get("ws_bytes"))) for p in _rows(entry, "pages")]
        out += _table_or(("Page", "Cold: content s", "Cold: drawn s", "Warm: drawn s", "WebSocket bytes"), rows, "lrrrr",
                         "No pages drawn.")
    return ["## Browser (drawn page)", "", *out] if out else []


def _section_capacity(results: dict) -> list[str]:
    out = []
    for scale in _scales(results.get("capacity")):
        entry = _at(results, "capacity", scale) or {}
        out += [f"### Scale {scale}", ""]
        facts = []
        if entry.get("page"):
            facts.append(f"Page: {plain(entry['page'])}.")
        if _is_num(entry.get("duration_s")):
            facts.append(f"{fmt_s(entry['duration_s'])} s per level.")
        if _is_num(entry.get("peak_rss_mb")):
            facts.append(f"Peak server memory: {fmt_mb(entry['peak_rss_mb'])}.")
        if facts:
            out += [" ".join(facts), ""]
        rows = [(fmt_int(lv.get("sessions")), f"every {fmt_s(lv['every_s'])} s" if _is_num(lv.get("every_s")) else "no pause",
                 fmt_int(lv.get("reruns")), fmt_s(lv.get("reruns_per_s")), fmt_ms(lv.get("p50_ms")),
                 fmt_ms(lv.get("p95_ms")), fmt_int(lv.get("errors"))) for lv in _rows(entry, "levels")]
        header = ("Sessions", "Each session reruns", "Reruns", "Reruns/s", "p50 ms", "p95 ms", "Errors")
        out += _table_or(header, rows, "rlrrrrr", "No levels run.")
    return ["## Capacity (concurrent sessions)", "", *out] if out else []


def _section_serving(results: dict) -> list[str]:
    out = []
    for scale in _scales(results.get("serving")):
        entry = _at(results, "serving", scale) or {}
        load = entry.get("load") if isinstance(entry.get("load"), dict) else {}
        out += [f"### Scale {scale}", ""]
        if load:
            out += [f"Fresh and warm: {fmt_int(load.get('arrivals'))} tabs arriving within {fmt_s(load.get('arrival_s'))} s, "
                    f"each rerunning the {plain(entry.get('page') or 'overview')} about every {fmt_s(load.get('every_s'))} s "
                    f"for {fmt_s(load.get('paced_s'))} s. Closed loop: {fmt_int(load.get('closed_sessions'))} tabs for "
                    f"{fmt_s(load.get('closed_s'))} s.", ""]
        rows = [(fmt_int(run.get("workers")), plain(run.get("scenario")), fmt_int(run.get("sessions")), fmt_int(run.get("reruns")),
                 fmt_s(run.get("reruns_per_s")), fmt_ms(run.get("p50_ms")), fmt_ms(run.get("p95_ms")), fmt_int(run.get("errors")))
                for run in _rows(entry, "runs")]
        out += _table_or(("Workers", "Load", "Tabs", "Reruns", "Reruns/s", "p50 ms", "p95 ms", "Errors"), rows, "rlrrrrrr",
                         "No runs.")
        floor = entry.get("floor") if isinstance(entry.get("floor"), dict) else {}
        rows = [(label, fmt_int(run.get("reruns")), fmt_s(run.get("reruns_per_s")), fmt_ms(run.get("p50_ms")),
                 fmt_ms(run.get("p95_ms")), fmt_int(run.get("errors")))
                for name, label in (("floor", "one-chart page (floor)"), ("overview", "Overview"))
                if isinstance(run := floor.get(name), dict)]
        if rows:
            out += ["", "One process, closed loop:", "", *_table(("Page", "Reruns", "Reruns/s", "p50 ms", "p95 ms", "Errors"),
                                                                 rows, "lrrrrr")]
        memory = entry.get("memory") if isinstance(entry.get("memory"), dict) else {}
        rows = [(workers, ", ".join(fmt_int(mb) for mb in m.get("idle_rss_mb") or []),
                 ", ".join(fmt_int(mb) for mb in m.get("loaded_rss_mb") or [])) for workers, m in memory.items()]
        if rows:
            out += ["", "Resident memory of each worker (MB):", "", *_table(("Workers", "Started", "After the loads"), rows, "rll")]
        out.append("")
    return ["## Serving (workers behind HAProxy)", "", *out] if out else []


def _section_build(results: dict) -> list[str]:
    build = results.get("build")
    rows = []
    for scale in _scales(build):
        b = build[scale] if isinstance(build[scale], dict) else {}
        rows.append((scale, fmt_s(b.get("wall_s")), fmt_s(b.get("cpu_s")), fmt_int(b.get("peak_rss_mb"))))
    return ["## Build", "", *_table(("Scale", "Wall s", "CPU s", "Peak MB"), rows, "rrrr"), ""] if rows else []


def render_markdown(results: dict) -> str:
    """The whole of benchmarks/results.md: context, the targets' verdicts, then every section this run measured."""
    lines = ["# IAPT Atlas benchmark results", "", f"Run on {_when(results)} at commit {_commit(results)}, by `make bench`.", ""]
    machine = results.get("machine") if isinstance(results.get("machine"), dict) else {}
    versions = results.get("versions") if isinstance(results.get("versions"), dict) else {}
    lines.append(f"- Machine: {_machine_line(machine)}")
    lines.append("- Versions: " + (", ".join(f"{plain(k)} {plain(v)}" for k, v in versions.items()) or "not recorded"))
    lines.append("")
    registries = _section_registries(results)
    if registries:
        lines += [*registries, ""]
    lines += ["## Targets", "", *_targets_table(results), ""]
    for section in (_section_queries, _section_pages, _section_browser, _section_capacity, _section_serving, _section_build):
        lines += section(results)
    notes = [n for n in results.get("notes") or [] if str(n).strip()]
    if notes:
        lines += ["## Notes", "", *(f"- {plain(n)}" for n in notes), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def readme_section(results: dict) -> str:
    """The README's compact view: when and where it was measured, and the targets' verdicts."""
    machine = results.get("machine") if isinstance(results.get("machine"), dict) else {}
    where = []
    if _is_num(machine.get("cores")):
        where.append(f"a {machine['cores']:.0f}-core machine")
    if _is_num(machine.get("memory_gb")):
        where.append(f"{machine['memory_gb']:.1f} GB of memory")
    on = (" on " + " with ".join(where)) if where else ""
    sentence = f"Figures from `make bench` on {_when(results, date_only=True)}{on}; full results in [{RESULTS_LINK}]({RESULTS_LINK})."
    return "\n".join([sentence, "", *_targets_table(results)]) + "\n"


def update_readme(readme_text: str, section: str) -> str:
    """Replaces what lies between the bench markers (kept), or appends a Performance section holding them.

    Idempotent, so `make bench` can run any number of times. A lone marker is an error rather than a guess:
    appending a second pair would leave the stray one behind, and replacing to the end could eat the README.
    """
    block = f"{README_START}\n{section.strip()}\n{README_END}"
    start = readme_text.find(README_START)
    end = readme_text.find(README_END, start + len(README_START)) if start >= 0 else -1
    if start >= 0 and end >= 0:
        return readme_text[:start] + block + readme_text[end + len(README_END):]
    if start >= 0 or README_END in readme_text:
        raise ValueError(f"README has one of {README_START} / {README_END} without the other (in that order); fix it by hand")
    head = readme_text.rstrip("\n")
    return (head + "\n\n" if head else "") + f"## Performance\n\n{block}\n"


def write(results: dict, out_dir: Path, readme: Path | None) -> None:
    """Writes results.json and results.md into out_dir, then refreshes the README's block if asked."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    (out_dir / "results.md").write_text(render_markdown(results), encoding="utf-8")
    if readme is not None:
        readme = Path(readme)
        text = readme.read_text(encoding="utf-8") if readme.exists() else ""
        updated = update_readme(text, readme_section(results))
        if updated != text:
            readme.write_text(updated, encoding="utf-8")
