"""Sector figures: the mix as a treemap, and the country × sector matrix as a heatmap of counts or location quotients.

The location quotient is drawn on a diverging log scale centred on 1 (the selection's own mix):
blue where a country has fewer initiatives in a sector than the selection as a whole would
suggest, red where it has more, clipped at `specialisation.LQ_BOUNDS` so one extreme cell
cannot wash out the rest. Only cells whose counts carry a quotient are coloured
(`specialisation.assess`); specialisations are in bold, values whose interval includes 1 in
parentheses, and the rest say "too few" on grey.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go
import polars as pl

from analytics import i18n
from analytics.reference import taxonomy
from analytics.serving.specialisation import CONFIDENCE, LQ_BOUNDS
from viz.style import QUALITATIVE, SEQUENTIAL, category_colour, colour_scale, count_axis, escape, layout

# a treemap does not wrap its labels: long sector names are broken into lines of about this many characters
LABEL_WIDTH = 18
SCHEME_TABLE = {"eclac_sector": "eclac_sector", "isic_section": "isic_section"}
# below 1 in blues, 1 in white, above in oranges: the registry's mix is the neutral point
DIVERGING = ((0.0, "#2166ac"), (0.35, "#92c5de"), (0.5, "#f7f7f7"), (0.65, "#f4a582"), (1.0, "#b2182b"))
HOVER = "%{hovertext}<extra></extra>"
# cells whose counts cannot carry a quotient: a light grey that no step of the diverging scale takes
TOO_FEW_FILL = "#e6e6e6"
CELL_TEXT_SIZE = 12


def sector_name(scheme: str, code: str, lang: str, *, short: bool = False) -> str:
    """ISIC sections are long-named: in the matrix's axis they go by their letter, named in the hover text."""
    if scheme == "isic_section" and short:
        return code
    name = taxonomy.label(SCHEME_TABLE[scheme], code, lang)
    return f"{code} · {name}" if scheme == "isic_section" else name


def sector_colour(scheme: str, code: str, position: int) -> str:
    """Driving sectors keep the colours they have on every page; ISIC sections take the palette in turn."""
    return category_colour("sector", code) if scheme == "eclac_sector" else QUALITATIVE[position % len(QUALITATIVE)]


def treemap(mix: pl.DataFrame, scheme: str, lang: str, *, height: int = 420) -> go.Figure:
    """`queries.sector_mix` as a treemap of the sectors that have initiatives, each box sized by its initiatives."""
    present = mix.filter(pl.col("initiatives") > 0)
    names = [escape(sector_name(scheme, code, lang)) for code in present["sector"]]
    wrapped = ["<br>".join(textwrap.wrap(name, LABEL_WIDTH)) for name in names]
    counts = present["initiatives"].to_list()
    shares = present["share"].to_list()
    texts = [f"{i18n.number(count, lang)} · {i18n.percent(share, lang)}" for count, share in zip(counts, shares, strict=True)]
    figure = go.Figure(go.Treemap(
        labels=wrapped, parents=[""] * len(names), values=counts, text=texts, branchvalues="remainder",
        textinfo="label+text", marker={"colors": [sector_colour(scheme, code, i) for i, code in enumerate(present["sector"])]},
        hovertext=[f"{name}: {text}" for name, text in zip(names, texts, strict=True)], hovertemplate=HOVER,
        root={"color": "white"}, tiling={"pad": 2},
    ), layout=layout(lang, height, legend=False, margin={"l": 0, "r": 0, "t": 0, "b": 0}))
    return figure


