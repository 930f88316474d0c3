"""The exported briefing: one HTML file that opens anywhere, offline, with its charts live.

A workshop laptop may have no network and no Python, so the file carries everything:
plotly.js inline once (about 4.8 MB, shared by every chart), the figures as data, the
styles, no fonts or scripts from elsewhere. Its map is `viz.svgmap`, plain SVG: Plotly's
MapLibre maps stay blank in a file opened from disk. It tells what `analytics.serving.story`
gathered, in the order presenter mode shows it, and says what data it describes: the
filters, the vintage, and the synthetic notice when the data is a demo.

Every string from the registry or from the reader is HTML-escaped where it is written into
the page; chart labels go through `style.escape` (Plotly renders tags in labels) and Plotly
escapes `<` inside its JSON, so a name like `<img src=x onerror=alert(1)>` stays text.
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlencode

import plotly.graph_objects as go
import polars as pl

from analytics import i18n
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving.filters import Filters
from analytics.serving.story import Story
from viz import charts, maps, style, svgmap

TOP_SECTORS = 8
TOP_REGIONS = 12
# month labels that fit side by side, unturned, on a page of A4 as on a screen
GROWTH_TICKS = 8
REGION_GROUP = "region"
REGION_COLOUR = "#6b6b6b"  # the region, in a neutral grey (4.5:1 on white) next to the country's colour
PLOTLY_CONFIG = style.chart_config("iapt-briefing", responsive=True)
TEMPLATE = "plotly_white"


def _e(text: object) -> str:
    """Text for an HTML element or attribute: every markup character escaped."""
    return html.escape("" if text is None else str(text), quote=True)


def country_names(story: Story, lang: str) -> dict[str, str]:
    column = f"name_{i18n.language(lang)}"
    return dict(zip(story.outlines["iso2"], story.outlines[column], strict=True))


def describe_filters(filters: Filters, lang: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """The filters as (label, values) in the reader's language, for a reader who cannot see the sidebar."""
    listed = [
        (N_("Countries"), [names.get(code, code) for code in filters.countries]),
        (N_("Subregions"), [taxonomy.label("subregion", code, lang) for code in filters.subregions]),
        (N_("Types of initiative"), [taxonomy.label("type", code, lang) for code in filters.types]),
        (N_("Status"), [taxonomy.label("status", code, lang) for code in filters.statuses]),
        (N_("ECLAC driving sectors"), [taxonomy.label("eclac_sector", code, lang) for code in filters.sectors]),
        (N_("ISIC sections"), [f"{code} {taxonomy.label('isic_section', code, lang)}" for code in filters.isic_sections]),
        (N_("Member firm size"), [taxonomy.label("size_class", code, lang) for code in filters.size_classes]),
    ]
    described = [(i18n.t(key, lang), ", ".join(values)) for key, values in listed if values]
    if filters.registered_from:
        described.append((i18n.t("Registered from", lang), i18n.date(filters.registered_from, lang)))
    if filters.registered_to:
        described.append((i18n.t("Registered until", lang), i18n.date(filters.registered_to, lang)))
    if filters.founded_from is not None or filters.founded_to is not None:
        between = i18n.t("{start} to {end}", lang, start=filters.founded_from or "…", end=filters.founded_to or "…")
        described.append((i18n.t("Founded between", lang), between))
    return described


# Plotly draws a chart twice: first with the layout's narrow margins, then with the margins its labels need
# (automargin). Until the second draw the axis labels hang outside the chart ("0" left of a clipped axis, the
# axis title over the labels, month labels cut), and a slow laptop or an early print shows exactly that, so
# a chart stays invisible until its drawing is done (`DRAWN`, set when Plotly's promise resolves).
DRAWN = "data-drawn"
_WHEN_DRAWN = f"document.getElementById('{{plot_id}}').setAttribute('{DRAWN}', '');"


def _figure_html(figure: go.Figure, *, first: bool) -> str:
    """A chart as a <div> and its script; the first chart of the document also carries plotly.js itself.

    The template is named, so the file looks the same made in the app (where Streamlit's template is the
    default) or anywhere else.
    """
    figure.update_layout(template=TEMPLATE)
    return figure.to_html(full_html=False, include_plotlyjs=True if first else False, config=PLOTLY_CONFIG,
                          post_script=_WHEN_DRAWN)


def _card(label: str, value: str) -> str:
    return f'<div class="card"><div class="value">{_e(value)}</div><div class="label">{_e(label)}</div></div>'


