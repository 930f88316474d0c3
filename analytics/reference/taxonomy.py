"""The registry's classifications, each in one table with its names in English, Spanish and Portuguese.

Everything that names a sector, an initiative type, a status, a firm size class or a
subregion reads it from here: the validator (allowed values and aliases), the database
(`sectors` table), the demo writer and the app's labels. A code is what is stored; a
name is what is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "es", "pt")


@dataclass(frozen=True)
class Term:
    code: str
    en: str
    es: str
    pt: str

    def name(self, lang: str) -> str:
        return getattr(self, lang if lang in LANGUAGES else "en")


def _table(*rows: tuple[str, str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


# ECLAC's driving sectors ("sectores dinamizadores"), in ECLAC's order.
ECLAC_SECTORS = _table(
    ("energy", "Energy transition", "Transición energética", "Transição energética"),
    ("emobility", "Electromobility", "Electromovilidad", "Eletromobilidade"),
    ("circular", "Circular economy", "Economía circular", "Economia circular"),
    ("bioeconomy", "Bioeconomy", "Bioeconomía", "Bioeconomia"),
    ("agri", "Sustainable agriculture and agri-food", "Agricultura sostenible y agroalimentos",
     "Agricultura sustentável e agroalimentos"),
    ("water", "Sustainable water management", "Gestión sostenible del agua", "Gestão sustentável da água"),
    ("tourism", "Sustainable tourism", "Turismo sostenible", "Turismo sustentável"),
    ("pharma", "Pharmaceutical and life sciences", "Industria farmacéutica y ciencias de la vida",
     "Indústria farmacêutica e ciências da vida"),
    ("meddev", "Medical devices", "Dispositivos médicos", "Dispositivos médicos"),
    ("advmfg", "Advanced manufacturing", "Manufactura avanzada", "Manufatura avançada"),
    ("services", "Modern ICT-enabled services", "Servicios modernos habilitados por TIC",
     "Serviços modernos habilitados por TIC"),
    ("digital", "Digital transformation", "Transformación digital", "Transformação digital"),
    ("care", "Care society", "Sociedad del cuidado", "Sociedade do cuidado"),
    ("nearshoring", "Supply-chain reconfiguration (nearshoring)", "Relocalización de cadenas de suministro",
     "Relocalização de cadeias de suprimento"),
)

# ISIC Rev. 4 sections: the general classification for initiatives outside the driving sectors.
ISIC_SECTIONS = _table(
    ("A", "Agriculture, forestry and fishing", "Agricultura, ganadería, silvicultura y pesca",
     "Agricultura, pecuária, produção florestal e pesca"),
    ("B", "Mining and quarrying", "Explotación de minas y canteras", "Indústrias extrativas"),
    ("C", "Manufacturing", "Industrias manufactureras", "Indústrias de transformação"),
    ("D", "Electricity, gas and steam supply", "Suministro de electricidad, gas y vapor", "Eletricidade e gás"),
    ("E", "Water supply, sewerage and waste", "Agua, saneamiento y gestión de desechos", "Água, esgoto e gestão de resíduos"),
    ("F", "Construction", "Construcción", "Construção"),
    ("G", "Wholesale and retail trade", "Comercio al por mayor y al por menor", "Comércio"),
    ("H", "Transportation and storage", "Transporte y almacenamiento", "Transporte e armazenagem"),
    ("I", "Accommodation and food services", "Alojamiento y servicios de comidas", "Alojamento e alimentação"),
    ("J", "Information and communication", "Información y comunicaciones", "Informação e comunicação"),
    ("K", "Financial and insurance activities", "Actividades financieras y de seguros", "Atividades financeiras e de seguros"),
    ("L", "Real estate activities", "Actividades inmobiliarias", "Atividades imobiliárias"),
    ("M", "Professional, scientific and technical activities", "Actividades profesionales, científicas y técnicas",
     "Atividades profissionais, científicas e técnicas"),
    ("N", "Administrative and support services", "Servicios administrativos y de apoyo",
     "Atividades administrativas e serviços complementares"),
    ("O", "Public administration and defence", "Administración pública y defensa", "Administração pública e defesa"),
    ("P", "Education", "Enseñanza", "Educação"),
    ("Q", "Human health and social work", "Salud humana y asistencia social", "Saúde humana e serviços sociais"),
    ("R", "Arts, entertainment and recreation", "Artes, entretenimiento y recreación", "Artes, cultura, esporte e recreação"),
    ("S", "Other service activities", "Otras actividades de servicios", "Outras atividades de serviços"),
    ("T", "Households as employers", "Hogares como empleadores", "Serviços domésticos"),
    ("U", "Extraterritorial organisations", "Organizaciones extraterritoriales", "Organismos internacionais"),
)

INITIATIVE_TYPES = _table(
    ("cluster", "Cluster initiative", "Iniciativa clúster", "Iniciativa de cluster"),
    ("industrial_district", "Industrial district", "Distrito industrial", "Distrito industrial"),
    ("cooperative", "Co-operative association", "Asociación cooperativa", "Associação cooperativa"),
    ("business_network", "Business network", "Red empresarial", "Rede empresarial"),
    ("local_productive_arrangement", "Local productive arrangement", "Arreglo productivo local",
     "Arranjo produtivo local"),
    ("value_chain", "Value-chain programme", "Programa de cadena de valor", "Programa de cadeia de valor"),
    ("competitiveness_route", "Competitiveness route", "Ruta competitiva", "Rota competitiva"),
    ("regional_programme", "Regional strategic programme", "Programa estratégico regional",
     "Programa estratégico regional"),
)

STATUSES = _table(
    ("registered", "Registered", "Registrada", "Registrada"),
    ("validated", "Validated", "Validada", "Validada"),
    ("inactive", "Inactive", "Inactiva", "Inativa"),
)

SIZE_CLASSES = _table(
    ("micro", "Micro", "Micro", "Micro"),
    ("small", "Small", "Pequeña", "Pequena"),
    ("medium", "Medium", "Mediana", "Média"),
    ("large", "Large", "Grande", "Grande"),
)

# ECLAC groups Mexico with Central America in its subregional statistics.
SUBREGIONS = _table(
    ("south_america", "South America", "América del Sur", "América do Sul"),
    ("central_america", "Central America and Mexico", "Centroamérica y México", "América Central e México"),
    ("caribbean", "Caribbean", "El Caribe", "Caribe"),
)

TABLES = {
    "eclac_sector": ECLAC_SECTORS,
    "isic_section": ISIC_SECTIONS,
    "type": INITIATIVE_TYPES,
    "status": STATUSES,
    "size_class": SIZE_CLASSES,
    "subregion": SUBREGIONS,
}

# The two ways a sector is classified (docs/glossary.md): ECLAC's driving sectors, ISIC Rev. 4 sections.
SECTOR_SCHEMES = ("eclac_sector", "isic_section")
# The export's list columns of sectors, each with its scheme: an initiative's first listed is its primary sector.
SECTOR_LIST_COLUMNS = {"priority_sectors": "eclac_sector", "isic_sections": "isic_section"}
# Every column that holds codes, wherever it appears, and the code list (a key of TABLES) that names them:
# the export's columns (docs/registry-format.md), then those the build and the downloads derive from them.
CODE_LIST_OF_COLUMN = {
    "type": "type", "status": "status", "size_class": "size_class", **SECTOR_LIST_COLUMNS, "isic_section": "isic_section",
    "primary_sector": "eclac_sector", "primary_isic": "isic_section", "sectors": "eclac_sector",
}


def codes(table: str) -> tuple[str, ...]:
    return tuple(term.code for term in TABLES[table])


def label(table: str, code: str | None, lang: str = "en") -> str:
    """The name of a code in a language; an unknown code is shown as itself, never dropped."""
    if code is None:
        return ""
    for term in TABLES[table]:
        if term.code == code:
            return term.name(lang)
    return str(code)


def labels(table: str, lang: str = "en") -> dict[str, str]:
    return {term.code: term.name(lang) for term in TABLES[table]}
