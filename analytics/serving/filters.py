"""The shared filter: one value that every page and every query takes.

It round-trips through a URL query string so that a copied link reopens the same view,
and compiles to a SQL condition with parameters (values are never formatted into SQL).
Unknown or malformed URL values are dropped, never raised: a hand-edited link still opens.
Each filter is one row (`FilterSpec`) declared with its field: the URL key, the accepted values, the SQL and the
sidebar widget are all read from the rows, as datasette's `filters.py` reads its table of filters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

from analytics.i18n import N_
from analytics.reference import taxonomy

ISO2 = re.compile(r"^[A-Z]{2}$")
ISO3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
# A link is typed or crafted by anyone: past this many characters a list parameter is not read (every country of the
# region, comma-separated, is under 100), so a megabyte of commas costs nothing; nor past this many repeats of its key.
MAX_PARAM_CHARS = 1000
MAX_PARAM_REPEATS = 10
CODE_KINDS = ("iso2", "region", "codes")  # a tuple of codes; "date" and "year" hold one value
KINDS = (*CODE_KINDS, "date", "year")
WIDGET_KINDS = ("multiselect", "date", "year range")
# the date fields' help: Streamlit's date field applies a typed date when its calendar closes (Esc), not on Enter
DATE_HELP = N_("Pick a day in the calendar, or type the date and press Esc to apply it.")


@dataclass(frozen=True)
class FilterSpec:
    """One filter, declared once beside its field of `Filters`: the URL, the SQL and the sidebar are derived from it.

    `kind` says what a value is and which are accepted: "iso2" (country codes), "region" (ISO 3166-2 codes of the
    gazetteer's regions), "codes" (the codes of the taxonomy table `vocabulary`), "date" or "year" (1900 to 2100).
    `sql` is a condition on the initiatives table, written `{alias}`; it takes the `bind` constants, then the value
    (a code list as one VARCHAR[]), each at a `?`: no value is ever formatted in. `lower` makes the row the upper
    end of a range whose lower end is that field (a link with the ends crossed drops both). Rows with the same
    `widget_key` are drawn as one widget (the founded years' range slider).
    """

    url_key: str
    kind: str
    label: str  # the widget's label: English, marked N_() and translated by i18n.t
    widget: str  # "multiselect", "date" or "year range"
    sql: str
    vocabulary: str | None = None
    bind: tuple[object, ...] = ()
    lower: str | None = None
    help: str | None = None  # English, marked N_() like the label
    more: bool = False  # drawn inside the sidebar's "More filters"
    code_shown: bool = False  # the widget shows each code beside its name
    widget_key: str = ""  # default: filter_<field>
    field: str = ""  # filled in from the declaration

    def __post_init__(self) -> None:
        # a mistyped row fails when the module is imported, not when a reader first uses the filter
        if self.kind not in KINDS or self.widget not in WIDGET_KINDS or (self.kind == "codes") != bool(self.vocabulary):
            raise ValueError(f"filter {self.url_key!r}: kind {self.kind!r}, widget {self.widget!r}, vocabulary {self.vocabulary!r}")
        if self.sql.count("?") != len(self.bind) + 1:
            raise ValueError(f"filter {self.url_key!r}: its SQL needs one ? per bound constant and one for the value")

    def condition(self, alias: str, value: object) -> tuple[str, list]:
        """The SQL condition for `value` and its parameters."""
        if not alias.isidentifier():
            raise ValueError(f"not an alias: {alias!r}")
        return self.sql.format(alias=alias), [*self.bind, list(value) if self.kind in CODE_KINDS else value]


def filter_row(**spec: Any) -> Any:
    """A field of `Filters` and its row: empty by default (no code chosen, no bound)."""
    default = () if spec["kind"] in CODE_KINDS else None
    return field(default=default, metadata={"filter": FilterSpec(**spec)})


def _list(column: str) -> str:
    """A code list matched against one column of the initiatives table."""
    return f"list_contains(?::VARCHAR[], {{alias}}.{column})"


# initiatives tagged with one of the codes in one sector scheme (bound first)
_IN_SCHEME = "{alias}.id IN (SELECT initiative_id FROM initiative_sectors WHERE scheme = ? AND list_contains(?::VARCHAR[], sector))"


@dataclass(frozen=True)
class Filters:
    """Every filter, one row each, in the order the sidebar draws them and the URL lists them.

    Adding a filter is one field here (its row) and the translation of its label (make messages): see README, "Adding a filter".
    """

    countries: tuple[str, ...] = filter_row(
        url_key="country", kind="iso2", label=N_("Countries"), widget="multiselect", sql=_list("country"))
    regions: tuple[str, ...] = filter_row(
        url_key="region", kind="region", label=N_("Admin-1 regions"), widget="multiselect", sql=_list("region"),
        help=N_("Departments, states, provinces (ISO 3166-2). Choose countries first to shorten the list."))
    sectors: tuple[str, ...] = filter_row(
        url_key="sector", kind="codes", vocabulary="eclac_sector", label=N_("ECLAC driving sectors"), widget="multiselect",
        sql=_IN_SCHEME, bind=("eclac_sector",))
    types: tuple[str, ...] = filter_row(
        url_key="type", kind="codes", vocabulary="type", label=N_("Types of initiative"), widget="multiselect", sql=_list("type"))
    subregions: tuple[str, ...] = filter_row(
        url_key="subregion", kind="codes", vocabulary="subregion", label=N_("Subregions"), widget="multiselect",
        more=True, sql="{alias}.country IN (SELECT iso2 FROM countries WHERE list_contains(?::VARCHAR[], subregion))")
    statuses: tuple[str, ...] = filter_row(
        url_key="status", kind="codes", vocabulary="status", label=N_("Status"), widget="multiselect", more=True,
        sql=_list("status"))
    isic_sections: tuple[str, ...] = filter_row(
        url_key="isic", kind="codes", vocabulary="isic_section", label=N_("ISIC sections"), widget="multiselect",
        more=True, code_shown=True, sql=_IN_SCHEME, bind=("isic_section",))
    size_classes: tuple[str, ...] = filter_row(
        url_key="size", kind="codes", vocabulary="size_class", label=N_("Member firm size"), widget="multiselect",
        more=True, help=N_("Counts only member firms of these sizes, in initiatives that have any."),
        sql="{alias}.key IN (SELECT initiative_key FROM initiative_firm_counts WHERE list_contains(?::VARCHAR[], size_class))")
    registered_from: dt.date | None = filter_row(
        url_key="from", kind="date", label=N_("Registered from"), widget="date", more=True, help=DATE_HELP,
        sql="{alias}.registered_on >= ?")
    registered_to: dt.date | None = filter_row(
        url_key="to", kind="date", label=N_("Registered until"), widget="date", more=True, help=DATE_HELP,
        sql="{alias}.registered_on <= ?", lower="registered_from")
    founded_from: int | None = filter_row(
        url_key="founded_from", kind="year", label=N_("Founded between"), widget="year range", more=True,
        widget_key="filter_founded", sql="{alias}.founded_year >= ?")
    founded_to: int | None = filter_row(
        url_key="founded_to", kind="year", label=N_("Founded between"), widget="year range", more=True,
        widget_key="filter_founded", sql="{alias}.founded_year <= ?", lower="founded_from")

    def __post_init__(self) -> None:
        # sorted, de-duplicated tuples: equal filters are equal values and equal cache keys
        for spec in specs(type(self)):
            if spec.kind in CODE_KINDS:
                object.__setattr__(self, spec.field, tuple(sorted(set(getattr(self, spec.field)))))

    @property
    def is_empty(self) -> bool:
        return self == type(self)()

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
        for spec in specs(type(self)):
            value = getattr(self, spec.field)
            if _is_set(value):
                params[spec.url_key] = _written(spec, value)
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]) -> Filters:
        rows = specs(cls)
        values = {spec.field: _read(spec, params.get(spec.url_key)) for spec in rows}
        for spec in rows:
            if spec.lower and values[spec.lower] and values[spec.field] and values[spec.lower] > values[spec.field]:
                values[spec.lower] = values[spec.field] = None
        return cls(**values)

    def where(self, alias: str = "i") -> tuple[str, list]:
        """A SQL condition on the initiatives table (under `alias`) and its parameters."""
        conditions: list[str] = []
        params: list = []
        for spec in specs(type(self)):
            value = getattr(self, spec.field)
            if _is_set(value):
                condition, values = spec.condition(alias, value)
                conditions.append(condition)
                params.extend(values)
        return (" AND ".join(conditions) or "TRUE"), params

    def firm_where(self, alias: str = "f") -> tuple[str, list]:
        """Which member firms count: with a size filter, only firms of those sizes."""
        if self.size_classes:
            return f"list_contains(?::VARCHAR[], {alias}.size_class)", [list(self.size_classes)]
        return "TRUE", []


@cache
def specs(cls: type[Filters] = Filters) -> tuple[FilterSpec, ...]:
    """The rows of `cls` (Filters, or a subclass that adds rows), in declaration order."""
    return tuple(replace(f.metadata["filter"], field=f.name) for f in fields(cls))


URL_KEYS = tuple(spec.url_key for spec in specs())


@dataclass(frozen=True)
class FilterWidget:
    """One sidebar widget: the rows it sets (one, or a range's two ends drawn as one) and its session key."""

    key: str
    rows: tuple[FilterSpec, ...]

    @property
    def kind(self) -> str:
        return self.rows[0].widget

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(spec.field for spec in self.rows)

    def value(self, filters: Filters) -> object:
        """What the widget holds for `filters`: a list of codes, a date or None, a (from, to) pair."""
        values = [getattr(filters, name) for name in self.fields]
        if self.kind == "multiselect":
            return list(values[0])
        return tuple(values) if len(values) > 1 else values[0]


def widgets(rows: Sequence[FilterSpec] | None = None) -> tuple[FilterWidget, ...]:
    """The sidebar's widgets, in the rows' order; rows sharing a widget key make one widget."""
    grouped: dict[str, list[FilterSpec]] = {}
    for spec in specs() if rows is None else rows:
        grouped.setdefault(spec.widget_key or f"filter_{spec.field}", []).append(spec)
    return tuple(FilterWidget(key, tuple(group)) for key, group in grouped.items())


def _is_set(value: object) -> bool:
    return value is not None and value != ()


def _written(spec: FilterSpec, value: Any) -> str:
    if spec.kind in CODE_KINDS:
        return ",".join(value)
    return value.isoformat() if spec.kind == "date" else str(value)


def _read(spec: FilterSpec, raw: str | list[str] | None) -> object:
    """The row's value from a URL parameter; what is malformed or unknown is dropped."""
    if spec.kind == "date":
        return _parse_date(_single(raw))
    if spec.kind == "year":
        return _parse_year(_single(raw))
    if not raw:
        return ()
    parts = [raw] if isinstance(raw, str) else list(raw)[:MAX_PARAM_REPEATS]
    items = [item.strip() for part in parts for item in str(part)[:MAX_PARAM_CHARS].split(",")]
    if spec.kind == "iso2":
        return tuple(item.upper() for item in items if ISO2.match(item.upper()))
    if spec.kind == "region":
        known = _known_regions()
        return tuple(item.upper() for item in items if item.upper() in known)
    allowed = taxonomy.codes(spec.vocabulary or "")
    return tuple(item for item in items if item in allowed)


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
    """A year from 1900 to 2100; anything else is dropped. Only four significant digits are converted: `int` refuses a
    string of more than 4,300 digits with an error (a crafted link), and any longer number is out of range anyway."""
    digits = (value or "").strip()
    significant = digits.lstrip("0")
    if digits.isdigit() and len(significant) == 4 and 1900 <= int(significant) <= 2100:
        return int(significant)
    return None

