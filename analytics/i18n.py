"""Every word the app shows, in English, Spanish and Portuguese, and how each language writes numbers and dates.

One table (`LABELS`) holds the interface text so that a missing translation is a failing
test, not a page that suddenly switches language. Names of codes (sectors, types, statuses,
size classes, subregions) are not repeated here: they live in `analytics.reference.taxonomy`, and
country names in the database. Formatting is done here rather than by the browser's locale,
because the reader chooses the language in the app, not in their browser.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from string import Formatter

from babel import Locale
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from analytics.reference import taxonomy

LANGUAGES = taxonomy.LANGUAGES
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}

# key → (English, Spanish, Portuguese); placeholders in braces are filled by `t`
# The indicators the app shows, each defined on the Data and methods page under `data.indicator.<name>`.
INDICATORS = ("per_million", "location_quotient", "regions_covered", "region_population", "member_firms",
              "validated_share", "firms_per_initiative", "recent", "links")

LABELS: dict[str, tuple[str, str, str]] = {
    # the shell: navigation, sidebar, notices, footer
    "app.name": ("IAPT Atlas", "Atlas IAPT", "Atlas IAPT"),
    "nav.overview": ("Overview", "Resumen", "Visão geral"),
    "nav.map": ("Map", "Mapa", "Mapa"),
    "nav.countries": ("Countries", "Países", "Países"),
    "nav.growth": ("Growth", "Crecimiento", "Crescimento"),
    "sidebar.language": ("Language", "Idioma", "Idioma"),
    "sidebar.filters": ("Filters", "Filtros", "Filtros"),
    "sidebar.more_filters": ("More filters", "Más filtros", "Mais filtros"),
    "sidebar.reset": ("Clear filters", "Quitar filtros", "Limpar filtros"),
    "sidebar.all": ("All", "Todos", "Todos"),
    "share.button": ("Link to this view", "Enlace a esta vista", "Link para esta visualização"),
    "share.help": (
        "This address reopens the page as you see it: language, filters and the page's own choices. Copy it with the "
        "button at the right of the box.",
        "Esta dirección vuelve a abrir la página tal como la ve: idioma, filtros y las opciones de la página. Cópiela "
        "con el botón a la derecha del cuadro.",
        "Este endereço reabre a página como você a vê: idioma, filtros e as opções da própria página. Copie-o com o "
        "botão à direita da caixa.",
    ),
    "filter.countries": ("Countries", "Países", "Países"),
    "filter.subregions": ("Subregions", "Subregiones", "Sub-regiões"),
    "filter.types": ("Types of initiative", "Tipos de iniciativa", "Tipos de iniciativa"),
    "filter.statuses": ("Status", "Estado", "Situação"),
    "filter.sectors": ("ECLAC driving sectors", "Sectores dinamizadores de la CEPAL", "Setores dinamizadores da CEPAL"),
    "filter.isic_sections": ("ISIC sections", "Secciones de la CIIU", "Seções da CIIU"),
    "filter.size_classes": ("Member firm size", "Tamaño de las empresas miembro", "Porte das empresas membro"),
    "filter.size_classes_help": ("Counts only member firms of these sizes, in initiatives that have any.",
                                 "Cuenta solo las empresas miembro de estos tamaños, en las iniciativas que las tienen.",
                                 "Conta apenas as empresas membro desses portes, nas iniciativas que as têm."),
    "filter.registered_from": ("Registered from", "Registradas desde", "Registradas desde"),
    "filter.registered_to": ("Registered until", "Registradas hasta", "Registradas até"),
    "filter.date_help": ("Pick a day in the calendar, or type the date and press Esc to apply it.",
                         "Elija un día en el calendario, o escriba la fecha y pulse Esc para aplicarla.",
                         "Escolha um dia no calendário, ou digite a data e pressione Esc para aplicá-la."),
    "filter.founded": ("Founded between", "Fundadas entre", "Fundadas entre"),
    "notice.synthetic": (
        "Synthetic demonstration data: every initiative, firm and figure on this page was generated for testing. "
        "It is not ECLAC's registry.",
        "Datos sintéticos de demostración: cada iniciativa, empresa y cifra de esta página fue generada para pruebas. "
        "No es el registro de la CEPAL.",
        "Dados sintéticos de demonstração: cada iniciativa, empresa e número desta página foi gerado para testes. "
        "Não é o registro da CEPAL.",
    ),
    "footer.vintage": (
        "Data built {built} from the export “{source}” (checksum {checksum}) · {initiatives} initiatives, {firms} firms · "
        "population: {population}",
        "Datos generados el {built} a partir de la exportación «{source}» (suma de control {checksum}) · {initiatives} "
        "iniciativas, {firms} empresas · población: {population}",
        "Dados gerados em {built} a partir da exportação “{source}” (soma de verificação {checksum}) · {initiatives} "
        "iniciativas, {firms} empresas · população: {population}",
    ),
    # the population figures' source as analytics/reference/gazetteer.py names it (the English text is matched in the build's
    # vintage string, so it must stay equal to gazetteer._WPP_SOURCE: a test checks)
    "source.wpp2022": (
        "UN DESA World Population Prospects 2022, estimates (sum of five-year age groups published in thousands)",
        "Perspectivas de la Población Mundial 2022 (DAES de las Naciones Unidas), estimaciones (suma de los grupos "
        "quinquenales de edad publicados en miles)",
        "Perspectivas da População Mundial 2022 (DESA das Nações Unidas), estimativas (soma dos grupos quinquenais de "
        "idade publicados em milhares)",
    ),
    # headers of the downloaded CSV and Excel files (analytics/serving/downloads.py, in_language)
    "export.code_of": ("{column} (code)", "{column} (código)", "{column} (código)"),
    "export.col.id": ("Registry id", "Identificador", "Identificador"),
    "export.col.name": ("Initiative", "Iniciativa", "Iniciativa"),
    "export.col.type": ("Type", "Tipo", "Tipo"),
    "export.col.status": ("Status", "Estado", "Situação"),
    "export.col.country": ("Country", "País", "País"),
    "export.col.region": ("Admin-1 region (ISO 3166-2)", "Región (ISO 3166-2)", "Região (ISO 3166-2)"),
    "export.col.region_name": ("Admin-1 region", "Región", "Região"),
    "export.col.city": ("City", "Ciudad", "Cidade"),
    "export.col.latitude": ("Latitude", "Latitud", "Latitude"),
    "export.col.longitude": ("Longitude", "Longitud", "Longitude"),
    "export.col.registered_on": ("Registered on", "Fecha de registro", "Data de registro"),
    "export.col.validated_on": ("Validated on", "Fecha de validación", "Data de validação"),
    "export.col.founded_year": ("Year founded", "Año de fundación", "Ano de fundação"),
    "export.col.primary_sector": ("Primary driving sector", "Sector dinamizador principal", "Setor dinamizador principal"),
    "export.col.primary_isic": ("Primary ISIC section", "Sección principal de la CIIU", "Seção principal da CIIU"),
    "export.col.member_firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "export.col.synthetic": ("Synthetic data", "Datos sintéticos", "Dados sintéticos"),
    "export.col.sectors": ("Driving sectors", "Sectores dinamizadores", "Setores dinamizadores"),
    "export.col.isic_sections": ("ISIC sections", "Secciones de la CIIU", "Seções da CIIU"),
    "export.col.managing_entity": ("Managing entity", "Entidad gestora", "Entidade gestora"),
    "export.col.website": ("Website", "Sitio web", "Site"),
    "widget.choose": ("Choose an option", "Elija una opción", "Escolha uma opção"),
    "widget.choose_many": ("Choose options", "Elija opciones", "Escolha opções"),
    "footer.demo": ("demo seed {seed}, scale {scale}", "semilla de demostración {seed}, escala {scale}",
                    "semente de demonstração {seed}, escala {scale}"),
    "missing.title": ("The registry database is not available", "La base de datos del registro no está disponible",
                      "O banco de dados do registro não está disponível"),
    "missing.body": (
        "The app looked for the database at {path}. Build the demo registry, or a real export, with one of these "
        "commands and reload this page.",
        "La aplicación buscó la base de datos en {path}. Genere el registro de demostración, o una exportación real, "
        "con uno de estos comandos y vuelva a cargar esta página.",
        "O aplicativo procurou o banco de dados em {path}. Gere o registro de demonstração, ou uma exportação real, "
        "com um destes comandos e recarregue esta página.",
    ),
    "missing.reason.missing": ("There is no database file yet.", "Todavía no hay un archivo de base de datos.",
                               "Ainda não há um arquivo de banco de dados."),
    "missing.reason.unreadable": ("The file there is not a database this app can open.",
                                  "El archivo que hay allí no es una base de datos que esta aplicación pueda abrir.",
                                  "O arquivo que está lá não é um banco de dados que este aplicativo possa abrir."),
    "missing.reason.truncated": ("The database file is cut short: it was not copied whole.",
                                 "El archivo de la base de datos está incompleto: no se copió entero.",
                                 "O arquivo do banco de dados está incompleto: não foi copiado inteiro."),
    "missing.reason.tables": ("The database was built by another version of the app: tables are missing.",
                              "La base de datos fue generada por otra versión de la aplicación: faltan tablas.",
                              "O banco de dados foi gerado por outra versão do aplicativo: faltam tabelas."),
    "missing.reason.version": ("The database was built by another version of the app.",
                               "La base de datos fue generada por otra versión de la aplicación.",
                               "O banco de dados foi gerado por outra versão do aplicativo."),
    "missing.reason.damaged": ("The database file is damaged and cannot be read.",
                               "El archivo de la base de datos está dañado y no se puede leer.",
                               "O arquivo do banco de dados está danificado e não pode ser lido."),
    "error.title": ("Something went wrong on this page", "Algo salió mal en esta página", "Algo deu errado nesta página"),
    "error.body": ("The problem has been recorded for the people who run this site. Try another page, or change the "
                   "filters and try again.",
                   "El problema quedó registrado para quienes administran este sitio. Pruebe otra página, o cambie los "
                   "filtros e inténtelo de nuevo.",
                   "O problema foi registrado para quem administra este site. Tente outra página, ou mude os filtros e "
                   "tente novamente."),
    "empty.no_match": ("No initiative matches the filters. Clear some filters in the sidebar.",
                       "Ninguna iniciativa cumple los filtros. Quite algunos filtros en la barra lateral.",
                       "Nenhuma iniciativa atende aos filtros. Remova alguns filtros na barra lateral."),
    # overview
    "overview.title": ("Registry overview", "Resumen del registro", "Visão geral do registro"),
    "overview.intro": (
        "Cluster initiatives and other territorial productive articulation initiatives (IAPT) in Latin America and "
        "the Caribbean, as selected by the filters.",
        "Iniciativas clúster y otras iniciativas de articulación productiva territorial (IAPT) en América Latina y "
        "el Caribe, según los filtros elegidos.",
        "Iniciativas de cluster e outras iniciativas de articulação produtiva territorial (IAPT) na América Latina e "
        "no Caribe, conforme os filtros escolhidos.",
    ),
    "overview.growth": ("Growth of the registry", "Crecimiento del registro", "Crescimento do registro"),
    "overview.top_countries": ("Leading countries", "Países con más iniciativas", "Países com mais iniciativas"),
    "overview.top_sectors": ("Leading driving sectors", "Sectores dinamizadores principales",
                             "Principais setores dinamizadores"),
    "overview.latest": ("Latest registrations", "Últimos registros", "Registros mais recentes"),
    "metric.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "metric.validated_share": ("Validated", "Validadas", "Validadas"),
    "metric.member_firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "metric.member_firms_help": (
        "Distinct listed member firms, plus the declared number for initiatives that list none.",
        "Empresas miembro distintas en las listas, más el número declarado por las iniciativas sin lista.",
        "Empresas membro distintas nas listas, mais o número declarado pelas iniciativas sem lista.",
    ),
    "metric.countries": ("Countries", "Países", "Países"),
    "metric.regions": ("Admin-1 regions covered", "Regiones cubiertas", "Regiões cobertas"),
    "metric.regions_help": ("First-level administrative regions (states, departments, provinces) with at least one initiative.",
                            "Regiones administrativas de primer nivel (estados, departamentos, provincias) con al menos "
                            "una iniciativa.",
                            "Regiões administrativas de primeiro nível (estados, departamentos, províncias) com pelo menos "
                            "uma iniciativa."),
    "metric.sectors": ("Driving sectors present", "Sectores presentes", "Setores presentes"),
    "metric.sectors_help": ("ECLAC's driving sectors with at least one initiative, out of all of them.",
                            "Sectores dinamizadores de la CEPAL con al menos una iniciativa, del total.",
                            "Setores dinamizadores da CEPAL com pelo menos uma iniciativa, do total."),
    "metric.added_30": ("New in the last 30 days", "Nuevas en 30 días", "Novas em 30 dias"),
    "metric.added_365": ("New in the last 365 days", "Nuevas en 365 días", "Novas em 365 dias"),
    "metric.added_help": ("Registered in the {days} days up to {date}, when the data was built.",
                          "Registradas en los {days} días hasta el {date}, cuando se generaron los datos.",
                          "Registradas nos {days} dias até {date}, quando os dados foram gerados."),
    # shared column and axis names
    "col.rank": ("#", "#", "#"),
    "col.id": ("Registry id", "Identificador", "Identificador"),
    "col.name": ("Initiative", "Iniciativa", "Iniciativa"),
    "col.type": ("Type", "Tipo", "Tipo"),
    "col.status": ("Status", "Estado", "Situação"),
    "col.country": ("Country", "País", "País"),
    "col.region": ("Admin-1 region", "Región", "Região"),
    "col.city": ("City", "Ciudad", "Cidade"),
    "col.registered": ("Registered", "Registrada", "Registrada"),
    "col.validated": ("Validated", "Validada", "Validada"),
    "col.founded": ("Founded", "Fundada", "Fundada"),
    "col.member_firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "col.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "col.per_million": ("Per million inhabitants", "Por millón de habitantes", "Por milhão de habitantes"),
    "col.firms_per_initiative": ("Firms per initiative", "Empresas por iniciativa", "Empresas por iniciativa"),
    "col.regions_covered": ("Admin-1 regions covered", "Regiones cubiertas", "Regiões cobertas"),
    "col.validated_share": ("Validated share", "Proporción validada", "Proporção validada"),
    "col.population": ("Population (millions)", "Población (millones)", "População (milhões)"),
    "col.sector": ("Driving sector", "Sector dinamizador", "Setor dinamizador"),
    "col.sectors": ("Driving sectors", "Sectores dinamizadores", "Setores dinamizadores"),
    "col.isic_sections": ("ISIC sections", "Secciones de la CIIU", "Seções da CIIU"),
    "col.managing_entity": ("Managing entity", "Entidad gestora", "Entidade gestora"),
    "col.website": ("Website", "Sitio web", "Site"),
    "col.other_members": ("Other members", "Otros miembros", "Outros membros"),
    "col.other_members_value": ("government {government}, academia {academia}, civil society {civil}",
                                "gobierno {government}, academia {academia}, sociedad civil {civil}",
                                "governo {government}, academia {academia}, sociedade civil {civil}"),
    "col.indicator": ("Indicator", "Indicador", "Indicador"),
    "axis.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "axis.registrations": ("Registrations", "Registros", "Registros"),
    "axis.cumulative": ("Initiatives registered (cumulative)", "Iniciativas registradas (acumulado)",
                        "Iniciativas registradas (acumulado)"),
    "axis.share_initiatives": ("Share of the country's initiatives", "Proporción de las iniciativas del país",
                               "Proporção das iniciativas do país"),
    "axis.share_firms": ("Share of the country's listed member firms", "Proporción de las empresas miembro listadas del país",
                         "Proporção das empresas membro listadas do país"),
    "chart.hover_count": ("{label}: {value}", "{label}: {value}", "{label}: {value}"),
    "group.other": ("Other", "Otros", "Outros"),
    "group.total": ("Total", "Total", "Total"),
    "group.no_sector": ("No driving sector", "Sin sector dinamizador", "Sem setor dinamizador"),
    # map
    "map.title": ("Map of initiatives", "Mapa de iniciativas", "Mapa de iniciativas"),
    "map.colour_by": ("Colour points by", "Colorear puntos por", "Colorir pontos por"),
    "map.colour.sector": ("Driving sector", "Sector dinamizador", "Setor dinamizador"),
    "map.colour.type": ("Type of initiative", "Tipo de iniciativa", "Tipo de iniciativa"),
    "map.view": ("Show", "Mostrar", "Mostrar"),
    "map.view.points": ("Initiatives", "Iniciativas", "Iniciativas"),
    "map.view.density": ("Density (hexagons)", "Densidad (hexágonos)", "Densidade (hexágonos)"),
    "map.shade": ("Shade countries by", "Sombrear países según", "Sombrear países por"),
    "map.shade.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "map.shade.per_million": ("Initiatives per million inhabitants", "Iniciativas por millón de habitantes",
                              "Iniciativas por milhão de habitantes"),
    "map.shade.none": ("No shading", "Sin sombreado", "Sem sombreamento"),
    "map.arcs": ("Collaboration links", "Vínculos de colaboración", "Vínculos de colaboração"),
    "map.arcs_bundled": (
        "{links} collaboration links, {cross} of them across borders: too many to draw one by one, so each pair of "
        "countries gets one arc, wider for more links. Narrow the filters to see single links.",
        "{links} vínculos de colaboración, {cross} de ellos transfronterizos: demasiados para dibujarlos uno a uno, "
        "así que cada par de países recibe un arco, más ancho cuantos más vínculos. Restrinja los filtros para ver "
        "vínculos individuales.",
        "{links} vínculos de colaboração, {cross} deles transfronteiriços: demais para desenhar um a um, então cada "
        "par de países recebe um arco, mais largo quanto mais vínculos. Restrinja os filtros para ver vínculos "
        "individuais.",
    ),
    "map.aggregated": (
        "{count} initiatives are too many to draw one by one, so they are grouped into cells of {cell} degrees; "
        "narrow the filters to see single initiatives.",
        "{count} iniciativas son demasiadas para dibujarlas una a una, así que se agrupan en celdas de {cell} grados; "
        "restrinja los filtros para ver iniciativas individuales.",
        "{count} iniciativas são demais para desenhar uma a uma, então são agrupadas em células de {cell} graus; "
        "restrinja os filtros para ver iniciativas individuais.",
    ),
    "map.alt": ("Map of the selected initiatives in Latin America and the Caribbean",
                "Mapa de las iniciativas seleccionadas en América Latina y el Caribe",
                "Mapa das iniciativas selecionadas na América Latina e no Caribe"),
    "map.legend_points": ("Initiatives by colour", "Iniciativas por color", "Iniciativas por cor"),
    "map.legend_shade": ("Country shading: {measure}", "Sombreado de países: {measure}", "Sombreamento dos países: {measure}"),
    "map.legend_density": ("Density: from pale yellow (few initiatives) to dark red (many).",
                           "Densidad: del amarillo pálido (pocas iniciativas) al rojo oscuro (muchas).",
                           "Densidade: do amarelo-claro (poucas iniciativas) ao vermelho-escuro (muitas)."),
    "map.legend_size": ("Point size grows with member firms.", "El tamaño del punto crece con las empresas miembro.",
                        "O tamanho do ponto cresce com as empresas membro."),
    "map.profile": ("Selected initiative", "Iniciativa seleccionada", "Iniciativa selecionada"),
    "map.profile_hint": ("Select a point on the map to see the initiative's profile here.",
                         "Seleccione un punto del mapa para ver aquí el perfil de la iniciativa.",
                         "Selecione um ponto no mapa para ver aqui o perfil da iniciativa."),
    "map.profile_gone": ("The selected initiative is no longer in the registry.",
                         "La iniciativa seleccionada ya no está en el registro.",
                         "A iniciativa selecionada não está mais no registro."),
    "tip.type": ("Type", "Tipo", "Tipo"),
    "tip.place": ("Place", "Lugar", "Local"),
    "tip.sectors": ("Sectors", "Sectores", "Setores"),
    "tip.firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "tip.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "tip.main_sector": ("Most common sector", "Sector más frecuente", "Setor mais frequente"),
    "tip.programme": ("Joint programme", "Programa conjunto", "Programa conjunto"),
    "tip.no_data": ("no initiatives", "sin iniciativas", "sem iniciativas"),
    # countries
    "countries.title": ("Countries", "Países", "Países"),
    "countries.intro": (
        "Coverage of the registry by country. Rates per million inhabitants use the population figures named in the footer.",
        "Cobertura del registro por país. Las tasas por millón de habitantes usan la población indicada al pie.",
        "Cobertura do registro por país. As taxas por milhão de habitantes usam a população indicada no rodapé.",
    ),
    "countries.measure": ("Shade the map by", "Sombrear el mapa según", "Sombrear o mapa por"),
    "countries.map_alt": ("Choropleth map of the countries", "Mapa coroplético de los países", "Mapa coroplético dos países"),
    "countries.ranking": ("Ranking", "Clasificación", "Classificação"),
    "countries.leading": ("Leading countries: {measure}", "Países a la cabeza: {measure}", "Países à frente: {measure}"),
    "countries.rank_by": ("Rank by", "Ordenar por", "Ordenar por"),
    "countries.show_all": ("Include countries with no initiative", "Incluir países sin iniciativas",
                           "Incluir países sem iniciativas"),
    "countries.compare": ("Compare countries", "Comparar países", "Comparar países"),
    "countries.compare_pick": ("Countries to compare (two to six)", "Países para comparar (de dos a seis)",
                               "Países para comparar (de dois a seis)"),
    "countries.compare_hint": ("Choose at least two countries to compare them side by side.",
                               "Elija al menos dos países para compararlos lado a lado.",
                               "Escolha pelo menos dois países para compará-los lado a lado."),
    "countries.indicators": ("Indicators side by side", "Indicadores lado a lado", "Indicadores lado a lado"),
    "countries.sector_mix": ("Driving-sector mix (primary sector)", "Combinación de sectores dinamizadores (sector principal)",
                             "Composição de setores dinamizadores (setor principal)"),
    "countries.types": ("Types of initiative", "Tipos de iniciativa", "Tipos de iniciativa"),
    "countries.growth": ("Growth since the launch", "Crecimiento desde el lanzamiento", "Crescimento desde o lançamento"),
    "countries.sizes": ("Listed member firms by size", "Empresas miembro listadas por tamaño",
                        "Empresas membro listadas por porte"),
    "measure.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "measure.initiatives_per_million": ("Initiatives per million inhabitants", "Iniciativas por millón de habitantes",
                                        "Iniciativas por milhão de habitantes"),
    "measure.member_firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "measure.firms_per_initiative": ("Firms per initiative", "Empresas por iniciativa", "Empresas por iniciativa"),
    "measure.regions_covered_share": ("Share of admin-1 regions covered", "Proporción de regiones cubiertas",
                                      "Proporção de regiões cobertas"),
    "measure.validated_share": ("Validated share", "Proporción validada", "Proporção validada"),
    # growth
    "growth.title": ("Growth of the registry", "Crecimiento del registro", "Crescimento do registro"),
    "growth.intro": (
        "New registrations per period and the running total. With no filter set, diamonds mark the milestones the "
        "registry export lists (its `milestones` table): public figures of the registry's size on given dates.",
        "Registros nuevos por período y total acumulado. Sin filtros, los rombos marcan los hitos que lista la "
        "exportación del registro (su tabla `milestones`): cifras públicas del tamaño del registro en fechas dadas.",
        "Novos registros por período e total acumulado. Sem filtros, os losangos marcam os marcos que a exportação do "
        "registro lista (sua tabela `milestones`): números públicos do tamanho do registro em datas dadas.",
    ),
    "growth.period": ("Period", "Período", "Período"),
    "growth.split": ("Split by", "Desglosar por", "Desagregar por"),
    "growth.per_period": ("Registrations per period", "Registros por período", "Registros por período"),
    "growth.cumulative": ("Running total", "Total acumulado", "Total acumulado"),
    "growth.total": ("Registrations", "Registros", "Registros"),
    "growth.latest": ("In the latest {period}", "En el último {period}", "No último {period}"),
    "growth.best": ("Busiest {period}", "{period} con más registros", "{period} com mais registros"),
    "period.month": ("month", "mes", "mês"),
    "period.quarter": ("quarter", "trimestre", "trimestre"),
    "period.year": ("year", "año", "ano"),
    "period.month.option": ("Month", "Mes", "Mês"),
    "period.quarter.option": ("Quarter", "Trimestre", "Trimestre"),
    "period.year.option": ("Year", "Año", "Ano"),
    "split.none": ("Nothing", "Nada", "Nada"),
    "split.country": ("Country", "País", "País"),
    "split.sector": ("Driving sector (primary)", "Sector dinamizador (principal)", "Setor dinamizador (principal)"),
    "milestone.legend": ("Public milestones", "Hitos públicos", "Marcos públicos"),
    # sectors
    "nav.sectors": ("Sectors", "Sectores", "Setores"),
    "sectors.title": ("Sectors", "Sectores", "Setores"),
    "sectors.intro": (
        "ECLAC's driving sectors and the ISIC sections side by side: the mix of the selection, where each country "
        "specialises, and the driving sectors a country has few or no initiatives in.",
        "Los sectores dinamizadores de la CEPAL y las secciones de la CIIU lado a lado: la composición de la selección, "
        "en qué se especializa cada país y los sectores dinamizadores con pocas o ninguna iniciativa en un país.",
        "Os setores dinamizadores da CEPAL e as seções da CIIU lado a lado: a composição da seleção, em que cada país "
        "se especializa e os setores dinamizadores com poucas ou nenhuma iniciativa em um país.",
    ),
    "sectors.mix": ("Sector mix", "Composición sectorial", "Composição setorial"),
    "sectors.mix_note": (
        "An initiative counts once in each of its sectors, so the shares can add up to more than 100%.",
        "Una iniciativa cuenta una vez en cada uno de sus sectores, por lo que las proporciones pueden sumar más del 100 %.",
        "Uma iniciativa conta uma vez em cada um de seus setores, então as proporções podem somar mais de 100%.",
    ),
    "sectors.scheme": ("Classification", "Clasificación", "Classificação"),
    "sectors.scheme.eclac_sector": ("ECLAC driving sectors", "Sectores dinamizadores de la CEPAL",
                                    "Setores dinamizadores da CEPAL"),
    "sectors.scheme.isic_section": ("ISIC Rev. 4 sections", "Secciones de la CIIU Rev. 4", "Seções da CIIU Rev. 4"),
    "sectors.matrix": ("Countries by sector", "Países por sector", "Países por setor"),
    "sectors.measure": ("Show", "Mostrar", "Mostrar"),
    "sectors.measure.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "sectors.measure.location_quotient": ("Location quotient", "Cociente de localización", "Quociente locacional"),
    "sectors.matrix_note": (
        "Each initiative counts once, in its primary sector. A location quotient is shown only where the cell has at "
        "least {min_cell} initiatives and the country at least {min_country}; other cells say \"too few\" and are not "
        "coloured. Bold: a specialisation (1.25 or more, its {confidence} interval wholly above 1). In parentheses: the "
        "interval includes 1, so the value cannot be told from the selection's own mix. The colour runs on a log scale "
        "from {low} to {high}; values beyond take the end colours.",
        "Cada iniciativa cuenta una vez, en su sector principal. El cociente de localización se muestra solo donde la "
        "celda tiene al menos {min_cell} iniciativas y el país al menos {min_country}; las demás celdas dicen "
        "\"pocas\" y no se colorean. En negrita: una especialización (1,25 o más, con su intervalo de {confidence} "
        "enteramente por encima de 1). Entre paréntesis: el intervalo incluye 1, así que el valor no se distingue de la "
        "composición de la propia selección. El color sigue una escala logarítmica de {low} a {high}; los valores "
        "fuera de ella toman los colores de los extremos.",
        "Cada iniciativa conta uma vez, em seu setor principal. O quociente locacional só é mostrado onde a célula tem "
        "pelo menos {min_cell} iniciativas e o país pelo menos {min_country}; as demais células dizem \"poucas\" e "
        "não são coloridas. Em negrito: uma especialização (1,25 ou mais, com seu intervalo de {confidence} inteiramente "
        "acima de 1). Entre parênteses: o intervalo inclui 1, então o valor não se distingue da composição da própria "
        "seleção. A cor segue uma escala logarítmica de {low} a {high}; valores além tomam as cores das pontas.",
    ),
    "sectors.lq_title": ("What the location quotient says", "Qué dice el cociente de localización",
                         "O que o quociente locacional diz"),
    "sectors.lq_body": (
        "The location quotient compares a country's mix with the mix of the whole selection: the share of the country's "
        "initiatives in a sector, divided by the share of all initiatives in that sector. A quotient of 1 means the "
        "country looks like the selection; 2 means the sector weighs twice as much in the country. A quotient of "
        "**1.25 or more** is read as a specialisation. With few initiatives in a country one initiative moves the "
        "quotient a lot: read it together with the counts.",
        "El cociente de localización compara la composición de un país con la de toda la selección: la proporción de "
        "las iniciativas del país en un sector, dividida por la proporción de todas las iniciativas en ese sector. Un "
        "cociente de 1 significa que el país se parece a la selección; 2, que el sector pesa el doble en el país. Un "
        "cociente de **1,25 o más** se lee como una especialización. Con pocas iniciativas en un país, una sola mueve "
        "mucho el cociente: léalo junto con los conteos.",
        "O quociente locacional compara a composição de um país com a de toda a seleção: a proporção das iniciativas do "
        "país em um setor, dividida pela proporção de todas as iniciativas nesse setor. Um quociente de 1 significa que "
        "o país se parece com a seleção; 2, que o setor pesa o dobro no país. Um quociente de **1,25 ou mais** é lido "
        "como uma especialização. Com poucas iniciativas em um país, uma só move muito o quociente: leia-o junto com as "
        "contagens.",
    ),
    "sectors.specialisations": ("Specialisations", "Especializaciones", "Especializações"),
    "sectors.specialised_help": ("Location quotient of 1.25 or more, with its interval wholly above 1",
                                 "Cociente de localización de 1,25 o más, con su intervalo enteramente por encima de 1",
                                 "Quociente locacional de 1,25 ou mais, com seu intervalo inteiramente acima de 1"),
    "sectors.col.sector": ("Sector", "Sector", "Setor"),
    "sectors.col.in_sector": ("Initiatives in the sector", "Iniciativas en el sector", "Iniciativas no setor"),
    "sectors.col.country_total": ("Country's initiatives", "Iniciativas del país", "Iniciativas do país"),
    "sectors.col.lq": ("Location quotient", "Cociente de localización", "Quociente locacional"),
    "sectors.col.specialised": ("Specialised", "Especializado", "Especializado"),
    "sectors.col.interval": ("{confidence} interval", "Intervalo de {confidence}", "Intervalo de {confidence}"),
    "sectors.too_few": ("too few", "pocas", "poucas"),
    "sectors.lq_axis": ("LQ (log scale)", "CL (escala log.)", "QL (escala log.)"),
    "sectors.lq_single_country": (
        "The location quotient compares a country's sector mix with the mix of the whole selection. The selection holds "
        "a single country, so the two are the same and every quotient would be 1: choose at least two countries (or "
        "none) to compare. The counts are shown instead.",
        "El cociente de localización compara la composición sectorial de un país con la de toda la selección. La "
        "selección contiene un solo país, así que ambas son iguales y todo cociente valdría 1: elija al menos dos países "
        "(o ninguno) para comparar. Se muestran los conteos en su lugar.",
        "O quociente locacional compara a composição setorial de um país com a de toda a seleção. A seleção contém um "
        "só país, então as duas são iguais e todo quociente valeria 1: escolha pelo menos dois países (ou nenhum) para "
        "comparar. As contagens são mostradas no lugar.",
    ),
    "sectors.gaps": ("Gaps in the driving sectors", "Brechas en los sectores dinamizadores",
                     "Lacunas nos setores dinamizadores"),
    "sectors.gaps_intro": (
        "Driving sectors with no more than the chosen number of initiatives in a country (an initiative counts in each "
        "of its driving sectors), for the countries that have any initiative in the selection.",
        "Sectores dinamizadores con no más del número elegido de iniciativas en un país (una iniciativa cuenta en cada "
        "uno de sus sectores dinamizadores), para los países con alguna iniciativa en la selección.",
        "Setores dinamizadores com não mais que o número escolhido de iniciativas em um país (uma iniciativa conta em "
        "cada um de seus setores dinamizadores), para os países com alguma iniciativa na seleção.",
    ),
    "sectors.gap_threshold": ("A gap is a driving sector with at most this many initiatives",
                              "Una brecha es un sector dinamizador con a lo sumo estas iniciativas",
                              "Uma lacuna é um setor dinamizador com no máximo estas iniciativas"),
    "sectors.col.gaps": ("Gaps", "Brechas", "Lacunas"),
    "sectors.col.gap_sectors": ("Driving sectors", "Sectores dinamizadores", "Setores dinamizadores"),
    # explorer
    "nav.explorer": ("Explorer", "Explorador", "Explorador"),
    "explorer.title": ("Explore the initiatives", "Explorar las iniciativas", "Explorar as iniciativas"),
    "explorer.intro": (
        "Search, sort and page through the initiatives the filters select; select a row to open its profile, which has "
        "its own link. The download buttons give every listed initiative, on all pages.",
        "Busque, ordene y recorra las iniciativas que seleccionan los filtros; seleccione una fila para abrir su perfil, "
        "que tiene su propio enlace. Los botones de descarga entregan todas las iniciativas listadas, en todas las páginas.",
        "Pesquise, ordene e percorra as iniciativas selecionadas pelos filtros; selecione uma linha para abrir seu perfil, "
        "que tem seu próprio link. Os botões de download entregam todas as iniciativas listadas, em todas as páginas.",
    ),
    "explorer.search": ("Search by name, city or id", "Buscar por nombre, ciudad o identificador",
                        "Pesquisar por nome, cidade ou identificador"),
    "explorer.search_hint": ("e.g. bogota software", "p. ej. bogota software", "p. ex. bogota software"),
    "explorer.search_truncated": (
        "Only the first {chars} characters and {terms} distinct words of a search are used; the rest was ignored.",
        "Solo se usan los primeros {chars} caracteres y {terms} palabras distintas de una búsqueda; el resto se ignoró.",
        "Só os primeiros {chars} caracteres e {terms} palavras distintas de uma pesquisa são usados; o resto foi ignorado."),
    "explorer.sort": ("Sort by", "Ordenar por", "Ordenar por"),
    "explorer.sort.registered_on": ("Registration date", "Fecha de registro", "Data de registro"),
    "explorer.sort.name": ("Name", "Nombre", "Nome"),
    "explorer.sort.country": ("Country", "País", "País"),
    "explorer.sort.member_firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "explorer.sort.founded_year": ("Year founded", "Año de fundación", "Ano de fundação"),
    "explorer.sort.city": ("City", "Ciudad", "Cidade"),
    "explorer.descending": ("Descending", "Descendente", "Decrescente"),
    "explorer.page_size": ("Rows per page", "Filas por página", "Linhas por página"),
    "explorer.page": ("Page (of {pages})", "Página (de {pages})", "Página (de {pages})"),
    "explorer.no_match": ("No initiative matches the search and the filters.",
                          "Ninguna iniciativa coincide con la búsqueda y los filtros.",
                          "Nenhuma iniciativa corresponde à pesquisa e aos filtros."),
    "explorer.select_hint": ("Select a row (the box at its left) to open the initiative's profile over the list; once "
                             "closed, it stays below the list.",
                             "Seleccione una fila (la casilla a su izquierda) para abrir el perfil de la iniciativa sobre "
                             "la lista; al cerrarlo, queda debajo de la lista.",
                             "Selecione uma linha (a caixa à esquerda) para abrir o perfil da iniciativa sobre a lista; "
                             "ao fechá-lo, ele fica abaixo da lista."),
    "explorer.profile": ("Profile", "Perfil", "Perfil"),
    "explorer.close": ("Close profile", "Cerrar perfil", "Fechar perfil"),
    "explorer.not_found": ("There is no initiative with the id {id} in the registry.",
                           "No hay ninguna iniciativa con el identificador {id} en el registro.",
                           "Não há nenhuma iniciativa com o identificador {id} no registro."),
    "explorer.permalink": ("Link to this profile: add this to the Explorer's address.",
                           "Enlace a este perfil: añada esto a la dirección del Explorador.",
                           "Link para este perfil: acrescente isto ao endereço do Explorador."),
    "explorer.members": ("Member firms by size and ISIC section", "Empresas miembro por tamaño y sección de la CIIU",
                         "Empresas membro por porte e seção da CIIU"),
    "explorer.no_listed_firms": ("The initiative lists no member firms; it declares {declared}.",
                                 "La iniciativa no lista empresas miembro; declara {declared}.",
                                 "A iniciativa não lista empresas membro; declara {declared}."),
    "explorer.collaborations": ("Collaborations", "Colaboraciones", "Colaborações"),
    "explorer.no_partners": ("No joint programme links this initiative to another.",
                             "Ningún programa conjunto vincula esta iniciativa con otra.",
                             "Nenhum programa conjunto liga esta iniciativa a outra."),
    "explorer.partner": ("Partner", "Socia", "Parceira"),
    "explorer.since": ("Since", "Desde", "Desde"),
    "explorer.cross_border": ("Across a border", "Transfronteriza", "Transfronteiriça"),
    "map.open_in_explorer": ("Open the full profile in the Explorer", "Abrir el perfil completo en el Explorador",
                             "Abrir o perfil completo no Explorador"),
    "download.title": ("Download the listed initiatives", "Descargar las iniciativas listadas",
                       "Baixar as iniciativas listadas"),
    "download.csv": ("CSV", "CSV", "CSV"),
    "download.xlsx": ("Excel", "Excel", "Excel"),
    "download.geojson": ("GeoJSON (points)", "GeoJSON (puntos)", "GeoJSON (pontos)"),
    "chart.download_svg": ("Download plot as an SVG (vector)", "Descargar el gráfico como SVG (vectorial)",
                           "Baixar o gráfico como SVG (vetorial)"),
    "download.csv_metadata": ("CSV metadata", "Metadatos del CSV", "Metadados do CSV"),
    "download.help": (
        "Every file says which filters and search made it and the data's vintage: the CSV in a second file (CSV "
        "metadata), Excel in a sheet named metadata, GeoJSON in the collection's properties. The CSV is UTF-8 with "
        "its header on the first line. Codes are explained under Data and methods.",
        "Cada archivo indica los filtros y la búsqueda que lo produjeron y la fecha de los datos: el CSV en un segundo "
        "archivo (Metadatos del CSV), el Excel en una hoja llamada metadata, el GeoJSON en las propiedades de la "
        "colección. El CSV está en UTF-8 con el encabezado en la primera línea. Los códigos se explican en Datos y "
        "métodos.",
        "Cada arquivo indica os filtros e a pesquisa que o produziram e a data dos dados: o CSV em um segundo arquivo "
        "(Metadados do CSV), o Excel em uma planilha chamada metadata, o GeoJSON nas propriedades da coleção. O CSV "
        "está em UTF-8 com o cabeçalho na primeira linha. Os códigos são explicados em Dados e métodos.",
    ),
    # network
    "nav.network": ("Network", "Red", "Rede"),
    "network.title": ("Collaboration network", "Red de colaboración", "Rede de colaboração"),
    "network.intro": (
        "Initiatives linked by joint programmes. A link is shown when both initiatives pass the filters.",
        "Iniciativas vinculadas por programas conjuntos. Un vínculo se muestra cuando ambas iniciativas cumplen los filtros.",
        "Iniciativas ligadas por programas conjuntos. Um vínculo é mostrado quando as duas iniciativas atendem aos filtros.",
    ),
    "network.programme": ("Joint programme", "Programa conjunto", "Programa conjunto"),
    "network.all_programmes": ("All programmes", "Todos los programas", "Todos os programas"),
    "network.empty": ("No collaboration links both of whose initiatives pass the filters.",
                      "No hay vínculos de colaboración cuyas dos iniciativas cumplan los filtros.",
                      "Não há vínculos de colaboração cujas duas iniciativas atendam aos filtros."),
    "network.links": ("Links", "Vínculos", "Vínculos"),
    "network.linked": ("Initiatives linked", "Iniciativas vinculadas", "Iniciativas ligadas"),
    "network.cross_share": ("Across a border", "Transfronterizos", "Transfronteiriços"),
    "network.programmes": ("Programmes", "Programas", "Programas"),
    "network.map_legend": (
        "Orange dots have a partner in another country; blue dots only partners at home. Dots grow with the number of "
        "links; orange arcs cross a border, blue arcs stay within a country.",
        "Los puntos naranjas tienen una socia en otro país; los azules, solo socias en el propio. Los puntos crecen con "
        "el número de vínculos; los arcos naranjas cruzan una frontera, los azules quedan dentro de un país.",
        "Os pontos laranja têm uma parceira em outro país; os azuis, só parceiras no próprio. Os pontos crescem com o "
        "número de vínculos; os arcos laranja cruzam uma fronteira, os azuis ficam dentro de um país.",
    ),
    "network.degree": ("Links per initiative", "Vínculos por iniciativa", "Vínculos por iniciativa"),
    "network.most_connected": ("Most connected initiatives", "Iniciativas más conectadas", "Iniciativas mais conectadas"),
    "network.cross_border": ("Links between countries", "Vínculos entre países", "Vínculos entre países"),
    "network.no_cross_border": ("No link crosses a border in this selection.",
                                "Ningún vínculo cruza una frontera en esta selección.",
                                "Nenhum vínculo cruza uma fronteira nesta seleção."),
    "network.col.links": ("Links", "Vínculos", "Vínculos"),
    "network.col.abroad": ("Links abroad", "Vínculos con el exterior", "Vínculos com o exterior"),
    "network.col.programmes": ("Programmes", "Programas", "Programas"),
    "network.col.pair": ("Countries", "Países", "Países"),
    # regions: the region filter, the Regions page, white spots (issue 12)
    "filter.regions": ("Admin-1 regions", "Regiones (primer nivel)", "Regiões (primeiro nível)"),
    "filter.regions_help": (
        "Departments, states, provinces (ISO 3166-2). Choose countries first to shorten the list.",
        "Departamentos, estados, provincias (ISO 3166-2). Elija primero los países para acortar la lista.",
        "Departamentos, estados, províncias (ISO 3166-2). Escolha primeiro os países para encurtar a lista.",
    ),
    "notice.regions_outside": (
        "The region filter holds {regions}, which lie in none of the chosen countries: no initiative can match. "
        "Remove those regions or add their country.",
        "El filtro de regiones incluye {regions}, que no están en ninguno de los países elegidos: ninguna iniciativa "
        "puede coincidir. Quite esas regiones o añada su país.",
        "O filtro de regiões inclui {regions}, que não ficam em nenhum dos países escolhidos: nenhuma iniciativa pode "
        "corresponder. Remova essas regiões ou adicione o país delas.",
    ),
    "nav.regions": ("Regions", "Regiones", "Regiões"),
    "regions.title": ("Regions and white spots", "Regiones y zonas sin iniciativas", "Regiões e vazios"),
    "regions.intro": (
        "Every first-level region (ISO 3166-2) of the countries in scope, with the initiatives matching the filters. "
        "White spots are the regions with none. Choose one region in the sidebar for its profile, two to six to compare "
        "them.",
        "Cada región de primer nivel (ISO 3166-2) de los países considerados, con las iniciativas que cumplen los "
        "filtros. Las zonas sin iniciativas son las regiones que no tienen ninguna. Elija una región en la barra lateral "
        "para ver su perfil, de dos a seis para compararlas.",
        "Cada região de primeiro nível (ISO 3166-2) dos países considerados, com as iniciativas que atendem aos filtros. "
        "Os vazios são as regiões sem nenhuma. Escolha uma região na barra lateral para ver seu perfil, de duas a seis "
        "para compará-las.",
    ),
    "regions.population_note": (
        "Population of listed cities: {source}. It counts only the places on that list, so it is a floor, not the "
        "region's population; initiatives per million use it.",
        "Población de las ciudades listadas: {source}. Solo cuenta los lugares de esa lista, así que es un mínimo, no la "
        "población de la región; las iniciativas por millón la usan.",
        "População das cidades listadas: {source}. Conta apenas os lugares dessa lista, portanto é um piso, não a "
        "população da região; as iniciativas por milhão a usam.",
    ),
    "regions.country": ("Country", "País", "País"),
    "regions.list": ("Regions of {country}", "Regiones de {country}", "Regiões de {country}"),
    "regions.covered": ("{covered} of {total} regions have at least one initiative matching the filters.",
                        "{covered} de {total} regiones tienen al menos una iniciativa que cumple los filtros.",
                        "{covered} de {total} regiões têm pelo menos uma iniciativa que atende aos filtros."),
    "regions.white_spots": ("White spots", "Zonas sin iniciativas", "Vazios"),
    "regions.white_spots_intro": (
        "Regions with no initiative matching the filters, the most populous first (by the population of their listed "
        "cities). The Map page draws them as hollow rings.",
        "Regiones sin ninguna iniciativa que cumpla los filtros, primero las más pobladas (según la población de sus "
        "ciudades listadas). La página Mapa las dibuja como anillos vacíos.",
        "Regiões sem nenhuma iniciativa que atenda aos filtros, primeiro as mais populosas (pela população de suas "
        "cidades listadas). A página Mapa as desenha como anéis vazios.",
    ),
    "regions.no_white_spots": ("Every region in scope has at least one initiative matching the filters.",
                               "Cada región considerada tiene al menos una iniciativa que cumple los filtros.",
                               "Cada região considerada tem pelo menos uma iniciativa que atende aos filtros."),
    "regions.white_spots_more": ("The {shown} most populous of {total} white spots.",
                                 "Las {shown} más pobladas de {total} zonas sin iniciativas.",
                                 "Os {shown} mais populosos de {total} vazios."),
    "regions.profile_kind": ("{kind} of {country} · ISO 3166-2 {code}", "{kind} de {country} · ISO 3166-2 {code}",
                             "{kind} de {country} · ISO 3166-2 {code}"),
    "regions.profile_mix": ("Sector mix: the region against {country}", "Composición sectorial: la región frente a {country}",
                            "Composição setorial: a região diante de {country}"),
    "regions.profile_initiatives": ("Initiatives in the region", "Iniciativas de la región", "Iniciativas da região"),
    "regions.profile_white_spot": (
        "No initiative in this region matches the filters: it is a white spot.",
        "Ninguna iniciativa de esta región cumple los filtros: es una zona sin iniciativas.",
        "Nenhuma iniciativa desta região atende aos filtros: é um vazio.",
    ),
    "regions.profile_link": ("Link to this profile", "Enlace a este perfil", "Link para este perfil"),
    "regions.compare": ("Regions side by side", "Regiones lado a lado", "Regiões lado a lado"),
    "regions.compare_hint": (
        "Choose one region in the sidebar's region filter for its profile, or two to six to compare them, within or "
        "across countries.",
        "Elija una región en el filtro de regiones de la barra lateral para ver su perfil, o de dos a seis para "
        "compararlas, dentro de un país o entre países.",
        "Escolha uma região no filtro de regiões da barra lateral para ver seu perfil, ou de duas a seis para "
        "compará-las, dentro de um país ou entre países.",
    ),
    "regions.too_many": ("{count} regions chosen: a side-by-side comparison takes two to six; they are listed below.",
                         "{count} regiones elegidas: la comparación lado a lado admite de dos a seis; se listan abajo.",
                         "{count} regiões escolhidas: a comparação lado a lado aceita de duas a seis; estão listadas "
                         "abaixo."),
    "regions.sector_shares": ("Sector mix (share of each region's initiatives)",
                              "Composición sectorial (proporción de las iniciativas de cada región)",
                              "Composição setorial (proporção das iniciativas de cada região)"),
    "regions.download": ("Download every region's figures (white spots marked)",
                         "Descargar las cifras de cada región (zonas sin iniciativas marcadas)",
                         "Baixar os números de cada região (vazios marcados)"),
    "regions.axis_share": ("Share of initiatives (each counts in every sector it has)",
                           "Proporción de las iniciativas (cada una cuenta en todos sus sectores)",
                           "Proporção das iniciativas (cada uma conta em todos os seus setores)"),
    "regions.whole_country": ("{country} (whole country)", "{country} (todo el país)", "{country} (país inteiro)"),
    "col.region_code": ("ISO 3166-2", "ISO 3166-2", "ISO 3166-2"),
    "col.leading_sectors": ("Leading driving sectors", "Principales sectores dinamizadores",
                            "Principais setores dinamizadores"),
    "col.city_population": ("Population of listed cities", "Población de las ciudades listadas",
                            "População das cidades listadas"),
    "col.per_million_cities": ("Initiatives per million (listed cities)", "Iniciativas por millón (ciudades listadas)",
                               "Iniciativas por milhão (cidades listadas)"),
    "col.listed_cities": ("Listed places", "Lugares listados", "Lugares listados"),
    "map.white_spots": ("White spots", "Zonas sin iniciativas", "Vazios"),
    "map.white_spots_capped": ("The {shown} most populous of {total} white spots are drawn; choose a country, or open "
                               "the Regions page, to see them all.",
                               "Se dibujan las {shown} zonas sin iniciativas más pobladas de {total}; elija un país, o "
                               "abra la página Regiones, para verlas todas.",
                               "São desenhados os {shown} vazios mais populosos de {total}; escolha um país, ou abra a "
                               "página Regiões, para ver todos."),
    "map.white_spot_legend": (
        "Hollow ring: a region with no initiative matching the filters, at the population-weighted centre of its listed "
        "cities (ring size: that population).",
        "Anillo vacío: una región sin iniciativas que cumplan los filtros, en el centro ponderado por población de sus "
        "ciudades listadas (tamaño del anillo: esa población).",
        "Anel vazio: uma região sem iniciativas que atendam aos filtros, no centro ponderado pela população de suas "
        "cidades listadas (tamanho do anel: essa população).",
    ),
    "map.white_spot_tooltip": ("White spot: {region}, {country} · no initiative · population of listed cities {population}",
                               "Zona sin iniciativas: {region}, {country} · ninguna iniciativa · población de las "
                               "ciudades listadas {population}",
                               "Vazio: {region}, {country} · nenhuma iniciativa · população das cidades listadas "
                               "{population}"),
    "data.indicator.region_population": ("Population of listed cities (regions)",
                                         "Población de las ciudades listadas (regiones)",
                                         "População das cidades listadas (regiões)"),
    "data.indicator.region_population.body": (
        "No offline source gives the population of every admin-1 region, so a region's figure is the sum of the "
        "populations of its places on GeoNames' cities1000 list (places with at least 1,000 people when listed; the year "
        "of each figure varies by place). It is a floor, named as such wherever it is shown. Initiatives per million "
        "(listed cities) divides a region's initiatives by it, and is left blank where no listed place has a known "
        "population. A white spot is a region with no initiative matching the filters, among the regions of the chosen "
        "countries (or of every country with an initiative in the registry); it is drawn at the population-weighted "
        "centre of its listed places: the mean of their coordinates, each weighted by its population.",
        "Ninguna fuente sin conexión da la población de cada región de primer nivel, así que la cifra de una región es "
        "la suma de las poblaciones de sus lugares en la lista cities1000 de GeoNames (lugares con al menos 1.000 "
        "habitantes al ser listados; el año de cada cifra varía según el lugar). Es un mínimo, y así se nombra donde se "
        "muestra. Las iniciativas por millón (ciudades listadas) dividen las iniciativas de la región por esa cifra, y "
        "quedan en blanco donde ningún lugar listado tiene población conocida. Una zona sin iniciativas es una región sin "
        "ninguna iniciativa que cumpla los filtros, entre las regiones de los países elegidos (o de todo país con alguna "
        "iniciativa en el registro); se dibuja en el centro ponderado por población de sus lugares listados: la media de "
        "sus coordenadas, cada una ponderada por su población.",
        "Nenhuma fonte offline dá a população de cada região de primeiro nível, então o número de uma região é a soma "
        "das populações de seus lugares na lista cities1000 do GeoNames (lugares com pelo menos 1.000 habitantes quando "
        "listados; o ano de cada número varia conforme o lugar). É um piso, e assim é nomeado onde aparece. As "
        "iniciativas por milhão (cidades listadas) dividem as iniciativas da região por esse número, e ficam em branco "
        "onde nenhum lugar listado tem população conhecida. Um vazio é uma região sem nenhuma iniciativa que atenda aos "
        "filtros, entre as regiões dos países escolhidos (ou de todo país com alguma iniciativa no registro); é "
        "desenhado no centro ponderado pela população de seus lugares listados: a média de suas coordenadas, cada uma "
        "ponderada por sua população.",
    ),
    # shading scales (issue 12): what is off the scale
    "shade.no_initiative": ("no initiative matching the filters", "ninguna iniciativa que cumpla los filtros",
                            "nenhuma iniciativa que atenda aos filtros"),
    "shade.no_data": ("no data (no population figure)", "sin datos (sin cifra de población)",
                      "sem dados (sem número de população)"),
    "shade.keys": (
        "The scale starts at zero. White: no initiative matching the filters · mid grey: no data · light grey: outside "
        "the filters.",
        "La escala empieza en cero. Blanco: ninguna iniciativa que cumpla los filtros · gris medio: sin datos · gris "
        "claro: fuera de los filtros.",
        "A escala começa em zero. Branco: nenhuma iniciativa que atenda aos filtros · cinza médio: sem dados · cinza "
        "claro: fora dos filtros.",
    ),
    # data and methods
    "nav.data": ("Data and methods", "Datos y métodos", "Dados e métodos"),
    "data.title": ("Data and methods", "Datos y métodos", "Dados e métodos"),
    "data.intro": (
        "What the figures in this app are made of, how each indicator is defined, and how to load a real registry export.",
        "De qué están hechas las cifras de esta aplicación, cómo se define cada indicador y cómo cargar una exportación "
        "real del registro.",
        "Do que são feitos os números deste aplicativo, como cada indicador é definido e como carregar uma exportação "
        "real do registro.",
    ),
    "data.synthetic_body": (
        "This database is synthetic: the demo generator invented every initiative, firm and link, with plausible names "
        "and places, so that the app can be tried and tested. Its figures say nothing about ECLAC's registry. Load a "
        "real export (below) to replace it.",
        "Esta base de datos es sintética: el generador de demostración inventó cada iniciativa, empresa y vínculo, con "
        "nombres y lugares verosímiles, para que la aplicación pueda probarse. Sus cifras no dicen nada del registro de "
        "la CEPAL. Cargue una exportación real (abajo) para reemplazarla.",
        "Este banco de dados é sintético: o gerador de demonstração inventou cada iniciativa, empresa e vínculo, com "
        "nomes e lugares verossímeis, para que o aplicativo possa ser testado. Seus números não dizem nada sobre o "
        "registro da CEPAL. Carregue uma exportação real (abaixo) para substituí-lo.",
    ),
    "data.real_body": (
        "This database was built from a registry export, not from the demo generator.",
        "Esta base de datos se generó a partir de una exportación del registro, no con el generador de demostración.",
        "Este banco de dados foi gerado a partir de uma exportação do registro, não pelo gerador de demonstração.",
    ),
    "data.vintage": ("Vintage and source", "Fecha y fuente", "Data e fonte"),
    "data.built_at": ("Built", "Generada", "Gerado"),
    "data.source": ("From the export", "A partir de la exportación", "A partir da exportação"),
    "data.checksum": ("Checksum of the export (SHA-256)", "Suma de control de la exportación (SHA-256)",
                      "Soma de verificação da exportação (SHA-256)"),
    "data.format_version": ("Export format version", "Versión del formato de exportación", "Versão do formato de exportação"),
    "data.population": ("Population figures", "Cifras de población", "Números de população"),
    "data.demo": ("Demo generator", "Generador de demostración", "Gerador de demonstração"),
    "data.counts": ("What the database holds", "Qué contiene la base de datos", "O que o banco de dados contém"),
    "data.table.initiatives": ("Initiatives", "Iniciativas", "Iniciativas"),
    "data.table.firms": ("Firms", "Empresas", "Empresas"),
    "data.table.memberships": ("Memberships", "Membresías", "Associações"),
    "data.table.collaborations": ("Collaboration links", "Vínculos de colaboración", "Vínculos de colaboração"),
    "data.meaning": ("What it means", "Qué significa", "O que significa"),
    "data.status.registered": (
        "The initiative registered itself on the platform and has not been reviewed yet.",
        "La iniciativa se registró en la plataforma y aún no ha sido revisada.",
        "A iniciativa se registrou na plataforma e ainda não foi revisada.",
    ),
    "data.status.validated": (
        "The registry reviewed the initiative and shows it on the public map.",
        "El registro revisó la iniciativa y la muestra en el mapa público.",
        "O registro revisou a iniciativa e a mostra no mapa público.",
    ),
    "data.status.inactive": (
        "The initiative no longer operates; it stays in the registry for its history.",
        "La iniciativa ya no opera; permanece en el registro por su historia.",
        "A iniciativa não opera mais; permanece no registro por sua história.",
    ),
    "data.inclusion": ("Inclusion criteria", "Criterios de inclusión", "Critérios de inclusão"),
    "data.inclusion_body": (
        "ECLAC's platform covers cluster initiatives and other territorial productive articulation initiatives (IAPT): "
        "industrial districts, co-operative associations, business networks, local productive arrangements, value-chain "
        "programmes, competitiveness routes and regional strategic programmes. An initiative has a collaborative strategy "
        "(agreed goals, a roadmap, responsibilities) and collaborative governance (joint decision bodies). Initiatives "
        "register themselves and are validated before they appear on the public map, so the app shows every status and "
        "lets the filters choose. A record is loaded only when it passes every rule of the export format; the build "
        "reports every problem by file, row and column.",
        "La plataforma de la CEPAL abarca iniciativas clúster y otras iniciativas de articulación productiva territorial "
        "(IAPT): distritos industriales, asociaciones cooperativas, redes empresariales, arreglos productivos locales, "
        "programas de cadena de valor, rutas competitivas y programas estratégicos regionales. Una iniciativa tiene una "
        "estrategia colaborativa (objetivos acordados, hoja de ruta, responsabilidades) y una gobernanza colaborativa "
        "(órganos de decisión conjuntos). Las iniciativas se registran por sí mismas y se validan antes de aparecer en el "
        "mapa público, por lo que la aplicación muestra todos los estados y deja elegir con los filtros. Un registro se "
        "carga solo si cumple todas las reglas del formato de exportación; la carga informa cada problema por archivo, "
        "fila y columna.",
        "A plataforma da CEPAL abrange iniciativas de cluster e outras iniciativas de articulação produtiva territorial "
        "(IAPT): distritos industriais, associações cooperativas, redes empresariais, arranjos produtivos locais, "
        "programas de cadeia de valor, rotas competitivas e programas estratégicos regionais. Uma iniciativa tem uma "
        "estratégia colaborativa (objetivos acordados, roteiro, responsabilidades) e uma governança colaborativa (órgãos "
        "de decisão conjuntos). As iniciativas se registram por conta própria e são validadas antes de aparecer no mapa "
        "público, por isso o aplicativo mostra todas as situações e deixa escolher com os filtros. Um registro só é "
        "carregado se cumprir todas as regras do formato de exportação; a carga informa cada problema por arquivo, "
        "linha e coluna.",
    ),
    "data.indicators": ("Indicators", "Indicadores", "Indicadores"),
    "data.indicator.per_million": ("Initiatives per million inhabitants", "Iniciativas por millón de habitantes",
                                   "Iniciativas por milhão de habitantes"),
    "data.indicator.per_million.body": (
        "A country's initiatives in the selection divided by its population in millions. The population figures and "
        "their year are named above and in every page's footer.",
        "Las iniciativas de un país en la selección divididas por su población en millones. Las cifras de población y su "
        "año se indican arriba y al pie de cada página.",
        "As iniciativas de um país na seleção divididas por sua população em milhões. Os números de população e seu ano "
        "são indicados acima e no rodapé de cada página.",
    ),
    "data.indicator.location_quotient": ("Location quotient", "Cociente de localización", "Quociente locacional"),
    "data.indicator.location_quotient.body": (
        "LQ = (c ÷ n) ÷ (s ÷ t): c a country's initiatives whose primary sector it is, n the country's initiatives, s "
        "the selection's initiatives in the sector, t the selection's initiatives, so each initiative counts once. 1 is "
        "the selection's own mix. It is shown only where c is at least {min_cell} and n at least {min_country} (with "
        "fewer, one initiative more or less moves the quotient by a third or more; a country with 2 initiatives could "
        "show 30), and only when the selection holds two countries or more (with one, every quotient is 1). Each shown "
        "value has a {confidence} interval treating c as a Poisson count and n, s, t as fixed: the exact (Garwood) "
        "interval for the mean of c, [χ²(α/2; 2c) ÷ 2, χ²(1 − α/2; 2c + 2) ÷ 2] with α = {alpha}, multiplied by t ÷ "
        "(n s). A specialisation is a quotient of 1.25 or more whose interval lies wholly above 1. The heat map colours "
        "log(LQ) on a diverging scale centred on 1 and clipped at {low} and {high}.",
        "CL = (c ÷ n) ÷ (s ÷ t): c las iniciativas de un país cuyo sector principal es ese, n las iniciativas del país, "
        "s las iniciativas de la selección en el sector, t las iniciativas de la selección, así que cada iniciativa "
        "cuenta una vez. 1 es la composición de la propia selección. Se muestra solo donde c es al menos {min_cell} y n "
        "al menos {min_country} (con menos, una iniciativa de más o de menos mueve el cociente un tercio o más; un país "
        "con 2 iniciativas podría mostrar 30), y solo cuando la selección contiene dos países o más (con uno, todo "
        "cociente vale 1). Cada valor mostrado tiene un intervalo de {confidence} que trata c como un conteo de Poisson y "
        "n, s, t como fijos: el intervalo exacto (Garwood) para la media de c, [χ²(α/2; 2c) ÷ 2, χ²(1 − α/2; 2c + 2) ÷ "
        "2] con α = {alpha}, multiplicado por t ÷ (n s). Una especialización es un cociente de 1,25 o más cuyo "
        "intervalo queda enteramente por encima de 1. El mapa de calor colorea log(CL) en una escala divergente "
        "centrada en 1 y recortada en {low} y {high}.",
        "QL = (c ÷ n) ÷ (s ÷ t): c as iniciativas de um país cujo setor principal é esse, n as iniciativas do país, s as "
        "iniciativas da seleção no setor, t as iniciativas da seleção, então cada iniciativa conta uma vez. 1 é a "
        "composição da própria seleção. Só é mostrado onde c é pelo menos {min_cell} e n pelo menos {min_country} (com "
        "menos, uma iniciativa a mais ou a menos move o quociente em um terço ou mais; um país com 2 iniciativas poderia "
        "mostrar 30), e só quando a seleção contém dois países ou mais (com um, todo quociente vale 1). Cada valor "
        "mostrado tem um intervalo de {confidence} que trata c como uma contagem de Poisson e n, s, t como fixos: o "
        "intervalo exato (Garwood) para a média de c, [χ²(α/2; 2c) ÷ 2, χ²(1 − α/2; 2c + 2) ÷ 2] com α = {alpha}, "
        "multiplicado por t ÷ (n s). Uma especialização é um quociente de 1,25 ou mais cujo intervalo fica inteiramente "
        "acima de 1. O mapa de calor colore log(QL) em uma escala divergente centrada em 1 e cortada em {low} e {high}.",
    ),
    "data.indicator.regions_covered": ("Admin-1 regions covered", "Regiones de primer nivel cubiertas",
                                       "Regiões de primeiro nível cobertas"),
    "data.indicator.regions_covered.body": (
        "The first-level administrative regions (departments, states, provinces, regions: ISO 3166-2) with at least one "
        "initiative in the selection, out of all the country's regions, those with none included.",
        "Las regiones administrativas de primer nivel (departamentos, estados, provincias, regiones: ISO 3166-2) con al "
        "menos una iniciativa en la selección, sobre todas las regiones del país, incluidas las que no tienen ninguna.",
        "As regiões administrativas de primeiro nível (departamentos, estados, províncias, regiões: ISO 3166-2) com pelo "
        "menos uma iniciativa na seleção, sobre todas as regiões do país, incluídas as que não têm nenhuma.",
    ),
    "data.indicator.member_firms": ("Member firms", "Empresas miembro", "Empresas membro"),
    "data.indicator.member_firms.body": (
        "Distinct firms listed as members (a firm in two initiatives counts once), plus the number declared by "
        "initiatives that list no firms. With a firm-size filter only listed firms of those sizes count, because the "
        "sizes of declared firms are unknown.",
        "Empresas distintas listadas como miembros (una empresa en dos iniciativas cuenta una vez), más el número "
        "declarado por las iniciativas que no listan empresas. Con un filtro de tamaño solo cuentan las empresas listadas "
        "de esos tamaños, porque el tamaño de las declaradas no se conoce.",
        "Empresas distintas listadas como membros (uma empresa em duas iniciativas conta uma vez), mais o número declarado "
        "pelas iniciativas que não listam empresas. Com um filtro de porte só contam as empresas listadas desses portes, "
        "porque o porte das declaradas não é conhecido.",
    ),
    "data.indicator.validated_share": ("Validated share", "Proporción validada", "Proporção validada"),
    "data.indicator.validated_share.body": (
        "Validated initiatives divided by all initiatives in the selection, whatever their status.",
        "Iniciativas validadas divididas por todas las iniciativas de la selección, cualquiera sea su estado.",
        "Iniciativas validadas divididas por todas as iniciativas da seleção, qualquer que seja sua situação.",
    ),
    "data.indicator.firms_per_initiative": ("Firms per initiative", "Empresas por iniciativa", "Empresas por iniciativa"),
    "data.indicator.firms_per_initiative.body": (
        "The average over a country's initiatives of each one's member firms (listed, or declared where none are listed).",
        "El promedio, sobre las iniciativas de un país, de las empresas miembro de cada una (listadas, o declaradas si no "
        "hay lista).",
        "A média, sobre as iniciativas de um país, das empresas membro de cada uma (listadas, ou declaradas quando não há "
        "lista).",
    ),
    "data.indicator.recent": ("New in the last 30 and 365 days", "Nuevas en los últimos 30 y 365 días",
                              "Novas nos últimos 30 e 365 dias"),
    "data.indicator.recent.body": (
        "Initiatives registered in the 30 or 365 days up to the day the database was built, not up to today, so a "
        "figure does not change while the data stays the same.",
        "Iniciativas registradas en los 30 o 365 días hasta el día en que se generó la base de datos, no hasta hoy, para "
        "que una cifra no cambie mientras los datos siguen iguales.",
        "Iniciativas registradas nos 30 ou 365 dias até o dia em que o banco de dados foi gerado, não até hoje, para que "
        "um número não mude enquanto os dados continuam iguais.",
    ),
    "data.indicator.links": ("Collaboration links", "Vínculos de colaboración", "Vínculos de colaboração"),
    "data.indicator.links.body": (
        "Two initiatives in a joint programme. A link counts when both initiatives pass the filters; it crosses a "
        "border when they are in different countries. An initiative's links are its number of partners in all programmes.",
        "Dos iniciativas en un programa conjunto. Un vínculo cuenta cuando ambas iniciativas cumplen los filtros; es "
        "transfronterizo cuando están en países distintos. Los vínculos de una iniciativa son su número de socias en "
        "todos los programas.",
        "Duas iniciativas em um programa conjunto. Um vínculo conta quando as duas iniciativas atendem aos filtros; é "
        "transfronteiriço quando estão em países diferentes. Os vínculos de uma iniciativa são seu número de parceiras "
        "em todos os programas.",
    ),
    "data.downloads": ("Downloads", "Descargas", "Downloads"),
    "data.formulas": (
        "The registry is filled in by the public, so a name may be written to look like a spreadsheet formula. In every "
        "CSV file the app writes (downloads, and an import's problems, rejected rows and changes), a text cell that "
        "begins with `=`, `+`, `-`, `@`, a tab or a carriage return starts with an apostrophe (`'`), as OWASP "
        "recommends against CSV injection: Excel and LibreOffice then show it as text instead of running it. Numbers "
        "are written as they are. The Excel download needs no apostrophe: its cells are stored as text.",
        "El registro lo completa el público, así que un nombre puede estar escrito como una fórmula de hoja de cálculo. "
        "En todo archivo CSV que escribe la aplicación (descargas, y los problemas, filas rechazadas y cambios de una "
        "importación), una celda de texto que empieza con `=`, `+`, `-`, `@`, un tabulador o un retorno de carro lleva "
        "un apóstrofo (`'`) delante, como recomienda OWASP contra la inyección en CSV: Excel y LibreOffice la muestran "
        "como texto en lugar de ejecutarla. Los números se escriben tal cual. La descarga en Excel no lo necesita: sus "
        "celdas se guardan como texto.",
        "O registro é preenchido pelo público, então um nome pode estar escrito como uma fórmula de planilha. Em todo "
        "arquivo CSV que o aplicativo escreve (downloads, e os problemas, linhas rejeitadas e mudanças de uma "
        "importação), uma célula de texto que começa com `=`, `+`, `-`, `@`, uma tabulação ou um retorno de carro leva "
        "um apóstrofo (`'`) na frente, como recomenda a OWASP contra a injeção em CSV: o Excel e o LibreOffice a mostram "
        "como texto em vez de executá-la. Os números são escritos como estão. O download em Excel não precisa disso: "
        "suas células são gravadas como texto."),
    "data.downloads_body": (
        "The Explorer downloads every listed initiative as CSV, Excel or GeoJSON; the Map downloads its points as "
        "GeoJSON. Each file says which filters and search made it and which database it comes from (build time, export "
        "name, SHA-256 checksum, synthetic or not), and the filters as a query you can add to the app's address to "
        "reopen the view. The CSV (UTF-8 with a byte-order mark, header on the first line) opens as it is in Excel, "
        "`pandas.read_csv` or `polars.read_csv`; its facts are in a second file, `…-metadata.csv`, one `key,value` "
        "a line. The Excel file has them in a sheet named `metadata`, the "
        "GeoJSON in the collection's `properties`, and each point carries `data_built_at` and `synthetic`. The CSV and "
        "Excel headers are in the page's language, and each code has a column of its own beside its name (\"Type "
        "(code)\": `cluster`); the GeoJSON keeps the format's keys and codes. Every code is listed below.",
        "El Explorador descarga todas las iniciativas listadas en CSV, Excel o GeoJSON; el Mapa descarga sus puntos en "
        "GeoJSON. Cada archivo dice qué filtros y búsqueda lo produjeron y de qué base de datos proviene (hora de "
        "generación, nombre de la exportación, suma de control SHA-256, sintética o no), y los filtros como una consulta "
        "que puede añadirse a la dirección de la aplicación para reabrir la vista. El CSV (UTF-8 con marca de orden de "
        "bytes, encabezado en la primera línea) se abre tal cual en Excel, `pandas.read_csv` o `polars.read_csv`; sus "
        "datos están en un segundo archivo, `…-metadata.csv`, un `key,value` por línea. El Excel los tiene en una "
        "hoja llamada `metadata`, el GeoJSON en las `properties` de la colección, y cada punto "
        "lleva `data_built_at` y `synthetic`. Los encabezados del CSV y del Excel están en el idioma de la página, y cada "
        "código tiene una columna propia junto a su nombre (\"Tipo (código)\": `cluster`); el GeoJSON conserva las "
        "claves y los códigos del formato. Todos los códigos se listan abajo.",
        "O Explorador baixa todas as iniciativas listadas em CSV, Excel ou GeoJSON; o Mapa baixa seus pontos em GeoJSON. "
        "Cada arquivo diz quais filtros e pesquisa o produziram e de qual banco de dados vem (hora de geração, nome da "
        "exportação, soma de verificação SHA-256, sintético ou não), e os filtros como uma consulta que pode ser "
        "acrescentada ao endereço do aplicativo para reabrir a visão. O CSV (UTF-8 com marca de ordem de bytes, "
        "cabeçalho na primeira linha) abre como está no Excel, `pandas.read_csv` ou `polars.read_csv`; seus dados estão "
        "em um segundo arquivo, `…-metadata.csv`, um `key,value` por linha. O Excel os tem em uma "
        "planilha chamada `metadata`, o GeoJSON nas `properties` da coleção, e cada ponto leva `data_built_at` e "
        "`synthetic`. Os cabeçalhos do CSV e do Excel estão no idioma da página, e cada código tem uma coluna própria "
        "ao lado do seu nome (\"Tipo (código)\": `cluster`); o GeoJSON mantém as chaves e os códigos do formato. Todos "
        "os códigos estão listados abaixo.",
    ),
    "data.load": ("How to load a real export", "Cómo cargar una exportación real", "Como carregar uma exportação real"),
    "data.load_body": (
        "Export the registry as a folder of CSV files or one Excel workbook in the format below, then build the database "
        "with the `iapt` command. The build checks every row first and writes nothing if it finds a problem (unless "
        "`--skip-invalid` is given); it writes a new file beside the old one and swaps it in at once, and the app shows "
        "the new data on the next click, without a restart.",
        "Exporte el registro como una carpeta de archivos CSV o un libro de Excel en el formato de abajo y genere la base "
        "de datos con el comando `iapt`. La carga revisa antes cada fila y no escribe nada si encuentra un problema "
        "(salvo con `--skip-invalid`); escribe un archivo nuevo junto al anterior y lo reemplaza de una vez, y la "
        "aplicación muestra los datos nuevos en el siguiente clic, sin reiniciarse.",
        "Exporte o registro como uma pasta de arquivos CSV ou uma pasta de trabalho do Excel no formato abaixo e gere o "
        "banco de dados com o comando `iapt`. A carga verifica antes cada linha e não grava nada se encontrar um problema "
        "(exceto com `--skip-invalid`); grava um arquivo novo ao lado do anterior e o substitui de uma vez, e o aplicativo "
        "mostra os dados novos no próximo clique, sem reiniciar.",
    ),
    "data.format": ("The export format, for registry keepers (Markdown, in English)",
                    "El formato de exportación, para quienes mantienen el registro (Markdown, en inglés)",
                    "O formato de exportação, para quem mantém o registro (Markdown, em inglês)"),
    "data.codes": ("Codes and their names", "Códigos y sus nombres", "Códigos e seus nomes"),
    "data.codes.type": ("Types", "Tipos", "Tipos"),
    "data.codes.status": ("Statuses", "Estados", "Situações"),
    "data.codes.size_class": ("Firm sizes", "Tamaños de empresa", "Portes de empresa"),
    "data.codes.eclac_sector": ("Driving sectors", "Sectores dinamizadores", "Setores dinamizadores"),
    "data.codes.isic_section": ("ISIC sections", "Secciones de la CIIU", "Seções da CIIU"),
    "data.code": ("Code", "Código", "Código"),
    "data.name": ("Name", "Nombre", "Nome"),
    # presenter mode
    "present.toggle": ("Presenter mode", "Modo presentación", "Modo apresentação"),
    "present.toggle_help": (
        "Slides of the current selection for a projector: large type, high contrast, no sidebar. Also opened by "
        "adding ?present=1 to the address.",
        "Diapositivas de la selección actual para un proyector: letra grande, alto contraste, sin barra lateral. "
        "También se abre añadiendo ?present=1 a la dirección.",
        "Slides da seleção atual para um projetor: letra grande, alto contraste, sem barra lateral. Também abre "
        "acrescentando ?present=1 ao endereço.",
    ),
    "present.previous": ("Previous", "Anterior", "Anterior"),
    "present.next": ("Next", "Siguiente", "Próximo"),
    "present.exit": ("Exit", "Salir", "Sair"),
    "present.counter": ("**{number} / {total}**", "**{number} / {total}**", "**{number} / {total}**"),
    # presenter mode's hidden buttons, there for their keyboard shortcuts (a screen reader may still name them)
    "present.key.page_up": ("Previous slide", "Diapositiva anterior", "Slide anterior"),
    "present.key.page_down": ("Next slide", "Diapositiva siguiente", "Próximo slide"),
    "present.key.space": ("Next slide", "Diapositiva siguiente", "Próximo slide"),
    "present.key.home": ("First slide", "Primera diapositiva", "Primeiro slide"),
    "present.key.end": ("Last slide", "Última diapositiva", "Último slide"),
    # the synthetic-data notice in one line, for a slide
    "present.synthetic": ("Synthetic demonstration data, not ECLAC's registry",
                          "Datos sintéticos de demostración, no el registro de la CEPAL",
                          "Dados sintéticos de demonstração, não o registro da CEPAL"),
    "present.slide.headline": ("The registry at a glance", "El registro de un vistazo", "O registro num relance"),
    "present.slide.map": ("Where the initiatives are", "Dónde están las iniciativas", "Onde estão as iniciativas"),
    "present.slide.growth": ("Growth of the registry", "Crecimiento del registro", "Crescimento do registro"),
    "present.slide.sectors": ("Leading driving sectors", "Sectores dinamizadores principales",
                              "Principais setores dinamizadores"),
    "present.slide.spotlight": ("Country in the spotlight", "País destacado", "País em destaque"),
    "present.spotlight_pick": ("Country", "País", "País"),
    "present.keys": ("← → · Page Up / Page Down · Space · Home / End: move between slides",
                     "← → · Re Pág / Av Pág · Espacio · Inicio / Fin: cambiar de diapositiva",
                     "← → · Page Up / Page Down · Espaço · Home / End: mudar de slide"),
    # exported briefing
    "briefing.button": ("Export briefing", "Exportar nota informativa", "Exportar nota informativa"),
    "briefing.help": (
        "One HTML file with the headline figures, map, growth and sectors of the selection, that opens offline.",
        "Un archivo HTML con las cifras principales, el mapa, el crecimiento y los sectores de la selección, que se abre "
        "sin conexión.",
        "Um arquivo HTML com os números principais, o mapa, o crescimento e os setores da seleção, que abre sem conexão.",
    ),
    "briefing.for": ("Briefing for", "Nota informativa de", "Nota informativa de"),
    "briefing.for_selection": ("The current selection", "La selección actual", "A seleção atual"),
    # the exported briefing's own words
    "briefing.title": ("Briefing: cluster initiatives in Latin America and the Caribbean",
                       "Nota informativa: iniciativas clúster en América Latina y el Caribe",
                       "Nota informativa: iniciativas de cluster na América Latina e no Caribe"),
    "briefing.title_country": ("Briefing: cluster initiatives in {country}", "Nota informativa: iniciativas clúster en {country}",
                               "Nota informativa: iniciativas de cluster em {country}"),
    "briefing.scope_all": ("The whole registry, with no filters.", "Todo el registro, sin filtros.",
                           "Todo o registro, sem filtros."),
    "briefing.scope": ("Selection:", "Selección:", "Seleção:"),
    "briefing.generated": ("Exported from IAPT Atlas on {date}.", "Exportada desde el Atlas IAPT el {date}.",
                           "Exportada do Atlas IAPT em {date}."),
    "briefing.where": ("Where the initiatives are", "Dónde están las iniciativas", "Onde estão as iniciativas"),
    "briefing.spotlight": ("Country in the spotlight: {country}", "País destacado: {country}", "País em destaque: {country}"),
    "briefing.about": ("About the data", "Sobre los datos", "Sobre os dados"),
    "briefing.reopen": ("To reopen this selection in the app, add this to its address:",
                        "Para volver a abrir esta selección en la aplicación, añada esto a su dirección:",
                        "Para reabrir esta seleção no aplicativo, acrescente isto ao seu endereço:"),
    "briefing.offline": ("This file is self-contained: it opens without an internet connection.",
                         "Este archivo es autónomo: se abre sin conexión a internet.",
                         "Este arquivo é autossuficiente: abre sem conexão à internet."),
    "briefing.empty": ("No initiative matches the filters of this briefing.",
                       "Ninguna iniciativa cumple los filtros de esta nota.",
                       "Nenhuma iniciativa atende aos filtros desta nota."),
    "briefing.of": ("{part} of {whole}", "{part} de {whole}", "{part} de {whole}"),
    "briefing.founded_between": ("{start} to {end}", "{start} a {end}", "{start} a {end}"),
    # a briefing of one country: its regions, and its sectors against the region's mix
    "briefing.regions": ("Initiatives by region in {country}", "Iniciativas por región en {country}",
                         "Iniciativas por região em {country}"),
    "briefing.regions_note": ("The {shown} regions with most initiatives; {covered} of the country's {total} regions "
                              "have at least one.",
                              "Las {shown} regiones con más iniciativas; {covered} de las {total} regiones del país "
                              "tienen al menos una.",
                              "As {shown} regiões com mais iniciativas; {covered} das {total} regiões do país têm "
                              "pelo menos uma."),
    "briefing.sectors_against": ("Driving sectors: {country} and Latin America and the Caribbean",
                                 "Sectores dinamizadores: {country} y América Latina y el Caribe",
                                 "Setores dinamizadores: {country} e América Latina e Caribe"),
    "briefing.sectors_against_note": (
        "Share of initiatives in each of the country's leading sectors (an initiative may have several). Latin America "
        "and the Caribbean: every initiative in the registry with the same filters, wherever it is.",
        "Proporción de las iniciativas en cada uno de los sectores principales del país (una iniciativa puede tener "
        "varios). América Latina y el Caribe: todas las iniciativas del registro con los mismos filtros, estén donde "
        "estén.",
        "Proporção das iniciativas em cada um dos principais setores do país (uma iniciativa pode ter vários). América "
        "Latina e Caribe: todas as iniciativas do registro com os mesmos filtros, onde quer que estejam.",
    ),
    "briefing.lac": ("Latin America and the Caribbean", "América Latina y el Caribe", "América Latina e Caribe"),
    "axis.share_of_initiatives": ("Share of initiatives", "Proporción de las iniciativas", "Proporção das iniciativas"),
    # the admin "Update registry" page and its sign-in box (app_pages/admin.py, app_support/admin_access.py)
    "admin.title": ("Update registry", "Actualizar el registro", "Atualizar o registro"),
    "admin.app_title": ("IAPT Atlas registry admin", "Administración del registro del Atlas IAPT",
                        "Administração do registro do Atlas IAPT"),
    "admin.no_password": ("No admin password is set: set {env} (at least {length} characters) and start the admin "
                          "instance again.",
                          "No hay contraseña de administrador: defina {env} (al menos {length} caracteres) y vuelva a "
                          "iniciar la instancia de administración.",
                          "Não há senha de administrador: defina {env} (pelo menos {length} caracteres) e inicie de "
                          "novo a instância de administração."),
    "admin.weak_password": ("The admin password is too weak: use at least {length} characters, not only spaces or one "
                            "repeated character, in {env}, and start the admin instance again.",
                            "La contraseña de administrador es demasiado débil: use al menos {length} caracteres, no "
                            "solo espacios ni un carácter repetido, en {env}, y vuelva a iniciar la instancia de "
                            "administración.",
                            "A senha de administrador é fraca demais: use pelo menos {length} caracteres, não só espaços "
                            "nem um caractere repetido, em {env}, e inicie de novo a instância de administração."),
    "admin.wait": ("Too many failed attempts: try again in {seconds} s.",
                   "Demasiados intentos fallidos: vuelva a intentarlo en {seconds} s.",
                   "Tentativas falhas demais: tente de novo em {seconds} s."),
    "admin.signed_in": ("Signed in as the registry admin.", "Sesión iniciada como administrador del registro.",
                        "Sessão iniciada como administrador do registro."),
    "admin.sign_out": ("Sign out", "Cerrar sesión", "Sair"),
    "admin.password": ("Admin password", "Contraseña de administrador", "Senha de administrador"),
    "admin.sign_in": ("Sign in", "Iniciar sesión", "Entrar"),
    "admin.wrong_password": ("That is not the admin password.",
                             "Esa no es la contraseña de administrador.",
                             "Essa não é a senha de administrador."),
    "admin.not_signed_in": ("This page is for registry admins. Sign in first.",
                            "Esta página es para los administradores del registro. Inicie sesión primero.",
                            "Esta página é para os administradores do registro. Entre primeiro."),
    "admin.intro": (
        "The live registry is {path}. Nothing changes until you press \"{button}\"; the current database is then "
        "kept as a dated backup.",
        "El registro en uso es {path}. Nada cambia hasta que presione \"{button}\"; entonces la base de datos actual "
        "se guarda como respaldo fechado.",
        "O registro em uso é {path}. Nada muda até que você clique em \"{button}\"; então o banco de dados atual é "
        "guardado como backup datado."),
    "admin.upload": (
        "The export: CSV files (initiatives, firms, memberships, collaborations) or one workbook, {limit} MB at most",
        "La exportación: archivos CSV (iniciativas, empresas, membresías, colaboraciones) o un libro de Excel, "
        "{limit} MB como máximo",
        "A exportação: arquivos CSV (iniciativas, empresas, associações, colaborações) ou uma pasta de trabalho do "
        "Excel, no máximo {limit} MB"),
    "admin.skip_invalid": ("Load the valid rows and set the invalid ones aside",
                           "Cargar las filas válidas y dejar aparte las no válidas",
                           "Carregar as linhas válidas e deixar de lado as inválidas"),
    "admin.skip_invalid_help": ("Without this, any problem stops the update.",
                                "Sin esta opción, cualquier problema detiene la actualización.",
                                "Sem esta opção, qualquer problema interrompe a atualização."),
    "admin.check": ("Check the export", "Revisar la exportación", "Verificar a exportação"),
    "admin.checking": ("Checking the export...", "Revisando la exportación...", "Verificando a exportação..."),
    "admin.too_large": ("The upload is {size} MB; the limit is {limit} MB.",
                        "El archivo cargado tiene {size} MB; el límite es de {limit} MB.",
                        "O envio tem {size} MB; o limite é de {limit} MB."),
    "admin.replaced": ("The registry has been replaced.{backup} Every page now shows the new data.",
                       "Se reemplazó el registro.{backup} Todas las páginas muestran ahora los nuevos datos.",
                       "O registro foi substituído.{backup} Todas as páginas agora mostram os novos dados."),
    "admin.backup": (" The previous one is kept as {name}.", " El anterior se guarda como {name}.",
                     " O anterior foi guardado como {name}."),
    "admin.nothing_loadable": ("Nothing can be loaded from this export. Correct the problems and check it again.",
                               "No se puede cargar nada de esta exportación. Corrija los problemas y revísela de nuevo.",
                               "Nada pode ser carregado desta exportação. Corrija os problemas e verifique-a novamente."),
    "admin.replace": ("Replace the registry", "Reemplazar el registro", "Substituir o registro"),
    "admin.discard": ("Discard", "Descartar", "Descartar"),
    "admin.not_checked": ("The export was not checked: {error}", "No se revisó la exportación: {error}",
                          "A exportação não foi verificada: {error}"),
    "admin.not_replaced": ("The registry was not replaced: {error}", "No se reemplazó el registro: {error}",
                           "O registro não foi substituído: {error}"),
    "admin.col.table": ("table", "tabla", "tabela"),
    "admin.col.rows_read": ("rows read", "filas leídas", "linhas lidas"),
    "admin.col.rows_loaded": ("rows to load", "filas por cargar", "linhas a carregar"),
    "admin.col.rows_rejected": ("rows rejected", "filas rechazadas", "linhas rejeitadas"),
    "admin.no_problems": ("No problems found.", "No se encontraron problemas.", "Nenhum problema encontrado."),
    "admin.problems_shown": (" (the first {count} below)", " (abajo, los primeros {count})",
                             " (abaixo, os primeiros {count})"),
    "admin.download_problems": ("Download every problem (CSV)", "Descargar todos los problemas (CSV)",
                                "Baixar todos os problemas (CSV)"),
    "admin.download_rejects": ("Download the rejected {table} with their reasons (CSV)",
                               "Descargar las filas rechazadas de {table} con sus motivos (CSV)",
                               "Baixar as linhas rejeitadas de {table} com seus motivos (CSV)"),
    "admin.no_changes": ("No change summary: {error}", "Sin resumen de cambios: {error}",
                         "Sem resumo de alterações: {error}"),
    "admin.changes": ("What would change", "Qué cambiaría", "O que mudaria"),
}

# Texts that hold a count, in each language's CLDR plural forms (Babel's rules): key → one dict per language,
# category ("one", "many", "other") → text. "other" is required; a category a language lacks falls back to it.
# `tn(key, n, lang, ...)` picks the form for `n` (the figure the sentence's noun agrees with).
PLURALS: dict[str, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {
    "sidebar.matching": (
        {"one": "{count} of {total} initiative matches the filters.",
         "other": "{count} of {total} initiatives match the filters."},
        {"one": "{count} de {total} iniciativa cumple los filtros.",
         "other": "{count} de {total} iniciativas cumplen los filtros."},
        {"one": "{count} de {total} iniciativa atende aos filtros.",
         "other": "{count} de {total} iniciativas atendem aos filtros."},
    ),
    "metric.validated_help": (
        {"one": "{validated} of {total} initiative has been validated.",
         "other": "{validated} of {total} initiatives have been validated."},
        {"one": "{validated} de {total} iniciativa ha sido validada.",
         "other": "{validated} de {total} iniciativas han sido validadas."},
        {"one": "{validated} de {total} iniciativa foi validada.",
         "other": "{validated} de {total} iniciativas foram validadas."},
    ),
    "map.arcs_summary": (
        {"one": "{links} collaboration link drawn; across borders: {cross}.",
         "other": "{links} collaboration links drawn, {cross} of them across borders."},
        {"one": "{links} vínculo de colaboración dibujado; transfronterizos: {cross}.",
         "other": "{links} vínculos de colaboración dibujados, {cross} de ellos transfronterizos."},
        {"one": "{links} vínculo de colaboração desenhado; transfronteiriços: {cross}.",
         "other": "{links} vínculos de colaboração desenhados, {cross} deles transfronteiriços."},
    ),
    "growth.busiest_count": (
        {"one": "{count} registration", "other": "{count} registrations"},
        {"one": "{count} registro", "other": "{count} registros"},
        {"one": "{count} registro", "other": "{count} registros"},
    ),
    "explorer.showing": (
        {"one": "Initiative {first} of {total}", "other": "Initiatives {first} to {last} of {total}"},
        {"one": "Iniciativa {first} de {total}", "other": "Iniciativas {first} a {last} de {total}"},
        {"one": "Iniciativa {first} de {total}", "other": "Iniciativas {first} a {last} de {total}"},
    ),
    "admin.problems": (
        {"one": "{count} problem{shown}. Rows count as a spreadsheet shows them; row 0 is the whole file.",
         "other": "{count} problems{shown}. Rows count as a spreadsheet shows them; row 0 is the whole file."},
        {"one": "{count} problema{shown}. Las filas se cuentan como las muestra una hoja de cálculo; la fila 0 es el "
                "archivo completo.",
         "other": "{count} problemas{shown}. Las filas se cuentan como las muestra una hoja de cálculo; la fila 0 es "
                  "el archivo completo."},
        {"one": "{count} problema{shown}. As linhas são contadas como uma planilha as mostra; a linha 0 é o arquivo "
                "inteiro.",
         "other": "{count} problemas{shown}. As linhas são contadas como uma planilha as mostra; a linha 0 é o arquivo "
                  "inteiro."},
    ),
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
}
# Spanish and Portuguese abbreviate months in lower case; September is "sept" in Spanish style guides
# but "sep" keeps every short month three letters long, which keeps axis labels aligned.
SHORT_MONTHS = {lang: tuple(name[:3] for name in names) for lang, names in MONTHS.items()}
QUARTER_PREFIX = {"en": "Q", "es": "T", "pt": "T"}
MISSING = "–"


def language(code: str | None) -> str:
    """A supported language code; anything else (a hand-edited URL) falls back to English."""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values) -> str:
    text = LABELS[key][LANGUAGES.index(language(lang))]
    return text.format(**values) if values else text


# The app's English is British, as the UN's is ("12 Dec 2023", day before month): CLDR's en_GB
CLDR_LOCALES = {"en": "en_GB", "es": "es", "pt": "pt"}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(CLDR_LOCALES[language(lang)])


def plural_category(count: float | int, lang: str) -> str:
    """CLDR's plural category of `count` in `lang` ("one", "many", "other"...), by Babel's rules."""
    return _locale(lang).plural_form(abs(count))


def tn(key: str, n: float | int, lang: str, /, **values) -> str:
    """The text of a PLURALS entry in the form that agrees with `n`; placeholders are filled as in `t`."""
    forms = PLURALS[key][LANGUAGES.index(language(lang))]
    text = forms.get(plural_category(n, lang), forms["other"])
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


SOURCE_KEYS = ("source.wpp2022",)


def sources(text: str | None, lang: str) -> str:
    """A vintage string written by the build in English ("<source> (2021)"), its known source names translated."""
    if not text:
        return MISSING
    for key in SOURCE_KEYS:
        text = text.replace(LABELS[key][0], t(key, lang))
    return text


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimals_pattern(pattern: str, decimals: int) -> str:
    """A CLDR pattern ("#,##0 %") with exactly `decimals` decimal places."""
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """12,345.6 in English; 12.345,6 in Spanish and Portuguese: CLDR's symbols, through Babel."""
    if _is_missing(value):
        return MISSING
    return format_decimal(value, format=_decimals_pattern("#,##0", decimals), locale=_locale(lang))


