"""Every word the app shows, in English, Spanish and Portuguese, and how each language writes numbers and dates.

One table (`LABELS`) holds the interface text so that a missing translation is a failing
test, not a page that suddenly switches language. Names of codes (sectors, types, statuses,
size classes, subregions) are not repeated here: they live in `analytics.taxonomy`, and
country names in the database. Formatting is done here rather than by the browser's locale,
because the reader chooses the language in the app, not in their browser.
"""

from __future__ import annotations

import datetime as dt
import math
from string import Formatter

from analytics import taxonomy

LANGUAGES = taxonomy.LANGUAGES
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}

# key → (English, Spanish, Portuguese); placeholders in braces are filled by `t`
# The indicators the app shows, each defined on the Data and methods page under `data.indicator.<name>`.
INDICATORS = ("per_million", "location_quotient", "regions_covered", "member_firms", "validated_share",
              "firms_per_initiative", "recent", "links")

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
    "sidebar.matching": ("{count} of {total} initiatives match the filters.",
                         "{count} de {total} iniciativas cumplen los filtros.",
                         "{count} de {total} iniciativas atendem aos filtros."),
    "sidebar.all": ("All", "Todos", "Todos"),
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
        "Data built {built} from {source} (checksum {checksum}) · {initiatives} initiatives, {firms} firms · "
        "population: {population}",
        "Datos generados el {built} a partir de {source} (suma de control {checksum}) · {initiatives} iniciativas, "
        "{firms} empresas · población: {population}",
        "Dados gerados em {built} a partir de {source} (soma de verificação {checksum}) · {initiatives} iniciativas, "
        "{firms} empresas · população: {population}",
    ),
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
    "metric.validated_help": ("{validated} of {total} initiatives have been validated.",
                              "{validated} de {total} iniciativas han sido validadas.",
                              "{validated} de {total} iniciativas foram validadas."),
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
    "map.arcs_summary": ("{links} collaboration links drawn, {cross} of them across borders.",
                         "{links} vínculos de colaboración dibujados, {cross} de ellos transfronterizos.",
                         "{links} vínculos de colaboração desenhados, {cross} deles transfronteiriços."),
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
        "New registrations per period and the running total. Diamonds mark the public milestones of ECLAC's registry: "
        "about 258 initiatives at the launch on 12 December 2023 and nearly 400 by mid 2025.",
        "Registros nuevos por período y total acumulado. Los rombos marcan los hitos públicos del registro de la CEPAL: "
        "unas 258 iniciativas en el lanzamiento del 12 de diciembre de 2023 y casi 400 a mediados de 2025.",
        "Novos registros por período e total acumulado. Os losangos marcam os marcos públicos do registro da CEPAL: "
        "cerca de 258 iniciativas no lançamento em 12 de dezembro de 2023 e quase 400 em meados de 2025.",
    ),
    "growth.period": ("Period", "Período", "Período"),
    "growth.split": ("Split by", "Desglosar por", "Desagregar por"),
    "growth.per_period": ("Registrations per period", "Registros por período", "Registros por período"),
    "growth.cumulative": ("Running total", "Total acumulado", "Total acumulado"),
    "growth.total": ("Registrations", "Registros", "Registros"),
    "growth.latest": ("In the latest {period}", "En el último {period}", "No último {period}"),
    "growth.best": ("Busiest {period}", "{period} con más registros", "{period} com mais registros"),
    "growth.busiest_count": ("{count} registrations", "{count} registros", "{count} registros"),
    "period.month": ("month", "mes", "mês"),
    "period.quarter": ("quarter", "trimestre", "trimestre"),
    "period.year": ("year", "año", "ano"),
    "period.month.option": ("Month", "Mes", "Mês"),
    "period.quarter.option": ("Quarter", "Trimestre", "Trimestre"),
    "period.year.option": ("Year", "Año", "Ano"),
    "split.none": ("Nothing", "Nada", "Nada"),
    "split.country": ("Country", "País", "País"),
    "split.sector": ("Driving sector (primary)", "Sector dinamizador (principal)", "Setor dinamizador (principal)"),
    "milestone.launch": ("Launch, 12 Dec 2023: about 258", "Lanzamiento, 12 dic 2023: unas 258",
                         "Lançamento, 12 dez 2023: cerca de 258"),
    "milestone.mid_2025": ("Mid 2025: nearly 400", "Mediados de 2025: casi 400", "Meados de 2025: quase 400"),
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
        "Each initiative counts once, in its primary sector. Location quotients of 1.25 or more are in bold; a blank "
        "cell is a sector with no initiative anywhere in the selection.",
        "Cada iniciativa cuenta una vez, en su sector principal. Los cocientes de localización de 1,25 o más van en "
        "negrita; una celda vacía es un sector sin ninguna iniciativa en la selección.",
        "Cada iniciativa conta uma vez, em seu setor principal. Quocientes locacionais de 1,25 ou mais estão em negrito; "
        "uma célula vazia é um setor sem nenhuma iniciativa na seleção.",
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
    "sectors.specialised_help": ("Location quotient of 1.25 or more", "Cociente de localización de 1,25 o más",
                                 "Quociente locacional de 1,25 ou mais"),
    "sectors.col.sector": ("Sector", "Sector", "Setor"),
    "sectors.col.in_sector": ("Initiatives in the sector", "Iniciativas en el sector", "Iniciativas no setor"),
    "sectors.col.country_total": ("Country's initiatives", "Iniciativas del país", "Iniciativas do país"),
    "sectors.col.lq": ("Location quotient", "Cociente de localización", "Quociente locacional"),
    "sectors.col.specialised": ("Specialised (≥ 1.25)", "Especializado (≥ 1,25)", "Especializado (≥ 1,25)"),
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
    "explorer.showing": ("Initiatives {first} to {last} of {total}", "Iniciativas {first} a {last} de {total}",
                         "Iniciativas {first} a {last} de {total}"),
    "explorer.no_match": ("No initiative matches the search and the filters.",
                          "Ninguna iniciativa coincide con la búsqueda y los filtros.",
                          "Nenhuma iniciativa corresponde à pesquisa e aos filtros."),
    "explorer.select_hint": ("Select a row (the box at its left) to open the initiative's profile below.",
                             "Seleccione una fila (la casilla a su izquierda) para abrir el perfil de la iniciativa abajo.",
                             "Selecione uma linha (a caixa à esquerda) para abrir o perfil da iniciativa abaixo."),
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
        "(a country's initiatives in a sector ÷ the country's initiatives) ÷ (the selection's initiatives in the sector ÷ "
        "the selection's initiatives), on primary sectors so each initiative counts once. 1 is the selection's own mix; "
        "1.25 or more marks a specialisation. Undefined for a sector with no initiative in the selection.",
        "(iniciativas de un país en un sector ÷ iniciativas del país) ÷ (iniciativas de la selección en el sector ÷ "
        "iniciativas de la selección), sobre los sectores principales para que cada iniciativa cuente una vez. 1 es la "
        "composición de la propia selección; 1,25 o más indica una especialización. No se define para un sector sin "
        "iniciativas en la selección.",
        "(iniciativas de um país em um setor ÷ iniciativas do país) ÷ (iniciativas da seleção no setor ÷ iniciativas da "
        "seleção), sobre os setores principais para que cada iniciativa conte uma vez. 1 é a composição da própria "
        "seleção; 1,25 ou mais indica uma especialização. Não é definido para um setor sem iniciativas na seleção.",
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
    "data.downloads_body": (
        "The Explorer downloads every listed initiative as CSV, Excel or GeoJSON; the Map downloads its points as "
        "GeoJSON. Each file says which filters and search made it and which database it comes from (build time, export "
        "name, SHA-256 checksum, synthetic or not), and the filters as a query you can add to the app's address to "
        "reopen the view. The CSV (UTF-8 with a byte-order mark, header on the first line) opens as it is in Excel, "
        "`pandas.read_csv` or `polars.read_csv`; its facts are in a second file, `…-metadata.csv`, one `key,value` "
        "a line. The Excel file has them in a sheet named `metadata`, the "
        "GeoJSON in the collection's `properties`, and each point carries `data_built_at` and `synthetic`. Values are "
        "codes (`agri`, `validated`): their names are listed below.",
        "El Explorador descarga todas las iniciativas listadas en CSV, Excel o GeoJSON; el Mapa descarga sus puntos en "
        "GeoJSON. Cada archivo dice qué filtros y búsqueda lo produjeron y de qué base de datos proviene (hora de "
        "generación, nombre de la exportación, suma de control SHA-256, sintética o no), y los filtros como una consulta "
        "que puede añadirse a la dirección de la aplicación para reabrir la vista. El CSV (UTF-8 con marca de orden de "
        "bytes, encabezado en la primera línea) se abre tal cual en Excel, `pandas.read_csv` o `polars.read_csv`; sus "
        "datos están en un segundo archivo, `…-metadata.csv`, un `key,value` por línea. El Excel los tiene en una "
        "hoja llamada `metadata`, el GeoJSON en las `properties` de la colección, y cada punto "
        "lleva `data_built_at` y `synthetic`. Los valores son códigos (`agri`, `validated`): sus nombres se listan abajo.",
        "O Explorador baixa todas as iniciativas listadas em CSV, Excel ou GeoJSON; o Mapa baixa seus pontos em GeoJSON. "
        "Cada arquivo diz quais filtros e pesquisa o produziram e de qual banco de dados vem (hora de geração, nome da "
        "exportação, soma de verificação SHA-256, sintético ou não), e os filtros como uma consulta que pode ser "
        "acrescentada ao endereço do aplicativo para reabrir a visão. O CSV (UTF-8 com marca de ordem de bytes, "
        "cabeçalho na primeira linha) abre como está no Excel, `pandas.read_csv` ou `polars.read_csv`; seus dados estão "
        "em um segundo arquivo, `…-metadata.csv`, um `key,value` por linha. O Excel os tem em uma "
        "planilha chamada `metadata`, o GeoJSON nas `properties` da coleção, e cada ponto leva `data_built_at` e "
        "`synthetic`. Os valores são códigos (`agri`, `validated`): seus nomes estão listados abaixo.",
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
    "admin.sidebar": ("Registry admin", "Administración del registro", "Administração do registro"),
    "admin.signed_in": ("Signed in: the Update registry page is in the navigation.",
                        "Sesión iniciada: la página Actualizar el registro está en la navegación.",
                        "Sessão iniciada: a página Atualizar o registro está na navegação."),
    "admin.sign_out": ("Sign out", "Cerrar sesión", "Sair"),
    "admin.password": ("Admin password", "Contraseña de administrador", "Senha de administrador"),
    "admin.sign_in": ("Sign in", "Iniciar sesión", "Entrar"),
    "admin.wrong_password": ("That is not the admin password.",
                             "Esa no es la contraseña de administrador.",
                             "Essa não é a senha de administrador."),
    "admin.not_signed_in": ("This page is for registry admins. Sign in from the sidebar.",
                            "Esta página es para los administradores del registro. Inicie sesión desde la barra lateral.",
                            "Esta página é para os administradores do registro. Entre pela barra lateral."),
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
    "admin.not_replaced": ("The registry was not replaced: {error}", "No se reemplazó el registro: {error}",
                           "O registro não foi substituído: {error}"),
    "admin.col.table": ("table", "tabla", "tabela"),
    "admin.col.rows_read": ("rows read", "filas leídas", "linhas lidas"),
    "admin.col.rows_loaded": ("rows to load", "filas por cargar", "linhas a carregar"),
    "admin.col.rows_rejected": ("rows rejected", "filas rechazadas", "linhas rejeitadas"),
    "admin.no_problems": ("No problems found.", "No se encontraron problemas.", "Nenhum problema encontrado."),
    "admin.problems": ("{count} problem(s){shown}. Rows count as a spreadsheet shows them; row 0 is the whole file.",
                       "{count} problema(s){shown}. Las filas se cuentan como las muestra una hoja de cálculo; la fila 0 "
                       "es el archivo completo.",
                       "{count} problema(s){shown}. As linhas são contadas como uma planilha as mostra; a linha 0 é o "
                       "arquivo inteiro."),
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
# (decimal mark, thousands separator)
SEPARATORS = {"en": (".", ","), "es": (",", "."), "pt": (",", ".")}
MISSING = "–"


def language(code: str | None) -> str:
    """A supported language code; anything else (a hand-edited URL) falls back to English."""
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values) -> str:
    text = LABELS[key][LANGUAGES.index(language(lang))]
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """12,345.6 in English; 12.345,6 in Spanish and Portuguese."""
    if _is_missing(value):
        return MISSING
    text = f"{value:,.{decimals}f}"
    decimal_mark, thousands = SEPARATORS[language(lang)]
    return text.replace(",", "\0").replace(".", decimal_mark).replace("\0", thousands)


def signed(value: float | int | None, lang: str, decimals: int = 0) -> str:
    if _is_missing(value):
        return MISSING
    return ("+" if value > 0 else "") + number(value, lang, decimals)


def percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.423) as a percentage; Spanish style puts a space before the sign."""
    if _is_missing(share):
        return MISSING
    return number(share * 100, lang, decimals) + (" %" if language(lang) == "es" else "%")


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


def plotly_separators(lang: str) -> str:
    """Plotly's `layout.separators`: decimal mark then thousands separator."""
    return "".join(SEPARATORS[language(lang)])
