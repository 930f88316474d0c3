"""What frames every page: the synthetic-data notice, the data's vintage, and the missing-database message.

Registry text shown through Streamlit's Markdown (titles, captions) goes through
`escape_markdown`: Markdown would otherwise turn `*`, `[...](...)` or `$...$` in a name into
formatting, links or formulas. The only raw HTML is the page style and the cards, whose every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import streamlit as st
from streamlit.logger import get_logger

from analytics import i18n
from analytics.i18n import N_
from analytics.serving.db import DatabaseMissing, database_path
from app_support import state
from app_support.state import PRESENT_KEY
from viz import style
from viz.cards import CARD_CSS, Card, cards_html
from viz.style import escape_markdown

_LOG = get_logger("iapt.app")
# Streamlit draws a caption in the text colour at 60% opacity: #777d85 on white, 4.15:1, under WCAG 2.1 AA's
# 4.5:1 for text (axe-core flagged it on every page). A solid grey of its hue reads at 5.98:1 on white and
# 5.47:1 on the sidebar's #f2f5f9, and still reads as secondary. The same goes for the cyan (#00a4d4, 2.8:1)
# in which a code block highlights a command's options: a darker cyan reads at 4.7:1 on its #f9fafc.
CAPTION_COLOUR = "#5c6470"
CODE_OPTION_COLOUR = "#007a9e"
# why the database cannot be used (analytics.serving.db's reasons) → what the page says
MISSING_REASONS = {
    "missing": N_("There is no database file yet."),
    "unreadable": N_("The file there is not a database this app can open."),
    "truncated": N_("The database file is cut short: it was not copied whole."),
    "tables": N_("The database was built by another version of the app: tables are missing."),
    "version": N_("The database was built by another version of the app."),
    "damaged": N_("The database file is damaged and cannot be read."),
}
PAGE_CSS = f"""<style>{CARD_CSS}
.st-key-app_footer, .st-key-{PRESENT_KEY} {{ border-top: 1px solid rgba(28, 39, 51, 0.2); padding-top: 1rem;
  margin-top: 1rem; }}
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; color: {CAPTION_COLOUR} !important; }}
[data-testid="stCode"] .token.parameter, [data-testid="stCode"] .token.variable,
pre .token.parameter, pre .token.variable {{ color: {CODE_OPTION_COLOUR} !important; }}
</style>"""


def page_style(lang: str) -> None:
    """What every page needs before it draws: captions and code at AA contrast, the cards' looks, and "download as
    SVG" on charts; one element (each element is work on every rerun)."""
    st.html(PAGE_CSS + style.svg_download_script(i18n.t("Download plot as an SVG (vector)", lang)), unsafe_allow_javascript=True)


def cards(shown: Sequence[Card], columns: int = 4) -> None:
    """Headline figures as one element (viz/cards.py); every label and value escaped."""
    st.html(cards_html(shown, columns))


def synthetic_notice(info: dict, lang: str) -> None:
    """On every page; on a slide, in one short line that leaves the projector's height to the slide."""
    if info.get("synthetic"):
        short = N_("Synthetic demonstration data, not ECLAC's registry")
        full = N_("Synthetic demonstration data: every initiative, firm and figure on this page was generated for testing. "
                  "It is not ECLAC's registry.")
        st.warning(i18n.t(short if state.presenting() else full, lang),
                   icon=":material/science:")


def regions_outside_notice(filters, lang: str) -> None:
    """Say why the selection is empty when a chosen region lies outside every chosen country."""
    if filters.regions_outside_countries:
        st.warning(i18n.t("The region filter holds {regions}, which lie in none of the chosen countries: no initiative can match. Remove "
                          "those regions or add their "
                          "country.", lang, regions=escape_markdown(", ".join(filters.regions_outside_countries))),
                   icon=":material/wrong_location:")


def vintage(info: dict, lang: str) -> str:
    """Built when, from what (file name and checksum prefix), with the population figures' vintage."""
    text = i18n.t(
        "Data built {built} from the export “{source}” (checksum {checksum}) · {initiatives} initiatives, {firms} firms · population: "
        "{population}", lang,
        built=i18n.timestamp(info.get("built_at"), lang),
        source=Path(info.get("source_path") or "?").name,
        checksum=(info.get("source_checksum") or "")[:12],
        initiatives=i18n.number(info.get("rows_initiatives"), lang),
        firms=i18n.number(info.get("rows_firms"), lang),
        population=i18n.sources(info.get("population_vintage"), lang),
    )
    if info.get("demo_seed") is not None:
        scale = info.get("demo_scale")
        text += " · " + i18n.t("demo seed {seed}, scale {scale}", lang, seed=info["demo_seed"],
                               scale=i18n.number(scale, lang, 0 if scale == int(scale or 0) else 2))
    return text


def footer(info: dict, lang: str) -> None:
    # keyed, so that presenter mode's page style can leave it off the slides (the briefing carries the vintage)
    # the rule above it is the container's top border (PAGE_CSS): a divider would be one more element on every rerun
    with st.container(key="app_footer"):
        st.caption(escape_markdown(vintage(info, lang)))


def database_missing(path: Path, lang: str, reason: str = "missing") -> None:
    """The page every visitor sees while the database cannot be used: what is wrong in words, and what to do."""
    st.title(i18n.t("IAPT Atlas", lang))
    st.error(i18n.t("The registry database is not available", lang), icon=":material/database_off:")
    st.write(escape_markdown(i18n.t(MISSING_REASONS[reason], lang)))
    st.write(escape_markdown(i18n.t("The app looked for the database at {path}. Build the demo registry, or a real export, with one of "
                                    "these commands and reload this page.", lang, path=path)))
    # `make db` builds the demo only where there is no file: a file that is there but unusable goes first
    demo = "make db" if reason == "missing" else f"rm {path} && make db DB={path}"
    st.code(f"{demo}\n.venv/bin/iapt build EXPORT --db {path}", language="bash")


def heading(title: str, intro: str, lang: str) -> None:
    """A page's title and the line under it that says what the page shows (English msgids, marked N_ by the page)."""
    st.title(i18n.t(title, lang))
    st.caption(i18n.t(intro, lang))


def unexpected_error(lang: str) -> None:
    """Shown instead of a stack trace: the trace goes to the server's log (see app.py), never to the visitor."""
    st.error(i18n.t("Something went wrong on this page", lang), icon=":material/error:")
    st.write(i18n.t("The problem has been recorded for the people who run this site. Try another page, or change the filters and try "
                    "again.", lang))


@contextmanager
def errors_shown(lang: str) -> Iterator[None]:
    """Around a page (app.py) or a part of one that reruns on its own (a fragment): a registry that cannot be used
    gets the same clear page for every visitor, any other error a short message; the detail goes to the log."""
    try:
        yield
    except DatabaseMissing as error:
        # a missing, cut-short or outdated file: the same clear page for every visitor, the detail in the server's log
        _LOG.warning("registry database not available: %s", error)
        database_missing(database_path(), lang, error.reason)
    except duckdb.Error:
        _LOG.exception("registry database failed while serving a page")
        database_missing(database_path(), lang, "damaged")
    except Exception:
        # never a stack trace to a visitor (client.showErrorDetails is "none" as well): a short message, the trace logged
        _LOG.exception("unexpected error while serving a page")
        unexpected_error(lang)
