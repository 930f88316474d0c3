"""The shared filter: one value that every page and every query takes.

It round-trips through a URL query string so that a copied link reopens the same view,
and compiles to a SQL condition with parameters (values are never formatted into SQL).
Unknown or malformed URL values are dropped, never raised: a hand-edited link still opens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from analytics.reference import taxonomy

ISO2 = re.compile(r"^[A-Z]{2}$")
ISO3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

# URL key → Filters field, for the list-valued fields, with the codes each accepts
LIST_FIELDS = {
    "country": "countries",
    "region": "regions",
    "subregion": "subregions",
    "type": "types",
    "status": "statuses",
    "sector": "sectors",
    "isic": "isic_sections",
    "size": "size_classes",
}
ALLOWED = {
    "subregions": taxonomy.codes("subregion"),
    "types": taxonomy.codes("type"),
    "statuses": taxonomy.codes("status"),
    "sectors": taxonomy.codes("eclac_sector"),
    "isic_sections": taxonomy.codes("isic_section"),
    "size_classes": taxonomy.codes("size_class"),
}
DATE_FIELDS = {"registered_from": "from", "registered_to": "to"}
YEAR_FIELDS = {"founded_from": "founded_from", "founded_to": "founded_to"}
URL_KEYS = (*LIST_FIELDS, *DATE_FIELDS.values(), *YEAR_FIELDS.values())
# A link is typed or crafted by anyone: past this many characters a list parameter is not read (every country of the
# region, comma-separated, is under 100), so a megabyte of commas costs nothing.
MAX_PARAM_CHARS = 1000


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # ISO 3166-2 codes of admin-1 regions
    subregions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    isic_sections: tuple[str, ...] = ()
    size_classes: tuple[str, ...] = ()
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None
    founded_from: int | None = None
    founded_to: int | None = None

    def __post_init__(self) -> None:
        # sorted, de-duplicated tuples: equal filters are equal values and equal cache keys
        for name in LIST_FIELDS.values():
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    @property
    def regions_outside_countries(self) -> tuple[str, ...]:
        """Chosen regions that lie in none of the chosen countries: with them the selection is empty."""
        if not self.countries:
            return ()
        return tuple(code for code in self.regions if code.split("-")[0] not in self.countries)

    def replace(self, **changes) -> Filters:
        return replace(self, **changes)

    def to_query_params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        for key, name in LIST_FIELDS.items():
            if getattr(self, name):
                params[key] = ",".join(getattr(self, name))
        for name, key in DATE_FIELDS.items():
            if getattr(self, name):
                params[key] = getattr(self, name).isoformat()
        for name, key in YEAR_FIELDS.items():
            if getattr(self, name) is not None:
                params[key] = str(getattr(self, name))
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]) -> Filters:
        values: dict = {}
        for key, name in LIST_FIELDS.items():
            raw = params.get(key)
            if not raw:
                continue
            parts = ([raw] if isinstance(raw, str) else list(raw)[:10])
            items = [item.strip() for part in parts for item in str(part)[:MAX_PARAM_CHARS].split(",")]
            if name == "countries":
                values[name] = tuple(item.upper() for item in items if ISO2.match(item.upper()))
            elif name == "regions":
                known = _known_regions()
                values[name] = tuple(item.upper() for item in items if item.upper() in known)
            else:
                values[name] = tuple(item for item in items if item in ALLOWED[name])
        for name, key in DATE_FIELDS.items():
            values[name] = _parse_date(_single(params.get(key)))
        for name, key in YEAR_FIELDS.items():
            values[name] = _parse_year(_single(params.get(key)))
        if values["registered_from"] and values["registered_to"] and values["registered_from"] > values["registered_to"]:
            values["registered_from"] = values["registered_to"] = None
        if values["founded_from"] and values["founded_to"] and values["founded_from"] > values["founded_to"]:
            values["founded_from"] = values["founded_to"] = None
        return cls(**values)

    def where(self, alias: str = "i") -> tuple[str, list]:
        """A SQL condition on the initiatives table (under `alias`) and its parameters."""
        conditions: list[str] = []
        params: list = []

        def add(condition: str, *values) -> None:
            conditions.append(condition)
            params.extend(values)

        if self.countries:
            add(f"list_contains(?::VARCHAR[], {alias}.country)", list(self.countries))
        if self.regions:
            add(f"list_contains(?::VARCHAR[], {alias}.region)", list(self.regions))
        if self.subregions:
            add(f"{alias}.country IN (SELECT iso2 FROM countries WHERE list_contains(?::VARCHAR[], subregion))",
                list(self.subregions))
        if self.types:
            add(f"list_contains(?::VARCHAR[], {alias}.type)", list(self.types))
        if self.statuses:
            add(f"list_contains(?::VARCHAR[], {alias}.status)", list(self.statuses))
        for scheme, chosen in (("eclac_sector", self.sectors), ("isic_section", self.isic_sections)):
            if chosen:
                add(f"{alias}.id IN (SELECT initiative_id FROM initiative_sectors "
                    f"WHERE scheme = ? AND list_contains(?::VARCHAR[], sector))", scheme, list(chosen))
        if self.registered_from:
            add(f"{alias}.registered_on >= ?", self.registered_from)
        if self.registered_to:
            add(f"{alias}.registered_on <= ?", self.registered_to)
        if self.founded_from is not None:
            add(f"{alias}.founded_year >= ?", self.founded_from)
        if self.founded_to is not None:
            add(f"{alias}.founded_year <= ?", self.founded_to)
        if self.size_classes:
            add(f"{alias}.key IN (SELECT initiative_key FROM initiative_firm_counts "
                f"WHERE list_contains(?::VARCHAR[], size_class))", list(self.size_classes))
        return (" AND ".join(conditions) or "TRUE"), params

    def firm_where(self, alias: str = "f") -> tuple[str, list]:
        """Which member firms count: with a size filter, only firms of those sizes."""
        if self.size_classes:
            return f"list_contains(?::VARCHAR[], {alias}.size_class)", [list(self.size_classes)]
        return "TRUE", []


def _known_regions() -> frozenset[str]:
    """The ISO 3166-2 codes of the gazetteer's admin-1 regions: the codes the database's `regions` table holds."""
    from analytics.reference import gazetteer  # its reference files are read on first use, not when filters are imported

    return frozenset(region.code for region in gazetteer.regions())


def _single(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parse_year(value: str | None) -> int | None:
    if value and value.strip().isdigit() and 1900 <= int(value) <= 2100:
        return int(value)
    return None


FIELD_NAMES = tuple(f.name for f in fields(Filters))
