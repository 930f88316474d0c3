"""The projector look: a high-contrast palette, large type, and the page style of presenter mode.

A projector washes out light tints and a room reads from ten metres, so every colour here
has at least 4.5:1 contrast on the white background (WCAG's threshold for text, stricter
than the 3:1 it asks of graphics, because projection loses contrast; tests/unit/test_presenter.py
checks it), type is about twice the page's size, and lines and points are heavier. More
categories than the palette holds cannot all be told apart on a projector: `present` then
leaves a figure's colours alone, and the slides show the leading few categories only.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from viz import style


@dataclass(frozen=True)
class Theme:
    background: str
    text: str
    grid: str
    palette: tuple[str, ...]
    other: str
    sequential: tuple[str, ...]
    font_size: int
    title_size: int
    tick_size: int
    line_width: float
    marker_size: int
    # what a chart keeps at least; on a slide it grows to the height the window leaves
    chart_height: int


PROJECTOR = Theme(
    background="#ffffff",
    text="#000000",
    grid="#bdbdbd",
    palette=("#005a9c", "#c2410c", "#047857", "#9d174d", "#6d28d9", "#8a5a00", "#a21caf"),
    other="#4b5563",
    # dark enough at its light end to read as "some" on a washed-out screen
    sequential=("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041c42"),
    font_size=24,
    title_size=34,
    tick_size=22,
    line_width=5,
    marker_size=14,
    chart_height=220,
)

# Presenter mode's page: no sidebar, toolbar, header or footer; the slide is a column exactly
# as tall as the window, whose stretching parts (`height="stretch"`) share what the fixed ones
# leave, and type is sized by the window's height (vh), so one slide fits 1280x720 and fills
# 1920x1080 alike. Selectors are Streamlit's own `data-testid`s, which its e2e suite relies on
# too, and the `st-key-*` classes of keyed containers.
PAGE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer,
.st-key-present_keys, .st-key-app_footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; height: 100vh; box-sizing: border-box; padding: 1.2vh 2.5vw 0.8vh !important;
  display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0; gap: 1vh; }
.st-key-present_body { gap: 1.2vh; }
/* titles, figures and the keys line keep their height; only a chart gives way */
[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]:not(:has([data-testid="stPlotlyChart"])),
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] { flex-shrink: 0 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] { font-size: clamp(1rem, 3vh, 2.2rem) !important; color: #000000; }
[data-testid="stMain"] h1 { font-size: clamp(1.6rem, 5.6vh, 4.2rem) !important; color: #000000; padding: 0 !important;
  line-height: 1.15 !important; }
/* Streamlit pulls the element after a heading up into the heading's padding, which a slide's title does not have */
[data-testid="stMain"] [data-testid="stHeading"] [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
[data-testid="stMain"] .iapt-cards { gap: 1.2vw; }
[data-testid="stMain"] .iapt-card { padding: 0.8vh 1.2vw; border-color: #000000; }
[data-testid="stMain"] .iapt-card-value { font-size: min(clamp(2rem, 10.5vh, 8rem), 19cqi); line-height: 1.3;
  color: #000000; }
[data-testid="stMain"] .iapt-card-label { font-size: clamp(1rem, 3.2vh, 2.4rem); color: #000000; }
/* a long label wraps rather than ending in an ellipsis ("Por millón de habita…"): .iapt-card-label wraps */
[data-testid="stMain"] button p, [data-testid="stMain"] [data-testid="stAlert"] p,
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stCaptionContainer"] p {
  font-size: clamp(0.9rem, 2.3vh, 1.6rem) !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #333333 !important; opacity: 1 !important;
  margin: 0 !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { margin: 0 !important; }
[data-testid="stMain"] [data-testid="stAlert"] > div { padding: 0.6vh 1vw !important; min-height: 0 !important; }
</style>
"""


def template(theme: Theme = PROJECTOR) -> go.layout.Template:
    """The theme as a Plotly template: defaults for anything a figure does not set itself."""
    axis = {"gridcolor": theme.grid, "linecolor": theme.text, "zerolinecolor": theme.grid,
            "tickfont": {"size": theme.tick_size, "color": theme.text}, "title": {"font": {"size": theme.font_size}}}
    return go.layout.Template(
        layout=go.Layout(
            font={"family": style.FONT, "size": theme.font_size, "color": theme.text},
            title={"font": {"size": theme.title_size, "color": theme.text}, "x": 0},
            colorway=list(theme.palette),
            paper_bgcolor=theme.background,
            plot_bgcolor=theme.background,
            hoverlabel={"font": {"size": theme.font_size, "family": style.FONT}},
            legend={"font": {"size": theme.font_size}},
            xaxis=axis,
            yaxis=axis,
        ),
        data={
            "scatter": [go.Scatter(line={"width": theme.line_width}, marker={"size": theme.marker_size})],
            "bar": [go.Bar(textfont={"size": theme.tick_size})],
        },
    )


