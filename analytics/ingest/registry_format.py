"""The registry export's format: one spec drives the validator, the demo writer and docs/registry-format.md.

An export is a folder of CSV files, or one .xlsx workbook with one sheet per file, named
after the tables below. `collaborations` and `milestones` may be left out. Headers may be written in
English, Spanish or Portuguese (the aliases), in any case, with or without accents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analytics.reference import taxonomy

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, int, float, date, code, codes (a ;-separated list of codes), url
    required: bool
    description: str
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    aliases: tuple[str, ...] = ()
    example: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


SECTOR_CODES = taxonomy.codes("eclac_sector")
ISIC_CODES = taxonomy.codes("isic_section")

INITIATIVES = Table(
    name="initiatives",
    required=True,
    description="One row per initiative, as registered on the platform.",
    key=("id",),
    aliases=("iniciativas",),
    columns=(
        Column("id", "text", True, "Registry identifier, unique.", aliases=("identificador", "código", "codigo"), example="CO-0001"),
        Column("name", "text", True, "Name of the initiative.", aliases=("nombre", "nome"), example="Clúster de ejemplo"),
        Column("type", "code", True, "Kind of initiative.", allowed=taxonomy.codes("type"),
               aliases=("tipo", "tipo de iniciativa"), example="cluster"),
        Column("status", "code", True, "registered: self-registered, not yet reviewed; validated: reviewed and shown "
               "on the public map; inactive: no longer operating.", allowed=taxonomy.codes("status"),
               aliases=("estado de registro", "situación", "situacion", "situação", "situacao", "estatus"), example="validated"),
        Column("country", "text", True, "Country: ISO 3166 alpha-2 or alpha-3 code, or its name in English, Spanish or "
               "Portuguese. Stored as alpha-2.", aliases=("país", "pais"), example="CO"),
        Column("region", "text", True, "First-level administrative region (department, state, province, region): "
               "ISO 3166-2 code or name. Must belong to the country.",
               aliases=("región", "regiao", "região", "departamento", "estado", "provincia", "província", "uf",
                        "entidad federativa"), example="Antioquia"),
        Column("city", "text", True, "City or municipality.", aliases=("ciudad", "municipio", "município", "cidade", "comuna", "localidad"),
               example="Medellín"),
        Column("latitude", "float", True, "Latitude in decimal degrees (WGS84); the point must lie in the country.",
               minimum=-90, maximum=90, aliases=("latitud", "lat"), example="6.2518"),
        Column("longitude", "float", True, "Longitude in decimal degrees (WGS84).", minimum=-180, maximum=180,
               aliases=("longitud", "lon", "lng", "long"), example="-75.5636"),
        Column("founded_year", "int", False, "Year the initiative started; not after the year it registered.",
               minimum=1900, maximum=2100, aliases=("año de fundación", "ano de fundação", "fundación", "fundação", "year founded",
                                                       "año de creación", "ano de criação"), example="2014"),
        Column("registered_on", "date", True, "Date of registration on the platform; not in the future.",
               aliases=("fecha de registro", "data de registro", "data de cadastro", "registration date",
                        "fecha de inscripción"), example="2023-12-12"),
        Column("validated_on", "date", False, "Date the registry validated the initiative; not before registration.",
               aliases=("fecha de validación", "data de validação", "validation date"), example="2024-02-01"),
        Column("priority_sectors", "codes", False, "ECLAC driving sectors, codes separated by ';', the first one primary.",
               allowed=SECTOR_CODES, aliases=("sectores dinamizadores", "setores dinamizadores", "sectores prioritarios",
                                             "setores prioritários"), example="energy;digital"),
        Column("isic_sections", "codes", True, "ISIC Rev. 4 sections (A to U) separated by ';', the first one primary.",
               allowed=ISIC_CODES, aliases=("secciones ciiu", "ciiu", "seções cnae", "cnae", "isic"), example="D;M"),
        Column("managing_entity", "text", False, "Organisation that manages the initiative.",
               aliases=("entidad gestora", "entidade gestora", "gestor"), example="Cámara de Comercio de Medellín"),
        Column("website", "url", False, "Web address (http or https).", aliases=("sitio web", "página web", "site", "web", "url"),
               example="https://example.org"),
        Column("member_firms_declared", "int", False, "Member firms the initiative declares (may exceed the firms listed).",
               minimum=0, aliases=("empresas declaradas", "empresas miembro", "empresas membro", "número de empresas",
                                         "firms declared"), example="120"),
        Column("members_government", "int", False, "Member government bodies.", minimum=0,
               aliases=("miembros gobierno", "membros governo"), example="3"),
        Column("members_academia", "int", False, "Member universities and training centres.", minimum=0,
               aliases=("miembros academia", "membros academia"), example="2"),
        Column("members_civil_society", "int", False, "Member civil-society organisations.", minimum=0,
               aliases=("miembros sociedad civil", "membros sociedade civil"), example="1"),
        Column("source", "text", False, "Where the record comes from (platform, ministry, survey...).",
               aliases=("fuente", "fonte"), example="IAPT platform"),
    ),
)

FIRMS = Table(
    name="firms",
    required=True,
    description="Member firms; a firm may belong to several initiatives.",
    key=("id",),
    aliases=("empresas",),
    columns=(
        Column("id", "text", True, "Firm identifier, unique.", aliases=("identificador", "código", "codigo"), example="F000001"),
        Column("name", "text", True, "Firm name.", aliases=("nombre", "nome", "razón social", "razão social"), example="Example S.A.S."),
        Column("size_class", "code", True, "micro, small, medium or large.", allowed=taxonomy.codes("size_class"),
               aliases=("tamaño", "tamanho", "porte", "size"), example="small"),
        Column("isic_section", "code", True, "Main activity, ISIC Rev. 4 section.", allowed=ISIC_CODES,
               aliases=("sección ciiu", "ciiu", "seção cnae", "cnae"), example="C"),
        Column("country", "text", True, "Country, as for initiatives.", aliases=("país", "pais"), example="CO"),
        Column("city", "text", False, "City.", aliases=("ciudad", "municipio", "município", "cidade"), example="Medellín"),
    ),
)

MEMBERSHIPS = Table(
    name="memberships",
    required=True,
    description="Which firm belongs to which initiative.",
    key=("firm_id", "initiative_id"),
    aliases=("membresías", "membresias", "membros", "afiliaciones"),
    columns=(
        Column("firm_id", "text", True, "A firm's id from the firms file.", aliases=("empresa", "id empresa"), example="F000001"),
        Column("initiative_id", "text", True, "An initiative's id from the initiatives file.",
               aliases=("iniciativa", "id iniciativa"), example="CO-0001"),
        Column("joined_on", "date", False, "When the firm joined.", aliases=("fecha de ingreso", "data de ingresso"),
               example="2020-03-01"),
    ),
)

COLLABORATIONS = Table(
    name="collaborations",
    required=False,
    description="Links between two initiatives that take part in a joint programme.",
    key=("initiative_a", "initiative_b", "programme"),
    aliases=("colaboraciones", "colaborações", "colaboracoes"),
    columns=(
        Column("initiative_a", "text", True, "An initiative's id.", aliases=("iniciativa a",), example="CO-0001"),
        Column("initiative_b", "text", True, "Another initiative's id.", aliases=("iniciativa b",), example="MX-0002"),
        Column("programme", "text", True, "Name of the joint programme.", aliases=("programa",), example="Interclúster"),
        Column("started_on", "date", False, "When the link started.", aliases=("fecha de inicio", "data de início"),
               example="2022-05-01"),
    ),
)

MILESTONES = Table(
    name="milestones",
    required=False,
    description="Public figures of the registry's size on given dates (a launch, a report), marked on the growth "
                "charts when no filter is set. Without this table no milestone is drawn.",
    key=("date",),
    aliases=("hitos", "marcos"),
    columns=(
        Column("date", "date", True, "The day the figure refers to; not in the future.", aliases=("fecha", "data"),
               example="2023-12-12"),
        Column("count", "int", True, "Initiatives in the registry on that day, as published.", minimum=0,
               aliases=("iniciativas", "número", "numero", "cantidad", "quantidade", "initiatives"), example="258"),
        Column("label_en", "text", True, "Short label in English.", aliases=("label", "etiqueta en", "rótulo en"),
               example="Launch: about 258"),
        Column("label_es", "text", False, "Short label in Spanish (the English one if empty).",
               aliases=("etiqueta", "etiqueta es", "rótulo es"), example="Lanzamiento: unas 258"),
        Column("label_pt", "text", False, "Short label in Portuguese (the English one if empty).",
               aliases=("rótulo", "rotulo", "etiqueta pt", "rótulo pt"), example="Lançamento: cerca de 258"),
        Column("source", "text", True, "Where the figure was published.", aliases=("fuente", "fonte"),
               example="ECLAC press release, 12 December 2023"),
    ),
)

TABLES: tuple[Table, ...] = (INITIATIVES, FIRMS, MEMBERSHIPS, COLLABORATIONS, MILESTONES)


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


KIND_NAMES = {
    "text": "text", "int": "whole number", "float": "decimal number", "date": "date (YYYY-MM-DD, DD/MM/YYYY or Excel)",
    "code": "code", "codes": "codes separated by ;", "url": "web address",
}


def _allowed_text(column: Column) -> str:
    if column.allowed:
        return ", ".join(f"`{code}`" for code in column.allowed)
    bounds = []
    if column.minimum is not None:
        bounds.append(f"≥ {column.minimum:g}")
    if column.maximum is not None:
        bounds.append(f"≤ {column.maximum:g}")
    return " and ".join(bounds)


def markdown() -> str:
    """docs/registry-format.md, generated from this spec (tests/unit/test_docs.py keeps them equal)."""
    lines = [
        "# The registry export format",
        "",
        "<!-- Generated by `python -m analytics.ingest.registry_format > docs/registry-format.md`; do not edit by hand. -->",
        "",
        "An export is a folder of CSV files, or one `.xlsx` workbook with one sheet per table, named after the",
        "tables below (`initiatives.csv` or a sheet `initiatives`; Spanish and Portuguese names are accepted too).",
        "Headers may be written in English, Spanish or Portuguese, in any case, with or without accents; the",
        "accepted aliases are listed with each column. Columns not listed here are ignored.",
        "",
        "CSV files may be UTF-8 (with or without a byte-order mark) or Windows-1252, separated by commas,",
        "semicolons or tabs, with decimal commas in numbers. A title row above the header is skipped.",
        "Codes (types, statuses, sectors, size classes) may be given as the code or as the name in any of",
        "the three languages.",
        "",
        "Load an export with `iapt build EXPORT --db data/iapt.duckdb`. Every problem is reported as",
        "`file:row:column: value: reason`; nothing is written unless the whole export is valid (or",
        "`--skip-invalid` is given, which loads the valid rows and lists the rejected ones).",
        "",
    ]
    for spec in TABLES:
        names = ", ".join(f"`{name}`" for name in (spec.name, *spec.aliases))
        lines += [f"## {spec.name}{'' if spec.required else ' (optional)'}", "", spec.description,
                  f"File or sheet names: {names}.", ""]
        lines += ["| column | required | kind | allowed | description | aliases | example |",
                  "|---|---|---|---|---|---|---|"]
        for column in spec.columns:
            aliases = ", ".join(f"`{alias}`" for alias in column.aliases)
            lines.append(f"| `{column.name}` | {'yes' if column.required else 'no'} | {KIND_NAMES[column.kind]} | "
                         f"{_allowed_text(column)} | {column.description} | {aliases} | `{column.example}` |")
        lines.append("")
    lines += ["## Codes", ""]
    for table_name, title in (("type", "Initiative types"), ("status", "Statuses"), ("size_class", "Firm size classes"),
                              ("eclac_sector", "ECLAC driving sectors (`priority_sectors`)"),
                              ("isic_section", "ISIC Rev. 4 sections (`isic_sections`, `isic_section`)")):
        lines += [f"### {title}", "", "| code | English | Español | Português |", "|---|---|---|---|"]
        lines += [f"| `{t.code}` | {t.en} | {t.es} | {t.pt} |" for t in taxonomy.TABLES[table_name]]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