def _headline_cards(story: Story, lang: str) -> str:
    """The selection's figures; for one country, its own (per million inhabitants, regions out of its regions)."""
    row = story.headline
    if story.single_country:
        country = story.coverage.filter(pl.col("country") == story.single_country).row(0, named=True)
        place = [
            (i18n.t("Per million inhabitants", lang), i18n.number(country["initiatives_per_million"], lang, 1)),
            (i18n.t("Admin-1 regions covered", lang), i18n.t("{part} of {whole}", lang, part=i18n.number(country["regions_covered"], lang),
                                                         whole=i18n.number(country["region_count"], lang))),
        ]
    else:
        place = [
            (i18n.t("Countries", lang), i18n.number(row["countries"], lang)),
            (i18n.t("Admin-1 regions covered", lang), i18n.number(row["regions_covered"], lang)),
        ]
    cards = [
        (i18n.t("Initiatives", lang), i18n.number(row["initiatives"], lang)),
        (i18n.t("Validated", lang), i18n.percent(row["validated_share"], lang)),
        (i18n.t("Member firms", lang), i18n.number(row["member_firms"], lang)),
        *place,
        (i18n.t("New in the last 365 days", lang), i18n.number(row["added_365d"], lang)),
    ]
    return '<div class="cards">' + "".join(_card(label, value) for label, value in cards) + "</div>"


def sector_frame(mix: pl.DataFrame, lang: str, top: int = TOP_SECTORS) -> pl.DataFrame:
    """The leading driving sectors of `queries.sector_mix` as `ranking_bars` wants them: label, value, colour."""
    present = mix.filter(pl.col("initiatives") > 0).head(top)
    return pl.DataFrame({
        "label": [taxonomy.label("eclac_sector", code, lang) for code in present["sector"]],
        "value": present["initiatives"].to_list(),
        "colour": [style.category_colour("sector", code) for code in present["sector"]],
    }, schema={"label": pl.String, "value": pl.Int64, "colour": pl.String})


def region_frame(regions: pl.DataFrame, top: int = TOP_REGIONS) -> pl.DataFrame:
    """The admin-1 regions with most initiatives (`queries.region_coverage`) as `ranking_bars` wants them."""
    present = regions.filter(pl.col("initiatives") > 0).head(top)
    return pl.DataFrame({"label": present["name"].to_list(), "value": present["initiatives"].to_list()},
                        schema={"label": pl.String, "value": pl.Int64})


def sector_comparison_frame(country_mix: pl.DataFrame, region_mix: pl.DataFrame, country: str,
                            top: int = TOP_SECTORS) -> pl.DataFrame:
    """The country's leading sectors, each as a share of the country's initiatives and of the region's.

    For `charts.grouped_shares`: `group` is the country's code or "region", `category` a sector code.
    """
    leading = country_mix.filter(pl.col("initiatives") > 0).head(top)["sector"].to_list()
    rows = [(group, row["sector"], row["share"] or 0.0)
            for group, mix in ((country, country_mix), (REGION_GROUP, region_mix))
            for row in mix.filter(pl.col("sector").is_in(leading)).iter_rows(named=True)]
    frame = pl.DataFrame(rows, schema={"group": pl.String, "category": pl.String, "share": pl.Float64}, orient="row")
    order = {sector: index for index, sector in enumerate(leading)}
    return frame.sort(pl.col("category").replace_strict(order, return_dtype=pl.Int64), maintain_order=True)


def country_frame(countries: pl.DataFrame, lang: str) -> pl.DataFrame:
    column = f"name_{i18n.language(lang)}"
    return pl.DataFrame({"label": countries[column].to_list(), "value": countries["initiatives"].to_list()},
                        schema={"label": pl.String, "value": pl.Int64})


def _latest_table(latest: pl.DataFrame, lang: str, names: dict[str, str]) -> str:
    keys = (N_("Initiative"), N_("Type"), N_("City"), N_("Country"), N_("Registered"))
    head = "".join(f"<th>{_e(i18n.t(key, lang))}</th>" for key in keys)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in (
            row["name"], taxonomy.label("type", row["type"], lang), row["city"], names.get(row["country"], row["country"]),
            i18n.date(row["registered_on"], lang),
        )) + "</tr>"
        for row in latest.iter_rows(named=True)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _spotlight(story: Story, lang: str, names: dict[str, str]) -> str:
    row = story.spotlight_coverage
    name = names.get(story.spotlight, story.spotlight)
    cards = [
        (i18n.t("Initiatives", lang), i18n.number(row["initiatives"], lang)),
        (i18n.t("Per million inhabitants", lang), i18n.number(row["initiatives_per_million"], lang, 1)),
        (i18n.t("Member firms", lang), i18n.number(row["member_firms"], lang)),
        (i18n.t("Firms per initiative", lang), i18n.number(row["firms_per_initiative"], lang, 1)),
        (i18n.t("Admin-1 regions covered", lang), i18n.t("{part} of {whole}", lang, part=i18n.number(row["regions_covered"], lang),
                                                     whole=i18n.number(row["region_count"], lang))),
        (i18n.t("Validated share", lang), i18n.percent(row["validated_share"], lang)),
    ]
    bars = charts.ranking_bars(sector_frame(story.spotlight_sectors, lang), lang, axis_title=i18n.t("Initiatives", lang))
    return (f'<section><h2>{_e(i18n.t("Country in the spotlight: {country}", lang, country=name))}</h2>'
            '<div class="cards">' + "".join(_card(label, value) for label, value in cards) + "</div>"
            f'<h3>{_e(i18n.t("Leading driving sectors", lang))}</h3>{_figure_html(bars, first=False)}</section>')


