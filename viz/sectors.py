"""Sector figures: the mix as a treemap, and the country × sector matrix as a heatmap of counts or location quotients.

The location quotient is drawn on a diverging scale centred on 1 (the registry's own mix):
blue where a country has fewer initiatives in a sector than the registry as a whole would
suggest, orange where it has more. Values of 1.25 or more, the usual threshold for a
specialisation, are written in bold; an undefined quotient (a sector with no initiative
anywhere in the selection) is left blank rather than shown as zero.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import polars as pl

from analytics import i18n, taxonomy
from viz.style import QUALITATIVE, SEQUENTIAL, category_colour, count_axis, escape, layout

SPECIALISATION = 1.25
# a treemap does not wrap its labels: long sector names are broken into lines of about this many characters
LABEL_WIDTH = 18
SCHEME_TABLE = {"eclac_sector": "eclac_sector", "isic_section": "isic_section"}
# below 1 in blues, 1 in white, above in oranges: the registry's mix is the neutral point
DIVERGING = ((0.0, "#2166ac"), (0.35, "#92c5de"), (0.5, "#f7f7f7"), (0.65, "#f4a582"), (1.0, "#b2182b"))
HOVER = "%{hovertext}<extra></extra>"


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

    `measure` is `initiatives` (counts on the sequential scale) or `location_quotient`.
    """
    if measure not in ("initiatives", "location_quotient"):
        raise ValueError(f"unknown matrix measure {measure!r}")
    countries = cells["country"].unique(maintain_order=True).to_list()
    sectors = cells["sector"].unique(maintain_order=True).to_list()
    lookup = {(row["country"], row["sector"]): row for row in cells.iter_rows(named=True)}
    z, text, hover = [], [], []
    for country in countries:
        z_row, text_row, hover_row = [], [], []
        for sector in sectors:
            row = lookup[(country, sector)]
            value = row[measure]
            z_row.append(value)
            shown = _cell_text(value, measure, lang)
            text_row.append(f"<b>{shown}</b>" if measure == "location_quotient" and value and value >= SPECIALISATION
                            else shown)
            hover_row.append(
                f"{escape(country_names.get(country, country))} · {escape(sector_name(scheme, sector, lang))}<br>"
                f"{i18n.number(row['initiatives'], lang)} / {i18n.number(row['country_total'], lang)} · "
                f"LQ {_cell_text(row['location_quotient'], 'location_quotient', lang) or i18n.MISSING}"
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    if measure == "location_quotient":
        top = max([v for row in z for v in row if v is not None], default=2.0)
        upper = max(top, 2.0)
        count_ticks = {}
        scale = {"colorscale": [list(step) for step in DIVERGING], "zmin": 0, "zmax": upper, "zmid": 1}
    else:
        steps = len(SEQUENTIAL) - 1
        scale = {"colorscale": [[i / steps, colour] for i, colour in enumerate(SEQUENTIAL)], "zmin": 0}
        count_ticks = count_axis(max([v for row in z for v in row if v is not None], default=0))
    figure = go.Figure(go.Heatmap(
        z=z, x=[escape(sector_name(scheme, code, lang, short=True)) for code in sectors],
        y=[escape(country_names.get(code, code)) for code in countries], text=text, texttemplate="%{text}",
        hovertext=hover, hovertemplate=HOVER, xgap=1, ygap=1, **scale,
        colorbar={"title": {"text": escape(colourbar_title), "side": "right"}, "thickness": 12, **count_ticks},
    ), layout=layout(lang, height or max(260, 34 * len(countries) + 190), legend=False,
                     xaxis={"side": "top", "tickangle": -40 if scheme == "eclac_sector" else 0, "showgrid": False},
                     yaxis={"autorange": "reversed", "showgrid": False, "automargin": True}))
    return figure


def _cell_text(value: float | None, measure: str, lang: str) -> str:
    if value is None:
        return ""
    return i18n.number(value, lang, 2) if measure == "location_quotient" else i18n.number(value, lang)
