"""Plotly charts for the pages: rankings, growth curves and side-by-side comparisons.

Axis ticks and hover text are formatted here per language (month names, decimal marks)
instead of by Plotly's d3 locale, which would need locale bundles the browser does not have
offline.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from analytics import i18n
from analytics.i18n import N_
from viz.style import MILESTONE_COLOUR, OTHER_COLOUR, QUALITATIVE, TOTAL_COLOUR, count_axis, escape, layout, percent_axis

HOVER = "%{hovertext}<extra></extra>"


def ranking_bars(frame: pl.DataFrame, lang: str, *, axis_title: str, height: int | None = None,
                 decimals: int = 0, percent: bool = False) -> go.Figure:
    """Horizontal bars, largest on top. `frame` has `label` and `value`, and optionally `colour`."""
    frame = frame.sort("value", descending=False, nulls_last=False)
    labels = [escape(label) for label in frame["label"]]
    values = frame["value"].to_list()
    shown = [i18n.percent(v, lang, decimals) if percent else i18n.number(v, lang, decimals) for v in values]
    colours = frame["colour"].to_list() if "colour" in frame.columns else QUALITATIVE[0]
    bars = {
        "type": "bar", "x": values, "y": labels, "orientation": "h", "marker": {"color": colours}, "text": shown,
        "textposition": "outside", "textangle": 0, "cliponaxis": False, "hovertemplate": HOVER,
        "hovertext": [f"{label}: {text}" for label, text in zip(labels, shown, strict=True)],
    }
    highest = max((v for v in values if v is not None), default=0)
    # room on the right for the value written after the longest bar, and a range that always reaches past it
    xaxis = {"title": {"text": escape(axis_title)}, "range": [0, (highest * 1.15) or 1], "automargin": True}
    if percent:
        xaxis.update(percent_axis(xaxis["range"][1], lang))
    elif decimals == 0:
        xaxis.update(count_axis(highest))
    spec = layout(lang, height or max(160, 28 * frame.height + 40), legend=False, xaxis=xaxis, yaxis={"automargin": True})
    # the last tick label sits on the right edge: without a margin for half of it Plotly hides it
    spec["margin"]["r"] = 24
    return go.Figure(data=[bars], layout=spec)


def top_groups(frame: pl.DataFrame, keep: int, other: str = "other") -> pl.DataFrame:
    """Keep the `keep` groups with most registrations and merge the rest into `other`, so a split stays legible."""
    totals = frame.group_by("group").agg(pl.col("registrations").sum()).sort(["registrations", "group"],
                                                                            descending=[True, False])
    if totals.height <= keep + 1:
        return frame
    kept = totals["group"].head(keep).to_list()
    merged = frame.with_columns(pl.when(pl.col("group").is_in(kept)).then(pl.col("group")).otherwise(pl.lit(other))
                                .alias("group"))
    merged = merged.group_by("period", "group").agg(pl.col("registrations").sum()).sort("group", "period")
    return merged.with_columns(pl.col("registrations").cum_sum().over("group").alias("cumulative"))


def _period_ticks(periods: list[dt.date], unit: str, lang: str, most: int = 12) -> dict:
    """Ticks on whole multiples of the period (every quarter, half-year, year...), labelled in the reader's language."""
    if not periods:
        return {}
    per_year = {"month": 12, "quarter": 4, "year": 1}[unit]
    step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 60, 120) if len(periods) / s <= most)

    def index(day: dt.date) -> int:
        return day.year * per_year + (day.month - 1) * per_year // 12

    chosen = [p for p in periods if index(p) % step == 0] or periods[:1]
    return {"tickmode": "array", "tickvals": chosen, "ticktext": [i18n.period(p, unit, lang) for p in chosen]}


def _series(x: list, y: list, name: str, colour: str, unit: str, lang: str, *, line: bool, dash: str = "solid") -> dict:
    hover = [f"{name} · {i18n.period(p, unit, lang)}: {i18n.number(v, lang)}" for p, v in zip(x, y, strict=True)]
    if line:
        return {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": name, "hovertext": hover,
                "hovertemplate": HOVER, "line": {"color": colour, "width": 2, "dash": dash}}
    return {"type": "bar", "x": x, "y": y, "name": name, "hovertext": hover, "hovertemplate": HOVER,
            "marker": {"color": colour}}