def _vintage(story: Story, lang: str) -> str:
    info = story.vintage
    source = (info.get("source_path") or "").rstrip("/").rsplit("/", 1)[-1]
    text = i18n.t("Data built {built} from the export “{source}” (checksum {checksum}) · {initiatives} initiatives, {firms} firms · "
                  "population: {population}", lang, built=i18n.timestamp(info.get("built_at"), lang), source=source,
                  checksum=(info.get("source_checksum") or "")[:12],
                  initiatives=i18n.number(info.get("rows_initiatives"), lang),
                  firms=i18n.number(info.get("rows_firms"), lang), population=i18n.sources(info.get("population_vintage"), lang))
    query = urlencode(story.filters.to_query_params(), safe=",")
    reopen_text = i18n.t("To reopen this selection in the app, add this to its address:", lang)
    reopen = f'<p>{_e(reopen_text)} <code>?{_e(query)}&amp;lang={_e(lang)}</code></p>' if query else ""
    return (f'<footer><h2>{_e(i18n.t("About the data", lang))}</h2><p>{_e(text)}</p>'
            f'<p>{_e(i18n.t("This file is self-contained: it opens without an internet connection.", lang))}</p>{reopen}</footer>')


STYLE = """
body { font-family: "Source Sans Pro", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1100px;
       padding: 24px 32px 48px; line-height: 1.4; }
h1 { font-size: 1.9rem; margin: 0.4rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #1a1a1a; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 0.4rem; }
.notice { background: #fff4ce; border: 1px solid #c9a400; padding: 10px 14px; border-radius: 4px; font-weight: 600; }
.scope { color: #333; }
.scope dt { font-weight: 600; display: inline; }
.scope dd { display: inline; margin: 0 1.2rem 0 0.3rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid #d0d0d0; border-radius: 6px; padding: 10px 12px; }
.card .value { font-size: 1.7rem; font-weight: 700; }
.card .label { font-size: 0.9rem; color: #444; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e0e0e0; }
footer { margin-top: 2.5rem; font-size: 0.9rem; color: #333; }
code { background: #f2f2f2; padding: 1px 4px; word-break: break-all; }
.note { color: #333; font-size: 0.92rem; margin: 0 0 0.4rem; }
.plotly-graph-div:not([data-drawn]) { visibility: hidden; }
@media (max-width: 800px) { .pair { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  .pair { grid-template-columns: 1fr; }
  section, .card, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* a chart's frame must not hold the page at the screen's width: the print layout would be made that wide */
  .plotly-graph-div, .plot-container, .svg-container { width: 100% !important; max-width: 100%; overflow: hidden; }
}
"""

# Printing lays the page out again at the paper's width, narrower than most screens, but a Plotly chart keeps
# the width it was drawn at: it would run off the page. The print media query changes once the print layout
# is known and before the page is printed, so each chart is redrawn there at its frame's width, and given back
# to the window afterwards.
PRINT_SCRIPT = """
<script>
(function () {
  var query = window.matchMedia("print");
  query.addEventListener("change", function (event) {
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      Plotly.relayout(chart, event.matches ? {width: chart.parentElement.clientWidth} : {width: null, autosize: true});
    });
  });
})();
</script>
"""


def render(story: Story, lang: str, *, country: str | None = None, exported_at: dt.datetime | None = None) -> str:
    """The briefing as one HTML document; `country` titles it as a one-country briefing."""
    lang = i18n.language(lang)
    names = country_names(story, lang)
    exported_at = exported_at or dt.datetime.now()
    country = country or story.single_country
    title = (i18n.t("Briefing: cluster initiatives in {country}", lang, country=names.get(country, country)) if country
             else i18n.t("Briefing: cluster initiatives in Latin America and the Caribbean", lang))
    synthetic = i18n.t("Synthetic demonstration data: every initiative, firm and figure on this page was generated for testing. "
                       "It is not ECLAC's registry.", lang)
    notice = f'<p class="notice">{_e(synthetic)}</p>' if story.vintage.get("synthetic") else ""
    described = describe_filters(story.filters, lang, names)
    scope = (f'<p class="scope">{_e(i18n.t("Selection:", lang))}</p><dl class="scope">'
             + "".join(f"<dt>{_e(label)}:</dt><dd>{_e(values)}</dd>" for label, values in described) + "</dl>"
             if described else f'<p class="scope">{_e(i18n.t("The whole registry, with no filters.", lang))}</p>')
    exported = i18n.t("Exported from IAPT Atlas on {date}.", lang, date=i18n.date(exported_at.date(), lang, long=True))
    exported = i18n.t("Exported from IAPT Atlas on {date}.", lang, date=i18n.date(exported_at.date(), lang, long=True))
    parts = [notice, f"<h1>{_e(title)}</h1>", scope,
             f'<p class="scope">{_e(exported)}</p>']
    if story.is_empty:
        parts.append(f'<p>{_e(i18n.t("No initiative matches the filters of this briefing.", lang))}</p>')
    else:
        parts.append(_headline_cards(story, lang))
        parts.extend(_charts(story, lang, names))
    parts.append(_vintage(story, lang))
    return ("<!DOCTYPE html>\n"
            f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
            f"<body>{''.join(parts)}{_scripts(lang) if not story.is_empty else ''}</body></html>\n")


