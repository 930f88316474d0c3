"""Colours, text escaping and the layout every chart shares."""

from __future__ import annotations

import html
import json
import re

from analytics import i18n
from analytics.reference import taxonomy

# Tableau 20's strong half then its light half: distinguishable on white and in print.
QUALITATIVE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a",
)
NO_SECTOR_COLOUR = "#c7c7c7"
OTHER_COLOUR = "#9e9e9e"
TOTAL_COLOUR = "#333333"
MILESTONE_COLOUR = "#c0392b"
# light to dark blue: the sequential scale for country shading
SEQUENTIAL = ("#eef4fa", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")
EMPTY_FILL = "#f2f2f2"
# within a shaded selection: a country with no initiative, and one whose figure is unknown (say, no population):
# neither may look like the low end of the scale, whose first shaded step is SEQUENTIAL[1]
NO_INITIATIVE_FILL = "#ffffff"
NO_DATA_FILL = "#b8b8b8"
# white spots (regions with no initiative): a dark magenta ring, a hue no sector, type or shading uses
WHITE_SPOT_COLOUR = "#7b1fa2"
# yellow to dark red: density hexagons, which must stand out over the blue country shading
DENSITY = ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026")
SIZE_COLOURS = {"micro": "#c6dbef", "small": "#6baed6", "medium": "#2171b5", "large": "#08306b"}

SECTOR_COLOURS = dict(zip(taxonomy.codes("eclac_sector"), QUALITATIVE, strict=False))
TYPE_COLOURS = dict(zip(taxonomy.codes("type"), QUALITATIVE, strict=False))
FONT = "Source Sans Pro, Arial, sans-serif"


def escape(text: object) -> str:
    """Registry text made inert for Plotly, which would otherwise render tags such as <b> or <a>."""
    return html.escape("" if text is None else str(text), quote=False)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def escape_markdown(text: object) -> str:
    """Registry text made inert for Streamlit's Markdown (headings, tables' cells): every special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def hex_to_rgb(colour: str) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i:i + 2], 16) for i in (0, 2, 4)]


def category_colour(kind: str, code: str | None) -> str:
    if kind == "sector":
        return SECTOR_COLOURS.get(code or "", NO_SECTOR_COLOUR)
    if kind == "type":
        return TYPE_COLOURS.get(code or "", OTHER_COLOUR)
    if kind == "size":
        return SIZE_COLOURS.get(code or "", OTHER_COLOUR)
    raise ValueError(f"unknown colour scheme {kind!r}")


def category_name(kind: str, code: str | None, lang: str) -> str:
    if kind == "sector":
        return taxonomy.label("eclac_sector", code, lang) if code and code != "none" else i18n.t("No driving sector", lang)
    return taxonomy.label({"type": "type", "size": "size_class"}[kind], code, lang)


def step_colour(colours: tuple[str, ...], fraction: float, lowest: int = 0) -> str:
    """The colour at `fraction` (0 to 1) along a stepped scale, never below step `lowest`: steps, not a blend, so
    that classes stay readable on a projector."""
    return colours[max(lowest, round(min(max(fraction, 0.0), 1.0) * (len(colours) - 1)))]


def colour_scale(colours: tuple[str, ...]) -> list[list]:
    """`colours` spread evenly from 0 to 1, as Plotly's `colorscale` takes them."""
    return [[i / (len(colours) - 1), colour] for i, colour in enumerate(colours)]


# automargin: room for the tick labels and the axis title, whatever the default template is. Importing
# Streamlit makes its own template the default, which has no automargin: a briefing exported from the app
# drew its growth chart with 8 px margins (y labels clipped to "0", the axis title over them, months cut).
def chart_config(file_name: str, **extra) -> dict:
    """Every chart's Plotly config: a toolbar with only "download as image" (drawn in the browser, so it works
    offline), saving a PNG at twice the screen's resolution, sharp on a slide or in print, named `file_name`.

    Zoom, pan and the rest are left out: a reader who zooms by accident loses the view, and a page shows
    what it means to. `extra` adds to or overrides the config (a map's `scrollZoom`).
    """
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
        **extra,
    }


