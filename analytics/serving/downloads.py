"""What the user filtered, as files that say where they came from: CSV, Excel and GeoJSON.

A file that leaves the app loses the page around it, so each one carries the filters that
made it and the vintage of the data (when the database was built, from which export, its
checksum, whether it is synthetic). The same metadata travels in each format's own way:

- CSV: the header on the first line, then the rows, in UTF-8 with a byte-order mark, so that
  Excel (which otherwise guesses a Windows code page and garbles accents), `pandas.read_csv`
  and `polars.read_csv` all open it with no options. The metadata travels beside it, in a
  second small CSV of `key,value` rows (`metadata_csv`, its own download): lines of metadata
  above the header made every reader need options, and Excel showed them as rows.
- Excel: a sheet with the rows, and a sheet named "metadata" with one key and value a row.
- GeoJSON: one Point feature per initiative (longitude, latitude as RFC 7946 asks); the
  metadata sits in the FeatureCollection's `properties` (a foreign member that GIS tools may
  drop), so every feature also carries `synthetic` and `data_built_at`.

Values are written verbatim (a name stays `<img src=x onerror=alert(1)>`) and codes stay
codes (`agri`, `validated`). `in_language` gives a CSV or workbook the reader's headers and puts
each code's name in a column beside the code's own, so a file can be read by a person and
joined by a program; the Data and methods page lists every code in three languages.
Spreadsheet formula injection is prevented in the Excel file, where text is always stored as
text; a CSV is plain data, and a name that starts with `=` stays as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import polars as pl
import xlsxwriter

from analytics import i18n, safe_csv
from analytics.i18n import N_
from analytics.reference import taxonomy
from analytics.serving import queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters

APP = "IAPT Atlas"
# Excel on Windows reads a CSV as UTF-8 only when it starts with this; pandas and polars skip it
BYTE_ORDER_MARK = "\ufeff"
METADATA_SHEET = "metadata"
METADATA_SUFFIX = "-metadata.csv"
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}
# A GeoJSON point carries its position in the geometry, not again among the properties.
POSITION_COLUMNS = ("latitude", "longitude")


@dataclass(frozen=True)
class Metadata:
    """Where a downloaded file came from: the view (filters, search, order) and the data's vintage."""

    dataset: str
    rows: int
    exported_at: dt.datetime
    filters: dict[str, str]
    built_at: dt.datetime | None
    source: str
    checksum: str
    synthetic: bool
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def filters_query(self) -> str:
        """The filters as a URL query string: appended to the app's address after `?`, it reopens the same view."""
        return urlencode(self.filters, safe=",")

    def pairs(self) -> list[tuple[str, str]]:
        """Flat key–value pairs, in a fixed order, for the CSV comment lines and the Excel metadata sheet."""
        pairs = [
            ("app", APP),
            ("dataset", self.dataset),
            ("rows", str(self.rows)),
            ("exported_at", self.exported_at.isoformat(timespec="seconds")),
            ("filters", self.filters_query),
            *self.extra.items(),
            ("data_built_at", self.built_at.isoformat(timespec="seconds") if self.built_at else ""),
            ("data_source", self.source),
            ("data_checksum_sha256", self.checksum),
            ("data_synthetic", "true" if self.synthetic else "false"),
        ]
        if self.synthetic:
            pairs.append(("notice", "Synthetic demonstration data, generated for testing: not ECLAC's registry."))
        return pairs

    def as_json(self) -> dict:
        """The same facts for JSON, with the filters as an object and typed values."""
        flat = dict(self.pairs())
        return {
            **flat,
            "rows": self.rows,
            "filters": dict(self.filters),
            "filters_query": self.filters_query,
            "data_synthetic": self.synthetic,
        }


def metadata(db: Database, filters: Filters, dataset: str, rows: int, *, extra: dict[str, str] | None = None,
             exported_at: dt.datetime | None = None) -> Metadata:
    """The metadata of a download of `rows` rows made with `filters` from the database as it is now.

    The source is named by its last path component: the export's file or folder name says which
    export it was, and the server's directory layout is nobody's business.
    """
    info = queries.build_info(db)
    vintage = info.row(0, named=True) if info.height else {}
    source = vintage.get("source_path") or ""
    return Metadata(
        dataset=dataset,
        rows=rows,
        exported_at=exported_at or dt.datetime.now().replace(microsecond=0),
        filters=filters.to_query_params(),
        built_at=vintage.get("built_at"),
        source=Path(source).name if source else "",
        checksum=vintage.get("source_checksum") or "",
        synthetic=bool(vintage.get("synthetic")),
        extra=extra or {},
    )