def _scripts(lang: str) -> str:
    """After the charts: their redraw for print, and the SVG button beside each one's PNG button."""
    return PRINT_SCRIPT + style.svg_download_script(i18n.t("Download plot as an SVG (vector)", lang))


def _section(title: str, body: str, note: str = "") -> str:
    note = f'<p class="note">{_e(note)}</p>' if note else ""
    return f"<section><h2>{_e(title)}</h2>{note}{body}</section>"


def _charts(story: Story, lang: str, names: dict[str, str]) -> list[str]:
    """Where, how it grew, then what fits the selection: for several countries, the sectors, the countries and one
    country in the spotlight; for one country, its regions and its sectors against the region's."""
    t = i18n.t
    where = svgmap.outline_map(story.coverage, maps.parse_outlines(story.outlines), names, story.points, lang,
                               measure_title=t("Initiatives", lang))
    growth = charts.growth_figure(story.growth, "month", lang, cumulative=True, milestones=story.milestones,
                                  max_ticks=GROWTH_TICKS)
    sections = [
        _section(t("Where the initiatives are", lang), _figure_html(where, first=True)),
        _section(t("Growth of the registry", lang), _figure_html(growth, first=False)),
    ]
    if story.single_country:
        sections.extend(_one_country(story, lang, names))
    else:
        sectors = charts.ranking_bars(sector_frame(story.sectors, lang), lang, axis_title=t("Initiatives", lang))
        countries = charts.ranking_bars(country_frame(story.countries, lang), lang, axis_title=t("Initiatives", lang))
        sections.append(
            '<section class="pair">'
            f'<div><h2>{_e(t("Leading driving sectors", lang))}</h2>{_figure_html(sectors, first=False)}</div>'
            f'<div><h2>{_e(t("Leading countries", lang))}</h2>{_figure_html(countries, first=False)}</div></section>')
        if story.spotlight:
            sections.append(_spotlight(story, lang, names))
    sections.append(_section(t("Latest registrations", lang), _latest_table(story.latest, lang, names)))
    return sections


def _one_country(story: Story, lang: str, names: dict[str, str]) -> list[str]:
    """A one-country briefing's own charts: its admin-1 regions, and its sector mix against the region's."""
    t = i18n.t
    code = story.single_country
    name = names.get(code, code)
    regions = region_frame(story.regions)
    covered = story.regions.filter(pl.col("initiatives") > 0).height
    note = (t("The {shown} regions with most "
              "initiatives; {covered} of the "
              "country's {total} regions have at "
              "least one.", lang, shown=i18n.number(regions.height, lang), covered=i18n.number(covered, lang),
              total=i18n.number(story.regions.height, lang)) if covered > regions.height else "")
    bars = charts.ranking_bars(regions, lang, axis_title=t("Initiatives", lang))
    comparison = sector_comparison_frame(story.sectors, story.region_mix, code)
    shares = charts.grouped_shares(
        comparison, lang, axis_title=t("Share of initiatives", lang),
        group_names={code: name, REGION_GROUP: t("Latin America and the Caribbean", lang)},
        category_names={sector: taxonomy.label("eclac_sector", sector, lang) for sector in comparison["category"]},
        colours={code: style.QUALITATIVE[0], REGION_GROUP: REGION_COLOUR},
        height=max(260, 44 * comparison["category"].n_unique() + 90),
    )
    return [
        _section(t("Initiatives by region in {country}", lang, country=name), _figure_html(bars, first=False), note),
        _section(t("Driving sectors: {country} and Latin America and the Caribbean", lang, country=name), _figure_html(shares, first=False),
                 t("Share of initiatives in each of the country's leading sectors (an initiative may have several). Latin America and the "
                   "Caribbean: every initiative in the registry with the same filters, wherever it is.", lang)),
    ]