# Plotly's one image button saves one format, and a config sent as JSON can only name built-in buttons, so
# this script gives each chart's toolbar a second button that saves an SVG (vector: it scales in a slide or a
# report) through plotly.js's own `downloadImage`, in the browser, offline. It watches the page, because a
# Streamlit page draws its charts, and redraws them, after the script has run.
PNG_BUTTON = '.modebar-btn[data-title="Download plot as a PNG"]'
SVG_BUTTON_CLASS = "iapt-svg"


def svg_download_script(title: str) -> str:
    """A <script> that adds "download as SVG" (tooltip `title`) beside every chart's PNG button."""
    quoted = json.dumps(title).replace("</", "<\\/")  # a JavaScript string that cannot close the <script>
    return f"""<script>
(function () {{
  var title = {quoted};
  if (window.iaptSvgButtons) {{ window.iaptSvgButtons.title = title; return; }}
  var state = window.iaptSvgButtons = {{title: title}};
  function add() {{
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {{
      var png = chart.querySelector('{PNG_BUTTON}');
      if (!png || !window.Plotly || png.parentNode.querySelector(".{SVG_BUTTON_CLASS}")) return;
      var button = document.createElement("a");
      button.className = "modebar-btn {SVG_BUTTON_CLASS}";
      button.setAttribute("rel", "tooltip");
      button.setAttribute("role", "button");
      button.setAttribute("href", "#");
      button.setAttribute("data-title", state.title);
      button.setAttribute("aria-label", state.title);
      button.textContent = "SVG";
      button.style.cssText = "font: 600 10px sans-serif; line-height: 22px; padding: 0 3px; color: #506784;";
      button.addEventListener("click", function (event) {{
        event.preventDefault();
        var options = (chart._context && chart._context.toImageButtonOptions) || {{}};
        window.Plotly.downloadImage(chart, {{format: "svg", filename: options.filename || "chart"}});
      }});
      png.parentNode.insertBefore(button, png.nextSibling);
    }});
  }}
  new MutationObserver(add).observe(document.body, {{childList: true, subtree: true}});
  add();
}})();
</script>"""


AXIS = {"gridcolor": "#ececec", "zerolinecolor": "#d0d0d0", "automargin": True}


def layout(lang: str, height: int, *, legend: bool = True, title: str | None = None, xaxis: dict | None = None,
           yaxis: dict | None = None, **extra) -> dict:
    """The layout every chart shares, as one dict: a figure built in one go skips Plotly's slow property updates."""
    return {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 36 if title else 8, "b": 8},
        "separators": i18n.plotly_separators(lang),
        "font": {"family": FONT, "size": 13},
        "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": {"text": ""}},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT}},
        "title": {"text": escape(title), "x": 0, "font": {"size": 15}} if title else {"text": ""},
        "xaxis": {**AXIS, **(xaxis or {})},
        "yaxis": {**AXIS, **(yaxis or {})},
        **extra,
    }


def count_axis(highest: float | None) -> dict:
    """Axis (or colour bar) settings for a count: whole-number labels, and a tick on every unit while counts are small.

    Without them Plotly puts ticks at 0.5, 1.5... when the largest count is a handful. Larger counts keep
    Plotly's automatic ticks, which are then whole numbers anyway; the format only guards the labels.
    """
    settings: dict = {"tickformat": ",d"}
    if highest is None or highest <= 10:
        settings.update(tickmode="linear", tick0=0, dtick=1)
    return settings


PERCENT_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0)


def percent_axis(top: float | None, lang: str, most_ticks: int = 6) -> dict:
    """Axis (or colour bar) ticks for shares from 0 to `top`, labelled by `i18n.percent`: the same "92 %" (Spanish)
    or "92%" (English, Portuguese) as the tables, which Plotly's own `%` format cannot write."""
    top = top if top and top > 0 else 1.0
    step = next((step for step in PERCENT_STEPS if top / step <= most_ticks - 1), 1.0)
    values = [round(index * step, 4) for index in range(int(top / step + 1e-9) + 1)]
    decimals = 1 if step < 0.01 else 0
    return {"tickmode": "array", "tickvals": values, "ticktext": [i18n.percent(value, lang, decimals) for value in values]}