@dataclass(frozen=True)
class Download:
    """One file to hand to the browser."""

    data: bytes
    file_name: str
    media_type: str


def initiatives(db: Database, filters: Filters, search: str = "", sort: str = "registered_on",
                descending: bool = True) -> tuple[pl.DataFrame, Metadata]:
    """Every initiative the Explorer lists for this view, in its order, and the metadata describing the view."""
    frame = queries.initiative_rows(db, filters, search=search, sort=sort, descending=descending)
    extra = {"search": search, "sort": f"{sort} {'descending' if descending else 'ascending'}"}
    return frame, metadata(db, filters, "initiatives", frame.height, extra=extra)


def points(db: Database, filters: Filters) -> tuple[pl.DataFrame, Metadata]:
    """Every initiative the map shows for these filters, as points, and the metadata."""
    frame = queries.map_points(db, filters)
    return frame, metadata(db, filters, "initiatives as points", frame.height)


# code column → the code list (analytics.reference.taxonomy) that names its codes; "country" is named from the database.
# The list columns hold several codes separated by ";".
CODE_COLUMNS = {**taxonomy.CODE_LIST_OF_COLUMN, "country": "country"}
LIST_SEPARATOR = ";"
# column → its header (English msgids, translated by i18n.t)
HEADERS = {
    "id": N_("Registry id"), "name": N_("Initiative"), "type": N_("Type"), "status": N_("Status"), "country": N_("Country"),
    "region": N_("Admin-1 region (ISO 3166-2)"), "region_name": N_("Admin-1 region"), "city": N_("City"),
    "latitude": N_("Latitude"), "longitude": N_("Longitude"), "registered_on": N_("Registered on"),
    "validated_on": N_("Validated on"), "founded_year": N_("Year founded"), "primary_sector": N_("Primary driving sector"),
    "primary_isic": N_("Primary ISIC section"), "member_firms": N_("Member firms"), "synthetic": N_("Synthetic data"),
    "sectors": N_("Driving sectors"), "isic_sections": N_("ISIC sections"), "managing_entity": N_("Managing entity"),
    "website": N_("Website"),
}


def in_language(frame: pl.DataFrame, lang: str, country_names: dict[str, str]) -> pl.DataFrame:
    """The columns under headers in `lang` (`HEADERS`); beside each code column,
    under the plain header, the codes' names, the codes themselves staying in their own column ("Type (code)")."""
    columns = []
    for column in frame.columns:
        header = i18n.t(HEADERS[column], lang)
        scheme = CODE_COLUMNS.get(column)
        if scheme is None:
            columns.append(pl.col(column).alias(header))
            continue
        names = country_names if scheme == "country" else taxonomy.labels(scheme, lang)
        named = [None if codes is None else f"{LIST_SEPARATOR} ".join(names.get(code, code) for code in codes.split(LIST_SEPARATOR))
                 for codes in frame[column]]
        columns.append(pl.col(column).alias(i18n.t("{column} (code)", lang, column=header)))
        columns.append(pl.Series(header, named, dtype=pl.String))
    return frame.select(columns)


def regions(db: Database, filters: Filters) -> tuple[pl.DataFrame, Metadata]:
    """Every region in scope with its figures (`queries.region_figures`; white spots are the rows with no initiative),
    leading sectors `;`-joined, and where its population figure comes from in the metadata."""
    frame = queries.region_figures(db, filters)
    sources = frame["population_source"].unique().drop_nulls().to_list()
    frame = frame.with_columns(pl.col("leading_sectors").list.join(";"), (pl.col("initiatives") == 0).alias("white_spot")) \
        .drop("population_source")
    return frame, metadata(db, filters, "regions", frame.height, extra={"population": "; ".join(sources)})


def to_csv(frame: pl.DataFrame, meta: Metadata, *, raw: bool = False) -> bytes:
    """UTF-8 CSV with a byte-order mark: the header, then the rows (text quoted, dates as YYYY-MM-DD).

    A text cell a spreadsheet would run as a formula starts with `'` (analytics/safe_csv.py); `raw` keeps
    every value as stored, for programs. `meta` is not written here: it goes in the sidecar file that
    `metadata_csv` makes.
    """
    body = safe_csv.write_csv(frame, raw=raw, quote_style="non_numeric", date_format="%Y-%m-%d")
    return (BYTE_ORDER_MARK + body).encode("utf-8")


