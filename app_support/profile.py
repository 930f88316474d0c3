"""An initiative's profile as labelled lines of plain text, shared by every page that opens one."""

from __future__ import annotations

import streamlit as st

from analytics import i18n
from analytics.reference import taxonomy
from app_support.chrome import escape_markdown


def profile_fields(row: dict, lang: str, country_names: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) pairs in reading order; empty values are left out rather than shown as blanks."""
    t = i18n.t
    place = ", ".join(part for part in (row.get("city"), row.get("region_name"),
                                        country_names.get(row.get("country"), row.get("country"))) if part)
    sectors = ", ".join(taxonomy.label("eclac_sector", code, lang) for code in row.get("priority_sectors") or [])
    isic = ", ".join(f"{code} · {taxonomy.label('isic_section', code, lang)}" for code in row.get("isic_sections") or [])
    others = [row.get(f"members_{kind}") for kind in ("government", "academia", "civil_society")]
    fields = [
        (t("col.type", lang), taxonomy.label("type", row.get("type"), lang)),
        (t("col.status", lang), taxonomy.label("status", row.get("status"), lang)),
        (t("tip.place", lang), place),
        (t("col.member_firms", lang), i18n.number(row.get("member_firms"), lang)),
        (t("col.other_members", lang), t("col.other_members_value", lang, government=i18n.number(others[0] or 0, lang),
                                         academia=i18n.number(others[1] or 0, lang),
                                         civil=i18n.number(others[2] or 0, lang)) if any(others) else ""),
        (t("col.sectors", lang), sectors or t("group.no_sector", lang)),
        (t("col.isic_sections", lang), isic),
        (t("col.founded", lang), str(row["founded_year"]) if row.get("founded_year") else ""),
        (t("col.registered", lang), i18n.date(row.get("registered_on"), lang) if row.get("registered_on") else ""),
        (t("col.validated", lang), i18n.date(row.get("validated_on"), lang) if row.get("validated_on") else ""),
        (t("col.managing_entity", lang), row.get("managing_entity") or ""),
        (t("col.website", lang), row.get("website") or ""),
        (t("col.id", lang), row.get("id") or ""),
    ]
    return [(label, value) for label, value in fields if value]


def show_profile(row: dict, lang: str, country_names: dict[str, str]) -> None:
    """The name as a heading and the fields as a list, every value escaped (a website is shown, not linked)."""
    st.markdown(f"#### {escape_markdown(row.get('name'))}")
    st.markdown("\n".join(f"- **{escape_markdown(label)}:** {escape_markdown(value)}"
                          for label, value in profile_fields(row, lang, country_names)))