def signed(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if _is_missing(value):
        return MISSING
    return ("+" if value > 0 else "") + number(value, lang, decimals)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.423) as a percentage in the language's CLDR pattern: 42% in English and Portuguese, 42 % (with a
    no-break space) in Spanish. Chart axes use the same function (viz.style.percent_axis), so both read alike."""
    if _is_missing(share):
        return MISSING
    pattern = _locale(lang).percent_formats[None].pattern
    return format_percent(share, format=_decimals_pattern(pattern, decimals), locale=_locale(lang))


def month_name(month: int, lang: str, short: bool = False) -> str:
    return (SHORT_MONTHS if short else MONTHS)[language(lang)][month - 1]


def date(value: dt.date | None, lang: str, long: bool = False) -> str:
    """12 Dec 2023 / 12 dic 2023 / 12 dez 2023; long: 12 December 2023 / 12 de diciembre de 2023."""
    if value is None:
        return MISSING
    lang = language(lang)
    month = month_name(value.month, lang, short=not long)
    if long and lang != "en":
        return f"{value.day} de {month} de {value.year}"
    return f"{value.day} {month} {value.year}"


def date_input_format(lang: str) -> str:
    """The order of day, month and year in the language's CLDR short date (d/M/yy in Spanish, dd/MM/y in British), as
    one of the formats Streamlit's date input accepts, with the year in full."""
    pattern = _locale(lang).date_formats["short"].pattern
    order = sorted("dMy", key=lambda field: pattern.find(field))
    return "/".join({"d": "DD", "M": "MM", "y": "YYYY"}[field] for field in order)


def timestamp(value: dt.datetime | None, lang: str) -> str:
    if value is None:
        return MISSING
    return f"{date(value.date(), lang)}, {value:%H:%M}"


def period(value: dt.date, unit: str, lang: str) -> str:
    """The label of the month, quarter or year that starts on `value`."""
    lang = language(lang)
    if unit == "year":
        return str(value.year)
    if unit == "quarter":
        return f"{QUARTER_PREFIX[lang]}{(value.month - 1) // 3 + 1} {value.year}"
    return f"{month_name(value.month, lang, short=True)} {value.year}"


# (decimal mark, group separator) of each language, from CLDR
SEPARATORS = {code: (get_decimal_symbol(_locale(code)), get_group_symbol(_locale(code))) for code in LANGUAGES}


def plotly_separators(lang: str) -> str:
    """Plotly's `layout.separators`: CLDR's decimal mark then group separator, as `number` writes them."""
    return get_decimal_symbol(_locale(lang)) + get_group_symbol(_locale(lang))