def metadata_csv(meta: Metadata) -> bytes:
    """The CSV's sidecar: a header `key,value`, then one line per fact of `Metadata.pairs`, in the same encoding."""
    keys, values = zip(*meta.pairs(), strict=True)
    # the search a reader typed is among the values: neutralised like any other cell
    body = safe_csv.write_csv(pl.DataFrame({"key": list(keys), "value": list(values)}), quote_style="non_numeric")
    return (BYTE_ORDER_MARK + body).encode("utf-8")


def read_csv_export(data: bytes | str | Path, metadata: bytes | str | Path | None = None) -> tuple[pl.DataFrame, dict[str, str]]:
    """Read a CSV written by `to_csv` (dates parsed), and the metadata from its sidecar when given."""
    frame = pl.read_csv(_bytes(data), try_parse_dates=True, infer_schema_length=None)
    meta: dict[str, str] = {}
    if metadata is not None:
        pairs = pl.read_csv(_bytes(metadata), schema={"key": pl.String, "value": pl.String})
        meta = {key: value or "" for key, value in pairs.iter_rows()}
    return frame, meta


def _bytes(data: bytes | str | Path) -> io.BytesIO:
    return io.BytesIO(Path(data).read_bytes() if isinstance(data, str | Path) else data)


def to_xlsx(frame: pl.DataFrame, meta: Metadata, sheet: str = "initiatives") -> bytes:
    """An Excel workbook: the rows on `sheet` (dates as dates, text always as text) and a "metadata" sheet.

    Left to its defaults, xlsxwriter would turn text starting with `=` into a formula, text that
    looks like a URL into a link and text that looks like a number into a number; registry text
    must arrive exactly as it was typed. Constant-memory mode keeps a 50,000-row export from
    holding every cell in the server's memory at once.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "default_date_format": "yyyy-mm-dd",
    })
    header_format = workbook.add_format({"bold": True})
    rows_sheet = workbook.add_worksheet(sheet)
    rows_sheet.write_row(0, 0, frame.columns, header_format)
    for column, name in enumerate(frame.columns):
        rows_sheet.set_column(column, column, min(max(len(name), 10), 40))
    for row, values in enumerate(frame.iter_rows(), start=1):
        rows_sheet.write_row(row, 0, values)
    rows_sheet.freeze_panes(1, 0)
    meta_sheet = workbook.add_worksheet(METADATA_SHEET)
    meta_sheet.write_row(0, 0, ("key", "value"), header_format)
    for row, pair in enumerate(meta.pairs(), start=1):
        meta_sheet.write_row(row, 0, pair)
    meta_sheet.set_column(0, 0, 22)
    meta_sheet.set_column(1, 1, 80)
    workbook.close()
    return buffer.getvalue()


def to_geojson(frame: pl.DataFrame, meta: Metadata) -> bytes:
    """A GeoJSON FeatureCollection of points; rows without a position are left out and counted in the metadata."""
    placed = frame.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    built_at = meta.built_at.isoformat(timespec="seconds") if meta.built_at else None
    properties = [column for column in placed.columns if column not in POSITION_COLUMNS]
    features = []
    for row in placed.iter_rows(named=True):
        values = {column: _json_value(row[column]) for column in properties}
        values.setdefault("synthetic", meta.synthetic)
        values["data_built_at"] = built_at
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": values,
        })
    collection = {
        "type": "FeatureCollection",
        "properties": {**meta.as_json(), "rows_without_position": frame.height - placed.height},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def _json_value(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def build(fmt: str, frame: pl.DataFrame, meta: Metadata, stem: str) -> Download:
    """The file in one format, named after what it holds and the day it was exported."""
    writers = {"csv": to_csv, "xlsx": to_xlsx, "geojson": to_geojson}
    if fmt not in writers:
        raise ValueError(f"unknown download format {fmt!r}")
    file_name = f"{stem}-{meta.exported_at:%Y-%m-%d}.{fmt}"
    return Download(writers[fmt](frame, meta), file_name, MEDIA_TYPES[fmt])


def build_metadata(meta: Metadata, stem: str) -> Download:
    """The CSV's sidecar, named after the CSV it describes."""
    return Download(metadata_csv(meta), f"{stem}-{meta.exported_at:%Y-%m-%d}{METADATA_SUFFIX}", MEDIA_TYPES["csv"])
