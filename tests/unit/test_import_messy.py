"""Messy but valid exports: each is the demo export saved the way a registry keeper's spreadsheet might save it, and
each must build a database with exactly the clean export's content.

The clean export is `write_demo` at scale 0.1 (40 initiatives, about 4,000 firms and memberships) seen on a fixed day.
Every variant changes one thing about how the export is written (headers, encoding, delimiter, dates, names...),
never what it says. Contents are compared table by table, sorted; only build_info (when and from where) may differ.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analytics.ingest.build import build
from analytics.ingest.demo import write_demo
from analytics.ingest.registry_format import TABLES, table
from analytics.reference import gazetteer, taxonomy

AS_OF = dt.date(2025, 10, 1)

SPANISH = {
    "initiatives": ("iniciativas", {
        "id": "Código", "name": "Nombre", "type": "Tipo de iniciativa", "status": "Situación", "country": "País",
        "region": "Departamento", "city": "Ciudad", "latitude": "Latitud", "longitude": "Longitud",
        "founded_year": "Año de fundación", "registered_on": "Fecha de registro", "validated_on": "Fecha de validación",
        "priority_sectors": "Sectores dinamizadores", "isic_sections": "Secciones CIIU", "managing_entity": "Entidad gestora",
        "website": "Sitio web", "member_firms_declared": "Empresas declaradas", "members_government": "Miembros gobierno",
        "members_academia": "Miembros academia", "members_civil_society": "Miembros sociedad civil", "source": "Fuente"}),
    "firms": ("empresas", {"id": "Identificador", "name": "Razón social", "size_class": "Tamaño",
                           "isic_section": "Sección CIIU", "country": "País", "city": "Municipio"}),
    "memberships": ("membresías", {"firm_id": "Empresa", "initiative_id": "Iniciativa", "joined_on": "Fecha de ingreso"}),
    "collaborations": ("colaboraciones", {"initiative_a": "Iniciativa A", "initiative_b": "Iniciativa B",
                                          "programme": "Programa", "started_on": "Fecha de inicio"}),
    "milestones": ("hitos", {"date": "Fecha", "count": "Cantidad", "label_en": "Etiqueta EN", "label_es": "Etiqueta",
                             "label_pt": "Etiqueta PT", "source": "Fuente"}),
}
PORTUGUESE = {
    "initiatives": ("iniciativas", {
        "id": "Código", "name": "Nome", "type": "Tipo", "status": "Situação", "country": "País", "region": "Estado",
        "city": "Cidade", "latitude": "Latitude", "longitude": "Longitude", "founded_year": "Ano de fundação",
        "registered_on": "Data de cadastro", "validated_on": "Data de validação", "priority_sectors": "Setores dinamizadores",
        "isic_sections": "Seções CNAE", "managing_entity": "Entidade gestora", "website": "Site",
        "member_firms_declared": "Empresas membro", "members_government": "Membros governo",
        "members_academia": "Membros academia", "members_civil_society": "Membros sociedade civil", "source": "Fonte"}),
    "firms": ("empresas", {"id": "Código", "name": "Razão social", "size_class": "Porte", "isic_section": "Seção CNAE",
                           "country": "País", "city": "Município"}),
    "memberships": ("membros", {"firm_id": "Empresa", "initiative_id": "Iniciativa", "joined_on": "Data de ingresso"}),
    "collaborations": ("colaborações", {"initiative_a": "Iniciativa A", "initiative_b": "Iniciativa B",
                                        "programme": "Programa", "started_on": "Data de início"}),
    "milestones": ("marcos", {"date": "Data", "count": "Quantidade", "label_en": "Rótulo EN", "label_es": "Rótulo ES",
                              "label_pt": "Rótulo", "source": "Fonte"}),
}
DATE_COLUMNS = {spec.name: [c.name for c in spec.columns if c.kind == "date"] for spec in TABLES}


def read_tables(export: Path) -> dict[str, pl.DataFrame]:
    """The clean export's cells, as text, exactly as written."""
    return {spec.name: pl.read_csv(export / f"{spec.name}.csv", infer_schema=False) for spec in TABLES}