PROJECTOR_TEMPLATE = template(PROJECTOR)


def present(figure: go.Figure, theme: Theme = PROJECTOR) -> go.Figure:
    """Restyle a page's chart for the projector, in place: the theme's type, line weights and palette.

    Colours are swapped in order of first appearance when the figure uses no more colours than
    the palette holds; with more, they are left as they are rather than made to collide.
    """
    enlarge_type(figure, theme)
    for trace in figure.data:
        if trace.type == "scatter":
            trace.update(line={"width": theme.line_width})
            if isinstance(trace.marker.size, int | float):
                trace.update(marker={"size": max(trace.marker.size, theme.marker_size)})
        scale = getattr(trace, "colorscale", None)
        if scale and tuple(colour for _, colour in scale) == style.SEQUENTIAL:
            steps = len(theme.sequential) - 1
            trace.update(colorscale=[[i / steps, colour] for i, colour in enumerate(theme.sequential)])
    _recolour(figure, theme)
    return figure


def enlarge_type(figure: go.Figure, theme: Theme = PROJECTOR) -> go.Figure:
    """Only the theme's type sizes and text colour, for a figure already drawn in the theme's colours (a map).

    A figure's own layout values beat a template, so sizes are set explicitly.
    """
    figure.update_layout(
        template=PROJECTOR_TEMPLATE if theme is PROJECTOR else template(theme),
        font={"size": theme.font_size, "color": theme.text},
        title_font={"size": theme.title_size, "color": theme.text},
        legend_font={"size": theme.font_size},
        hoverlabel_font={"size": theme.font_size},
        paper_bgcolor=theme.background,
        plot_bgcolor=theme.background,
        height=max(figure.layout.height or 0, theme.chart_height),
    )
    axes = {"tickfont": {"size": theme.tick_size, "color": theme.text},
            "title_font": {"size": theme.font_size, "color": theme.text}, "gridcolor": theme.grid}
    figure.update_xaxes(**axes)
    figure.update_yaxes(**axes)
    for trace in figure.data:
        if trace.type in ("bar", "scatter"):
            trace.update(textfont={"size": theme.tick_size})
        if getattr(trace, "colorbar", None) is not None:
            trace.update(colorbar={"tickfont": {"size": theme.tick_size}, "title": {"font": {"size": theme.font_size}}})
        marker = getattr(trace, "marker", None)
        if marker is not None and getattr(marker, "showscale", None):
            trace.update(marker={"colorbar": {"tickfont": {"size": theme.tick_size},
                                              "title": {"font": {"size": theme.font_size}}}})
    return figure


def _colour_slots(figure: go.Figure) -> list[tuple[object, str | tuple[str, ...]]]:
    """Every marker or line of a trace that sets its colour as #rrggbb text or a list of such, with that value."""
    slots = []
    for trace in figure.data:
        for holder_name in ("marker", "line"):
            holder = getattr(trace, holder_name, None)
            value = getattr(holder, "color", None) if holder is not None else None
            if isinstance(value, str) or (isinstance(value, tuple | list) and value and all(isinstance(v, str) for v in value)):
                slots.append((holder, value))
    return slots


def _recolour(figure: go.Figure, theme: Theme) -> None:
    slots = _colour_slots(figure)
    neutral = {style.OTHER_COLOUR: theme.other, style.NO_SECTOR_COLOUR: theme.other, style.TOTAL_COLOUR: theme.text}
    categorical: list[str] = []
    for _, value in slots:
        for colour in (value,) if isinstance(value, str) else value:
            if colour.startswith("#") and colour not in neutral and colour not in categorical:
                categorical.append(colour)
    if len(categorical) > len(theme.palette):
        return
    mapping = {**neutral, **dict(zip(categorical, theme.palette, strict=False))}
    for holder, value in slots:
        holder.color = mapping.get(value, value) if isinstance(value, str) else [mapping.get(c, c) for c in value]
