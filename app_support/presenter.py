"""Presenter mode: the current selection told as five slides, for a projector in a workshop room.

It is a mode of the whole app rather than a page: switched on by the sidebar's toggle or by
`?present=1` in the address, it replaces whichever page was open with the slides, and
switching it off returns to that page. The slides tell what `analytics.serving.story` gathers, in the
order of the exported briefing, with the projector theme of `viz.presenter`: no sidebar or
toolbar, large type, high-contrast colours.

A slide is exactly one window, at 1280x720 as at 1920x1080: the page is a column as tall as
the window (`viz.presenter.PAGE_CSS`) and each slide's chart takes the height that is left
(`height="stretch"`), so nothing is ever below the fold. The keys a presenter or a clicker
sends (the arrows, Page Up and Page Down, Space, Home and End) are Streamlit button
shortcuts: the two visible buttons carry the arrows, hidden ones the rest. Streamlit's
shortcut handler stops the key's default, so Space turns a slide instead of scrolling it.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics import i18n
from analytics.i18n import N_
from analytics.serving import queries, story
from analytics.serving.filters import Filters
from app_support import chrome, data, exports, state
from viz import briefing, charts, presenter, style, svgmap
from viz.cards import Card
from viz.style import escape_markdown

SLIDES = ("headline", "map", "growth", "sectors", "spotlight")
SLIDE_KEY = "present_slide"
SPOTLIGHT_KEY = "present_spotlight"
# the projector palette has seven colours: more bars would have to share them
TOP_SECTORS = len(presenter.PROJECTOR.palette)
CHART_CONFIG = style.chart_config("iapt-slide")
FIRST, LAST = "first", "last"
# the keys that move without a visible button of their own: (widget key, step or end, shortcut, what it does)
HIDDEN_KEYS = (
    ("present_page_up", -1, "PageUp", N_("Previous slide")),
    ("present_page_down", 1, "PageDown", N_("Next slide")),
    ("present_space", 1, "Space", N_("Next slide")),
    ("present_home", FIRST, "Home", N_("First slide")),
    ("present_end", LAST, "End", N_("Last slide")),
)


def _move(step: int | str) -> None:
    """Step forward or back by `step` slides, or go to the FIRST or LAST; never past either end."""
    current = st.session_state.get(SLIDE_KEY, 0)
    target = 0 if step == FIRST else len(SLIDES) - 1 if step == LAST else current + step
    st.session_state[SLIDE_KEY] = min(max(target, 0), len(SLIDES) - 1)


def _stop() -> None:
    st.session_state[state.PRESENT_KEY] = False


def _chart(figure, key: str) -> None:
    st.plotly_chart(presenter.present(figure), key=key, config=CHART_CONFIG, height="stretch")


def controls(position: int, filters: Filters, lang: str) -> None:
    """One row: previous and next (the arrow keys), where we are, the briefing export and the way out.

    Buttons are as wide as their label in every language, so none is cut; the counter takes the rest.
    """
    t = i18n.t
    last = len(SLIDES) - 1
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="present_bar"):
        st.button(t("Previous", lang), key="present_previous", on_click=_move, args=(-1,),
                  disabled=position == 0, icon=":material/arrow_back:", shortcut="ArrowLeft")
        st.button(t("Next", lang), key="present_next", on_click=_move, args=(1,),
                  disabled=position == last, icon=":material/arrow_forward:", shortcut="ArrowRight")
        st.markdown(t("**{number} / {total}**", lang, number=position + 1, total=len(SLIDES)), width="stretch")
        exports.briefing_download(filters, lang, country=None, key="present_briefing")
        st.button(t("Exit", lang), key="present_exit", on_click=_stop, icon=":material/close:")
    # hidden by PAGE_CSS, present for their shortcuts; a disabled button answers no key
    with st.container(key="present_keys"):
        for key, step, shortcut, label in HIDDEN_KEYS:
            at_end = position == (0 if step in (-1, FIRST) else last)
            st.button(t(label, lang), key=key, on_click=_move, args=(step,),
                      disabled=at_end, shortcut=shortcut)


def headline_slide(told: story.Story, lang: str, names: dict[str, str]) -> None:
    t = i18n.t
    row = told.headline
    st.title(t("The registry at a glance", lang))
    described = briefing.describe_filters(told.filters, lang, names)
    st.markdown(" · ".join(f"**{escape_markdown(label)}:** {escape_markdown(values)}" for label, values in described)
                if described else t("The whole registry, with no filters.", lang))
    chrome.cards((
        Card(t("Initiatives", lang), i18n.number(row["initiatives"], lang)),
        Card(t("Validated", lang), i18n.percent(row["validated_share"], lang)),
        Card(t("Member firms", lang), i18n.number(row["member_firms"], lang)),
        Card(t("Countries", lang), i18n.number(row["countries"], lang)),
        Card(t("Admin-1 regions covered", lang), i18n.number(row["regions_covered"], lang)),
        Card(t("New in the last 365 days", lang), i18n.number(row["added_365d"], lang)),
    ), columns=3)


def map_slide(told: story.Story, lang: str, names: dict[str, str]) -> None:
    st.title(i18n.t("Where the initiatives are", lang))
    theme = presenter.PROJECTOR
    figure = svgmap.outline_map(told.coverage, data.reference().outlines, names, told.points, lang,
                                measure_title=i18n.t("Initiatives", lang), height=theme.chart_height,
                                sequential=theme.sequential, point_colour=theme.palette[1], point_size=theme.marker_size)
    # already in the projector's colours: only the type grows (present() would thicken the outlines)
    st.plotly_chart(presenter.enlarge_type(figure), key="present_map", config=CHART_CONFIG, height="stretch")


def growth_slide(told: story.Story, lang: str) -> None:
    st.title(i18n.t("Growth of the registry", lang))
    _chart(charts.growth_figure(told.growth, "month", lang, cumulative=True, milestones=told.milestones),
           "present_growth")


def sector_slide(told: story.Story, lang: str) -> None:
    st.title(i18n.t("Leading driving sectors", lang))
    _chart(charts.ranking_bars(briefing.sector_frame(told.sectors, lang, TOP_SECTORS), lang,
                               axis_title=i18n.t("Initiatives", lang)), "present_sectors")


def spotlight_slide(told: story.Story, lang: str, names: dict[str, str]) -> None:
    t = i18n.t
    present = told.coverage.filter(pl.col("initiatives") > 0)["country"].to_list()
    if st.session_state.get(SPOTLIGHT_KEY) not in present:
        st.session_state[SPOTLIGHT_KEY] = told.spotlight
    title, choice = st.columns([3, 1], vertical_alignment="center")
    title.title(t("Country in the spotlight: {country}", lang, country=names.get(told.spotlight, told.spotlight)))
    # the title names the country: the label would only take a line of the slide (a screen reader still reads it)
    choice.selectbox(t("Country", lang), present, key=SPOTLIGHT_KEY, label_visibility="collapsed",
                     format_func=lambda code: names.get(code, code))
    row = told.spotlight_coverage
    chrome.cards((
        Card(t("Initiatives", lang), i18n.number(row["initiatives"], lang)),
        Card(t("Per million inhabitants", lang), i18n.number(row["initiatives_per_million"], lang, 1)),
        Card(t("Member firms", lang), i18n.number(row["member_firms"], lang)),
        Card(t("Validated share", lang), i18n.percent(row["validated_share"], lang)),
    ))
    _chart(charts.ranking_bars(briefing.sector_frame(told.spotlight_sectors, lang, TOP_SECTORS), lang,
                               axis_title=t("Initiatives", lang)), "present_spotlight_sectors")


def show(context: state.Context) -> None:
    """Draw the current slide with the projector styles; called by app.py instead of the page."""
    lang, filters = context.lang, context.filters
    st.html(presenter.PAGE_CSS)
    position = min(max(st.session_state.get(SLIDE_KEY, 0), 0), len(SLIDES) - 1)
    controls(position, filters, lang)
    told = story.gather(data.query, filters, spotlight=st.session_state.get(SPOTLIGHT_KEY))
    names = data.reference().country_names(lang)
    # the slide takes the height the bar and the keys line leave; its chart, the height its title and figures leave
    with st.container(height="stretch", key="present_body"):
        if told.is_empty:
            st.title(i18n.t("The registry at a glance", lang))
            st.info(i18n.t("No initiative matches the filters. Clear some filters in the sidebar.", lang), icon=":material/filter_alt:")
        else:
            slide = SLIDES[position]
            if slide == "headline":
                headline_slide(told, lang, names)
            elif slide == "map":
                map_slide(told, lang, names)
            elif slide == "growth":
                growth_slide(told, lang)
            elif slide == "sectors":
                sector_slide(told, lang)
            else:
                spotlight_slide(told, lang, names)
    st.caption(i18n.t("← → · Page Up / Page Down · Space · Home / End: move between slides", lang))


def sidebar_controls(filters: Filters, lang: str) -> None:
    """The sidebar's switch into presenter mode, and the briefing export for the selection or one of its countries."""
    with st.sidebar:
        # a rule above the switch comes from the page style (app_support/chrome.py), not from one more element
        st.toggle(i18n.t("Presenter mode", lang), key=state.PRESENT_KEY, help=i18n.t("Slides of the current selection for a projector: "
                                                                                     "large type, high contrast, no sidebar. Also opened "
                                                                                     "by adding ?present=1 to the address.", lang))
        registered = data.query(queries.countries_in_registry)["iso2"].to_list()
        countries = [code for code in registered if not filters.countries or code in filters.countries]
        exports.briefing_controls(filters, lang, data.reference().country_names(lang), countries)