def matrix(cells: pl.DataFrame, scheme: str, measure: str, lang: str, *, country_names: dict[str, str],
           colourbar_title: str, height: int | None = None) -> go.Figure:
    """`queries.country_sector_matrix` as a heatmap: countries down (largest first), sectors across in their order.

    `measure` is `initiatives` (counts on the sequential scale from zero, whole-number legend) or
    `location_quotient`, for which `cells` must have passed `specialisation.assess`: only cells whose counts carry
    a quotient are coloured, on log(LQ) clipped at `LQ_BOUNDS` and centred on 1; the others are drawn in grey and
    say "too few". Plotly writes each cell's text in black or white, whichever stands out on its colour.
    """
    if measure not in ("initiatives", "location_quotient"):
        raise ValueError(f"unknown matrix measure {measure!r}")
    quotient = measure == "location_quotient"
    countries = cells["country"].unique(maintain_order=True).to_list()
    sectors = cells["sector"].unique(maintain_order=True).to_list()
    lookup = {(row["country"], row["sector"]): row for row in cells.iter_rows(named=True)}
    low, high = (math.log10(bound) for bound in LQ_BOUNDS)
    z, text, hover, grey, grey_text = [], [], [], [], []
    for country in countries:
        z_row, text_row, hover_row, grey_row, grey_text_row = [], [], [], [], []
        for sector in sectors:
            row = lookup[(country, sector)]
            shown = not quotient or bool(row["lq_shown"])
            value = row[measure]
            if quotient and shown:
                z_row.append(min(max(math.log10(value), low), high) if value > 0 else low)
            else:
                z_row.append(value if shown else None)
            text_row.append(_cell_label(row, measure, lang) if shown else "")
            grey_row.append(None if shown else 0)
            grey_text_row.append("" if shown else i18n.t("too few", lang))
            hover_row.append(_cell_hover(row, scheme, quotient, lang, country_names))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
        grey.append(grey_row)
        grey_text.append(grey_text_row)
    x = [escape(sector_name(scheme, code, lang, short=True)) for code in sectors]
    y = [escape(country_names.get(code, code)) for code in countries]
    # a title wrapped into short lines above the bar is never cut at the figure's edge
    title = {"text": "<br>".join(textwrap.wrap(escape(colourbar_title), 10, break_long_words=False)), "side": "top"}
    if quotient:
        ticks = [bound for bound in (0.25, 0.5, 1, 2, 4) if LQ_BOUNDS[0] <= bound <= LQ_BOUNDS[1]]
        scale = {"colorscale": [list(step) for step in DIVERGING], "zmin": low, "zmax": high, "zmid": 0}
        bar = {"tickvals": [math.log10(tick) for tick in ticks],
               "ticktext": [i18n.number(tick, lang, 2 if tick < 1 else 0) for tick in ticks]}
    else:
        scale = {"colorscale": colour_scale(SEQUENTIAL), "zmin": 0}
        bar = count_axis(max([v for row in z for v in row if v is not None], default=0))
    # an explicit size: left alone, Plotly shrinks cell text to fit and it becomes unreadable
    traces = [go.Heatmap(
        z=z, x=x, y=y, text=text, texttemplate="%{text}", textfont={"size": CELL_TEXT_SIZE}, hovertext=hover,
        hovertemplate=HOVER, xgap=1, ygap=1, colorbar={"title": title, "thickness": 12, **bar}, **scale,
    )]
    if quotient:
        traces.append(go.Heatmap(
            z=grey, x=x, y=y, text=grey_text, texttemplate="%{text}", textfont={"color": "#595959", "size": CELL_TEXT_SIZE - 1},
            hovertext=hover, hovertemplate=HOVER, xgap=1, ygap=1, showscale=False,
            colorscale=[[0, TOO_FEW_FILL], [1, TOO_FEW_FILL]], zmin=0, zmax=1,
        ))
    # room on the right for the colour bar's title, which Plotly does not count when it lays out the margins
    return go.Figure(traces, layout=layout(lang, height or max(260, 34 * len(countries) + 190), legend=False,
                                           margin={"l": 8, "r": 40, "t": 8, "b": 8},
                                           xaxis={"side": "top", "tickangle": -40 if scheme == "eclac_sector" else 0,
                                                  "automargin": True,
                                                  "showgrid": False},
                                           yaxis={"autorange": "reversed", "showgrid": False, "automargin": True}))


def _cell_label(row: dict, measure: str, lang: str) -> str:
    """A count, or a quotient: bold where it is a specialisation, in parentheses where its interval includes 1."""
    shown = _cell_text(row[measure], measure, lang)
    if measure != "location_quotient" or not shown:
        return shown
    if row["specialised"]:
        return f"<b>{shown}</b>"
    return shown if row["lq_clear"] else f"({shown})"


def _cell_hover(row: dict, scheme: str, quotient: bool, lang: str, country_names: dict[str, str]) -> str:
    place = f"{escape(country_names.get(row['country'], row['country']))} · {escape(sector_name(scheme, row['sector'], lang))}"
    counts = f"{i18n.number(row['initiatives'], lang)} / {i18n.number(row['country_total'], lang)}"
    if not quotient:
        return f"{place}<br>{counts}"
    if not row["lq_shown"]:
        return f"{place}<br>{counts} · LQ: {i18n.t('too few', lang)}"
    interval = f"{i18n.number(row['lq_low'], lang, 2)}–{i18n.number(row['lq_high'], lang, 2)}"
    return (f"{place}<br>{counts} · LQ {_cell_text(row['location_quotient'], 'location_quotient', lang)} "
            f"({i18n.t('{confidence} interval', lang, confidence=i18n.percent(CONFIDENCE, lang))}: {interval})")


def _cell_text(value: float | None, measure: str, lang: str) -> str:
    if value is None:
        return ""
    return i18n.number(value, lang, 2) if measure == "location_quotient" else i18n.number(value, lang)