def growth_figure(frame: pl.DataFrame, unit: str, lang: str, *, cumulative: bool, group_names: dict[str, str] | None = None,
                  milestones: pl.DataFrame | None = None, height: int = 380,
                  colours: dict[str, str] | None = None, max_ticks: int = 12) -> go.Figure:
    """Registrations per period (stacked bars) or the running total (lines) from `queries.registrations`.

    `milestones` (`queries.milestones`; pass it only when nothing is filtered, since they describe the whole
    registry) marks each milestone that falls within the data's periods with a dotted line, and on the running
    total with its count. Those outside the data's span are left out, so they never stretch the time axis; the
    count axis grows only as far as the highest milestone drawn. With a split, the running total of all groups is
    drawn too, for the same reason.
    """
    group_names = group_names or {}
    colours = colours or {}
    groups = frame["group"].unique(maintain_order=True).to_list()
    split = groups != ["all"]
    measure = "cumulative" if cumulative else "registrations"
    traces = []
    for index, group in enumerate(groups):
        rows = frame.filter(pl.col("group") == group).sort("period")
        name = escape(group_names.get(group, group)) if split else i18n.t("Total", lang)
        colour = colours.get(group, QUALITATIVE[index % len(QUALITATIVE)] if split else QUALITATIVE[0])
        traces.append(_series(rows["period"].to_list(), rows[measure].to_list(), name, colour, unit, lang, line=cumulative))
    if cumulative and split:
        total = frame.group_by("period").agg(pl.col("cumulative").sum()).sort("period")
        traces.append(_series(total["period"].to_list(), total["cumulative"].to_list(), i18n.t("Total", lang),
                              TOTAL_COLOUR, unit, lang, line=True, dash="dot"))
    periods = sorted(set(frame["period"].to_list()))
    shown = _milestones_within(milestones, periods, unit)
    shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": day, "x1": day, "y0": 0, "y1": 1,
               "line": {"color": MILESTONE_COLOUR, "width": 1, "dash": "dot"}} for day in shown["date"]]
    counted = cumulative and not shown.is_empty()
    if counted:
        labels = [escape(label) for label in shown[f"label_{i18n.language(lang)}"]]
        traces.append({
            "type": "scatter", "mode": "markers+text", "x": shown["date"].to_list(), "y": shown["count"].to_list(),
            "name": i18n.t("Public milestones", lang), "text": labels,
            # alternately below-right and above-left of their point: where the rising curve is not
            "textposition": ["bottom right" if index % 2 == 0 else "top left" for index in range(shown.height)],
            "textfont": {"color": MILESTONE_COLOUR, "size": 12}, "hovertext": labels,
            "hovertemplate": HOVER, "marker": {"symbol": "diamond", "size": 11, "color": MILESTONE_COLOUR},
        })
    # the tallest stack of bars, or the highest running total (the groups' totals added up)
    per_period = frame.group_by("period").agg(pl.col(measure).sum())[measure].to_list()
    highest = max(per_period, default=0)
    yaxis = {"title": {"text": i18n.t("Initiatives registered "
                                      "(cumulative)" if cumulative else N_("Registrations"), lang)}, "rangemode": "tozero",
             **count_axis(highest)}
    if counted:
        # up to the highest milestone drawn, no further, with room for its label above it
        highest = max([*shown["count"].to_list(), highest])
        yaxis.update(count_axis(highest), range=[0, highest * 1.15])
    spec = layout(lang, height, legend=split or counted, barmode="stack",
                  bargap=0.15, shapes=shapes, xaxis=_period_ticks(periods, unit, lang, max_ticks), yaxis=yaxis)
    # the last period's label is centred on the right edge: without room for its half, Plotly drops it
    spec["margin"]["r"] = 36
    return go.Figure(data=traces, layout=spec)


def _milestones_within(milestones: pl.DataFrame | None, periods: list[dt.date], unit: str) -> pl.DataFrame:
    """The milestones dated within the data's span: from the first period to the end of the last."""
    if milestones is None or milestones.is_empty() or not periods:
        return pl.DataFrame(schema={"date": pl.Date, "count": pl.Int64, "label_en": pl.String, "label_es": pl.String,
                                    "label_pt": pl.String})
    end = pl.select(pl.lit(periods[-1]).dt.offset_by({"month": "1mo", "quarter": "3mo", "year": "1y"}[unit])).item()
    return milestones.filter((pl.col("date") >= periods[0]) & (pl.col("date") < end)).sort("date")