def contents(db_path: Path) -> dict[str, pl.DataFrame]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        names = [row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        # table names come from the database's own catalogue
        return {name: con.sql(f'SELECT * FROM "{name}"').pl().sort(pl.all())
                for name in names if name != "build_info"}
    finally:
        con.close()


def write(folder: Path, name: str, frame: pl.DataFrame, *, separator: str = ",", encoding: str = "utf-8",
          line_end: str = "\n", title: str = "", quote_all: bool = False) -> None:
    text = frame.write_csv(separator=separator, line_terminator=line_end,
                           quote_style="always" if quote_all else "necessary")
    (folder / name).write_bytes((title + text).encode(encoding))


def write_all(folder: Path, tables: dict[str, pl.DataFrame], **options) -> None:
    for name, frame in tables.items():
        write(folder, f"{name}.csv", frame, **options)


def renamed(tables: dict[str, pl.DataFrame], names: dict[str, tuple[str, dict[str, str]]]) -> dict[str, pl.DataFrame]:
    return {names[name][0]: frame.rename(names[name][1]) for name, frame in tables.items()}


def with_dates(tables: dict[str, pl.DataFrame], form: Callable[[pl.Expr], pl.Expr]) -> dict[str, pl.DataFrame]:
    return {name: frame.with_columns(form(pl.col(c).str.to_date()).alias(c) for c in DATE_COLUMNS[name])
            for name, frame in tables.items()}


def bare(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


# --------------------------------------------------------------------------- the variants


def spanish_headers_and_file_names(tables, folder):
    write_all(folder, renamed(tables, SPANISH))


def portuguese_headers_and_file_names(tables, folder):
    write_all(folder, renamed(tables, PORTUGUESE))


def headers_in_any_case_without_accents_with_spaces(tables, folder):
    """'  ANO DE FUNDACION ', 'fecha_de_registro', 'Pais' ..."""
    shouted = {name: (file, {column: f"  {bare(header).upper()} " if i % 2 else bare(header).lower().replace(" ", "_")
                             for i, (column, header) in enumerate(headers.items())})
               for name, (file, headers) in SPANISH.items()}
    write_all(folder, renamed(tables, shouted))


def utf8_with_byte_order_mark(tables, folder):
    write_all(folder, tables, encoding="utf-8-sig")


def windows_1252(tables, folder):
    write_all(folder, renamed(tables, SPANISH), encoding="cp1252")


def latin_1(tables, folder):
    write_all(folder, renamed(tables, PORTUGUESE), encoding="latin-1")


def utf16_tab_separated_as_excel_unicode_text(tables, folder):
    write_all(folder, tables, separator="\t", encoding="utf-16")


def semicolons_and_decimal_commas(tables, folder):
    """As a Spanish-locale Excel saves CSV: ';' between cells, ',' in numbers; sector lists get quoted."""
    tables = dict(tables)
    tables["initiatives"] = tables["initiatives"].with_columns(pl.col("latitude", "longitude").str.replace(".", ",", literal=True))
    write_all(folder, tables, separator=";", line_end="\r\n")


def tab_separated(tables, folder):
    write_all(folder, tables, separator="\t")


def dates_day_first(tables, folder):
    write_all(folder, with_dates(tables, lambda d: d.dt.strftime("%d/%m/%Y")))


def dates_as_excel_serial_numbers(tables, folder):
    write_all(folder, with_dates(tables, lambda d: (d - pl.lit(dt.date(1899, 12, 30))).dt.total_days().cast(pl.String)))


def trailing_empty_rows_and_columns(tables, folder):
    for name, frame in tables.items():
        padded = frame.with_columns(pl.lit(None, pl.String).alias(""), pl.lit(None, pl.String).alias(" "))
        text = padded.write_csv() + ",".join([""] * padded.width) + "\n" + "\n" + ",,\n"
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")


def title_rows_above_the_header(tables, folder):
    """Semicolon-separated, with a comma in the title: the header, not a count of delimiters, decides the delimiter."""
    write_all(folder, tables, separator=";", title="Registro IAPT, exportación del 1 de octubre de 2025\n\n")


def quoted_cells_and_windows_line_ends(tables, folder):
    write_all(folder, tables, quote_all=True, line_end="\r\n")


def columns_shuffled_with_unknown_columns(tables, folder):
    for index, (name, frame) in enumerate(tables.items()):
        frame = frame.with_columns(pl.lit("ignore me").alias("Observaciones"))
        columns = frame.columns[index + 1:] + frame.columns[: index + 1]
        write(folder, f"{name}.csv", frame.select(reversed(columns)))


def browser_download_file_names(tables, folder):
    for name, frame in tables.items():
        write(folder, f"IAPT_{SPANISH[name][0]} (1).csv", frame)


def countries_as_names_in_three_languages_and_iso3(tables, folder):
    forms = [lambda c: c.name_en, lambda c: c.name_es.upper(), lambda c: c.name_pt, lambda c: c.iso3.lower()]
    tables = dict(tables)
    for name in ("initiatives", "firms"):
        frame = tables[name].with_row_index("n")
        names = [forms[n % 4](gazetteer.country(iso2)) for n, iso2 in frame.select("n", "country").iter_rows()]
        tables[name] = frame.with_columns(pl.Series("country", names)).drop("n")
    write_all(folder, tables)


def regions_without_accents_or_as_codes(tables, folder):
    tables = dict(tables)
    frame = tables["initiatives"]
    codes = [gazetteer.match_region(country, region) for country, region in frame.select("country", "region").iter_rows()]
    spelled = [code if n % 3 == 0 else bare(region).upper() if n % 3 == 1 else bare(region)
               for n, (code, region) in enumerate(zip(codes, frame["region"], strict=True))]
    tables["initiatives"] = frame.with_columns(pl.Series("region", spelled))
    write_all(folder, tables)


def codes_as_names_in_three_languages(tables, folder):
    """Types in Spanish, statuses in Portuguese, sectors by name (ECLAC's in Spanish, ISIC's in Portuguese), firm sizes
    in English, each as a registry keeper would type it."""
    def names(codes: pl.Expr, table_name: str, lang: str) -> pl.Expr:
        mapping = taxonomy.labels(table_name, lang)
        return codes.str.split(";").list.eval(pl.element().replace_strict(mapping)).list.join(";")

    tables = dict(tables)
    tables["initiatives"] = tables["initiatives"].with_columns(
        pl.col("type").replace_strict(taxonomy.labels("type", "es")),
        pl.col("status").replace_strict(taxonomy.labels("status", "pt")).str.to_uppercase(),
        names(pl.col("priority_sectors"), "eclac_sector", "es"),
        names(pl.col("isic_sections"), "isic_section", "pt").str.replace_all(";", " ; "),
    )
    tables["firms"] = tables["firms"].with_columns(pl.col("size_class").replace_strict(taxonomy.labels("size_class", "en")),
                                                   pl.col("isic_section").str.to_lowercase())
    write_all(folder, tables)


def workbook_with_title_rows(tables, folder):
    """One .xlsx, a sheet per table named in Spanish, a title and a blank row above each header, numbers as numbers
    and dates as date cells, as a spreadsheet program keeps them."""
    workbook = openpyxl.Workbook(write_only=True)
    for name, frame in tables.items():
        spec = table(name)
        typed = frame.with_columns(
            [pl.col(c.name).cast(pl.Int64) for c in spec.columns if c.kind == "int"]
            + [pl.col(c.name).cast(pl.Float64) for c in spec.columns if c.kind == "float"]
            + [pl.col(c.name).str.to_date() for c in spec.columns if c.kind == "date"])
        sheet = workbook.create_sheet(SPANISH[name][0].capitalize())
        sheet.append([f"Registro IAPT: {SPANISH[name][0]}"])
        sheet.append([])
        sheet.append([SPANISH[name][1][column] for column in typed.columns])
        for row in typed.iter_rows():
            sheet.append(list(row))
    workbook.save(folder / "registro-iapt.xlsx")


VARIANTS = [
    spanish_headers_and_file_names, portuguese_headers_and_file_names, headers_in_any_case_without_accents_with_spaces,
    utf8_with_byte_order_mark, windows_1252, latin_1, utf16_tab_separated_as_excel_unicode_text,
    semicolons_and_decimal_commas, tab_separated, dates_day_first, dates_as_excel_serial_numbers,
    trailing_empty_rows_and_columns, title_rows_above_the_header, quoted_cells_and_windows_line_ends,
    columns_shuffled_with_unknown_columns, browser_download_file_names, countries_as_names_in_three_languages_and_iso3,
    regions_without_accents_or_as_codes, codes_as_names_in_three_languages, workbook_with_title_rows,
]


@pytest.fixture(scope="module")
def clean_export(tmp_path_factory) -> Path:
    """The synthetic export at a tenth of today's registry, as the demo writer saves it: the reference."""
    folder = tmp_path_factory.mktemp("clean_export")
    write_demo(folder, scale=0.1, seed=7, as_of=AS_OF)
    return folder


@pytest.fixture(scope="module")
def clean_contents(clean_export, tmp_path_factory) -> dict[str, pl.DataFrame]:
    result = build(clean_export, tmp_path_factory.mktemp("clean_db") / "iapt.duckdb", today=AS_OF)
    assert result.ok, "\n".join(map(str, result.problems))
    return contents(result.db_path)


@pytest.mark.parametrize("variant", VARIANTS, ids=[variant.__name__ for variant in VARIANTS])
def test_messy_export_builds_the_same_database(variant, clean_export, clean_contents, tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    variant(read_tables(clean_export), export)
    result = build(export, tmp_path / "iapt.duckdb", today=AS_OF)
    assert result.ok, "\n".join(map(str, result.problems[:20]))
    assert sum(result.rows_rejected.values()) == 0
    built = contents(result.db_path)
    assert built.keys() == clean_contents.keys()
    for name, frame in clean_contents.items():
        try:
            assert_frame_equal(built[name], frame, check_exact=True)
        except AssertionError as difference:
            raise AssertionError(f"table {name} differs: {difference}") from None


def test_the_reference_is_not_trivial(clean_contents):
    """The variants prove something only if the reference has accents, several countries, sector lists and dates."""
    initiatives = clean_contents["initiatives"]
    assert initiatives.height >= 30 and initiatives["country"].n_unique() >= 5
    assert initiatives["name"].str.contains("[áéíóúñãç]").any()
    assert clean_contents["initiative_sectors"].height > initiatives.height
    assert clean_contents["memberships"].height > 1000 and clean_contents["collaborations"].height > 0
    assert initiatives["validated_on"].is_not_null().any()


def test_a_variant_that_changes_a_value_is_noticed(clean_export, clean_contents, tmp_path):
    """The comparison is sharp: one latitude moved by a hundred-thousandth of a degree makes the contents differ."""
    tables = read_tables(clean_export)
    tables["initiatives"] = tables["initiatives"].with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then((pl.col("latitude").cast(pl.Float64) + 1e-5).cast(pl.String))
        .otherwise(pl.col("latitude")).alias("latitude"))
    export = tmp_path / "export"
    export.mkdir()
    write_all(export, tables)
    result = build(export, tmp_path / "iapt.duckdb", today=AS_OF)
    assert result.ok
    assert not contents(result.db_path)["initiatives"].equals(clean_contents["initiatives"])
