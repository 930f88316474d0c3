"""An initiative's profile as labelled lines of plain text, shared by every page that opens one."""

from __future__ import annotations

import streamlit as st

from analytics import i18n
from analytics.reference import taxonomy
from viz.style import escape_markdown


def profile_fields(row: dict, lang: str, country_names: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) pairs in reading order; empty values are left out rather than shown as blanks."""
    t = i18n.t
    place = ", ".join(part for part in (row.get("city"), row.get("region_name"),
                                        country_names.get(row.get("country"), row.get("country"))) if part)
    sectors = ", ".join(taxonomy.label("eclac_sector", code, lang) for code in row.get("priority_sectors") or [])
    isic = ", ".join(f"{code} · {taxonomy.label('isic_section', code, lang)}" for code in row.get("isic_sections") or [])
    others = [row.get(f"members_{kind}") for kind in ("government", "academia", "civil_society")]
    fields = [
        (t("Type", lang), taxonomy.label("type", row.get("type"), lang)),
        (t("Status", lang), taxonomy.label("status", row.get("status"), lang)),
        (t("Place", lang), place),
        (t("Member firms", lang), i18n.number(row.get("member_firms"), lang)),
        (t("Other members", lang), t("government {government}, academia "
                                         "{academia}, civil society {civil}", lang, government=i18n.number(others[0] or 0, lang),
                                         academia=i18n.number(others[1] or 0, lang),
                                         civil=i18n.number(others[2] or 0, lang)) if any(others) else ""),
        (t("Driving sectors", lang), sectors or t("No driving sector", lang)),
        (t("ISIC sections", lang), isic),
        (t("Founded", lang), str(row["founded_year"]) if row.get("founded_year") else ""),
        (t("Registered", lang), i18n.date(row.get("registered_on"), lang) if row.get("registered_on") else ""),
        (i18n.tc("table column", "Validated", lang), i18n.date(row.get("validated_on"), lang) if row.get("validated_on") else ""),
        (t("Managing entity", lang), row.get("managing_entity") or ""),
        (t("Website", lang), row.get("website") or ""),
        (t("Registry id", lang), row.get("id") or ""),
    ]
    return [(label, value) for label, value in fields if value]


def show_profile(row: dict, lang: str, country_names: dict[str, str]) -> None:
    """The name as a heading and the fields as a list, every value escaped (a website is shown, not linked)."""
    st.markdown(f"#### {escape_markdown(row.get('name'))}")
    st.markdown("\n".join(f"- **{escape_markdown(label)}:** {escape_markdown(value)}"
                          for label, value in profile_fields(row, lang, country_names)))