def grouped_shares(frame: pl.DataFrame, lang: str, *, axis_title: str, group_names: dict[str, str],
                   category_names: dict[str, str], colours: dict[str, str] | None = None, height: int = 420) -> go.Figure:
    """One bar per category and group (say, sectors × countries), as shares so that unequal groups compare.

    `frame` has `group`, `category` and `share`; categories keep the frame's order, top to bottom.
    """
    colours = colours or {}
    categories = frame["category"].unique(maintain_order=True).to_list()
    labels = {c: escape(category_names.get(c, c)) for c in categories}
    traces = []
    for index, group in enumerate(frame["group"].unique(maintain_order=True).to_list()):
        rows = frame.filter(pl.col("group") == group)
        name = escape(group_names.get(group, group))
        shares = dict(zip(rows["category"], rows["share"], strict=True))
        values = [shares.get(c, 0.0) for c in categories]
        traces.append({
            "type": "bar", "orientation": "h", "y": [labels[c] for c in categories], "x": values, "name": name,
            "marker": {"color": colours.get(group, QUALITATIVE[index % len(QUALITATIVE)])}, "hovertemplate": HOVER,
            "hovertext": [f"{name} · {labels[c]}: {i18n.percent(v, lang)}" for c, v in zip(categories, values, strict=True)],
        })
    spec = layout(lang, height, barmode="group", bargap=0.2, bargroupgap=0.05,
                  xaxis={"title": {"text": escape(axis_title)}, "rangemode": "tozero", "automargin": True,
                         **percent_axis(max((v for trace in traces for v in trace["x"]), default=1.0), lang)},
                  yaxis={"autorange": "reversed", "automargin": True})
    # the last tick label can sit on the right edge: without a margin for half of it Plotly hides it
    spec["margin"]["r"] = 24
    return go.Figure(data=traces, layout=spec)


def stacked_shares(frame: pl.DataFrame, lang: str, *, axis_title: str, group_names: dict[str, str],
                   category_names: dict[str, str], colours: dict[str, str], height: int = 320) -> go.Figure:
    """One 100 % bar per group (say, a country), split by category (types, firm sizes).

    `frame` has `group`, `category` and `count`; groups keep the frame's order, top to bottom.
    """
    totals = frame.group_by("group").agg(pl.col("count").sum().alias("total"))
    frame = frame.join(totals, on="group", maintain_order="left").with_columns(
        (pl.col("count") / pl.col("total")).alias("share"))
    groups = frame["group"].unique(maintain_order=True).to_list()
    group_labels = [escape(group_names.get(g, g)) for g in groups]
    traces = []
    for category in frame["category"].unique(maintain_order=True).to_list():
        rows = frame.filter(pl.col("category") == category)
        by_group = {g: (s, c) for g, s, c in zip(rows["group"], rows["share"], rows["count"], strict=True)}
        name = escape(category_names.get(category, category))
        values = [by_group.get(g, (0.0, 0))[0] for g in groups]
        counts = [by_group.get(g, (0.0, 0))[1] for g in groups]
        traces.append({
            "type": "bar", "orientation": "h", "y": group_labels, "x": values, "name": name,
            "marker": {"color": colours.get(category, OTHER_COLOUR)}, "hovertemplate": HOVER,
            "hovertext": [f"{label} · {name}: {i18n.number(n, lang)} ({i18n.percent(v, lang)})"
                          for label, n, v in zip(group_labels, counts, values, strict=True)],
        })
    spec = layout(lang, height, barmode="stack", bargap=0.3,
                  xaxis={"title": {"text": escape(axis_title)}, "range": [0, 1], "automargin": True,
                         **percent_axis(1.0, lang)},
                  yaxis={"autorange": "reversed", "automargin": True})
    # the 100 % label sits on the right edge: without a margin for half of it Plotly hides it
    spec["margin"]["r"] = 24
    # Plotly lists the traces of a stack in reverse unless told; keep the category order (micro to large)
    spec["legend"]["traceorder"] = "normal"
    return go.Figure(data=traces, layout=spec)


def colour_scale(low: float, high: float, colours: tuple[str, ...], lang: str, *, title: str, decimals: int = 0,
                 whole: bool = False) -> go.Figure:
    """A thin strip from `low` to `high`: the legend of a shaded map that has none of its own. With `whole` (counts)
    the ticks are whole numbers placed where they fall, never a rounded middle such as "3" for 2.5."""
    steps = len(colours)
    strip = {"type": "bar", "x": [1] * steps, "y": [""] * steps, "base": list(range(steps)), "orientation": "h",
             "marker": {"color": list(colours), "line": {"width": 0}}, "hoverinfo": "skip", "width": 0.6}
    values = [low, (low + high) / 2, high]
    if whole:
        values = sorted({round(low), round(low + (high - low) // 2), round(high)})
    span = (high - low) or 1
    return go.Figure(data=[strip], layout=layout(
        lang, 110, legend=False, title=title, barmode="overlay", margin={"l": 24, "r": 36, "t": 34, "b": 30},
        xaxis={"tickmode": "array", "tickvals": [steps * (value - low) / span for value in values], "range": [0, steps],
               "showgrid": False, "zeroline": False,
               "ticktext": [i18n.number(value, lang, 0 if whole else decimals) for value in values]},
        yaxis={"showticklabels": False, "showgrid": False},
    ))
