"""The benchmark's baseline: the registry's questions answered the way a typical Streamlit app answers them.

pandas reads the export's CSV files into memory once (`Baseline.load`, what such an app caches with
`st.cache_data`), derives what every page needs, and each question then filters and groups those frames.
Each method takes the arguments of the function of the same name in analytics/serving/queries.py and returns the
same columns with the same meaning, so benchmarks/questions.py can check both answers equal and the
timings compare like with like. It reads exports as the registry keeper writes them (codes, ISO dates,
comma-separated); the messier inputs the validator accepts are out of its scope.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.reference import gazetteer, taxonomy
from analytics.reference.text import normalise_text
from analytics.serving.filters import Filters

SCHEMES = ("eclac_sector", "isic_section")
SECTOR_COLUMNS = {"eclac_sector": "priority_sectors", "isic_section": "isic_sections"}
PERIODS = {"month": "M", "quarter": "Q", "year": "Y"}
SORTABLE = ("name", "country", "registered_on", "member_firms", "type", "status", "city", "founded_year")
MAX_PAGE_SIZE = 500
SYNTHETIC_MARK = "SYNTHETIC"
# combining diacritical marks: what is left of an accent once a text is decomposed
ACCENTS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"

TEXT = "str"
INITIATIVE_DTYPES = {
    "id": TEXT, "name": TEXT, "type": TEXT, "status": TEXT, "country": TEXT, "region": TEXT, "city": TEXT,
    "latitude": "float64", "longitude": "float64", "founded_year": "Int64", "priority_sectors": TEXT,
    "isic_sections": TEXT, "managing_entity": TEXT, "website": TEXT, "member_firms_declared": "Int64",
    "members_government": "Int64", "members_academia": "Int64", "members_civil_society": "Int64", "source": TEXT,
}
FIRM_DTYPES = {"id": TEXT, "size_class": TEXT, "isic_section": TEXT}
MEMBERSHIP_DTYPES = {"firm_id": TEXT, "initiative_id": TEXT}
COLLABORATION_DTYPES = {"initiative_a": TEXT, "initiative_b": TEXT, "programme": TEXT}

LISTED = ["id", "name", "type", "status", "country", "region", "region_name", "city", "latitude", "longitude",
          "registered_on", "validated_on", "founded_year", "primary_sector", "primary_isic", "member_firms", "synthetic"]
PROFILE = ["id", "name", "name_search", "type", "status", "country", "region", "city", "latitude", "longitude",
           "founded_year", "registered_on", "validated_on", "primary_sector", "primary_isic", "managing_entity", "website",
           "member_firms_declared", "member_firms_listed", "member_firms", "members_government", "members_academia",
           "members_civil_society", "source", "synthetic", "region_name", "country_en", "country_es", "country_pt",
           "priority_sectors", "isic_sections"]
EDGE = ["initiative_a", "name_a", "country_a", "lat_a", "lon_a", "initiative_b", "name_b", "country_b", "lat_b", "lon_b",
        "programme", "started_on", "cross_border"]
NODE = ["id", "name", "country", "lat", "lon"]


def _read(path: Path, dtypes: dict[str, str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """Only empty cells are missing: "NA" is Namibia's code, not a missing value."""
    dtypes = dtypes | dict.fromkeys(dates, TEXT)
    frame = pd.read_csv(path, dtype=dtypes, usecols=lambda column: column in dtypes, keep_default_na=False,
                        na_values=[""], encoding="utf-8-sig")
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def _search_key(text: pd.Series) -> pd.Series:
    """Lower case without accents, as the list's search box compares."""
    return (text.str.normalize("NFD").str.replace(ACCENTS, "", regex=True).str.lower()
            .str.replace(r"\s+", " ", regex=True).str.strip())


def _tags(initiatives: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per (initiative, code) of a `;`-joined column, in the order given: the first is primary."""
    tags = initiatives[["id", column]].dropna().rename(columns={"id": "initiative_id"})
    tags = tags.assign(sector=tags[column].str.split(";")).explode("sector")[["initiative_id", "sector"]]
    tags["sector"] = tags["sector"].str.strip()
    tags = tags[tags["sector"].notna() & (tags["sector"] != "")].drop_duplicates()
    tags["is_primary"] = tags.groupby("initiative_id").cumcount() == 0
    return tags.reset_index(drop=True)


def _in_display_order(tags: pd.DataFrame) -> pd.DataFrame:
    """The primary code first, the others alphabetically: how the app lists an initiative's sectors."""
    return tags.sort_values(["initiative_id", "is_primary", "sector"], ascending=[True, False, True])


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})


class Baseline:
    def __init__(self, initiatives: pd.DataFrame, tags: dict[str, pd.DataFrame], members: pd.DataFrame,
                 links: pd.DataFrame, countries: pd.DataFrame, regions: pd.DataFrame, sectors: pd.DataFrame,
                 region_people: pd.DataFrame | None = None):
        self.region_people = region_people  # per region code: listed cities, their population, weighted centre
        self.initiatives = initiatives
        self.tags = tags
        self.members = members
        self.links = links
        self.countries = countries
        self.regions = regions
        self.sectors = sectors

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, export: Path, cities: list | tuple | None = None) -> Baseline:
        """`cities` replaces the gazetteer's city list, as `analytics.ingest.build.build` lets it (the test fixture's)."""
        export = Path(export)
        initiatives = _read(export / "initiatives.csv", INITIATIVE_DTYPES, ("registered_on", "validated_on"))
        firms = _read(export / "firms.csv", FIRM_DTYPES)
        memberships = _read(export / "memberships.csv", MEMBERSHIP_DTYPES)
        if (export / "collaborations.csv").is_file():
            links = _read(export / "collaborations.csv", COLLABORATION_DTYPES, ("started_on",))
        else:
            links = pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in COLLABORATION_DTYPES.items()}) \
                .assign(started_on=pd.Series(dtype="datetime64[ns]"))

        countries = pd.DataFrame([{
            "iso2": c.iso2, "iso3": c.iso3, "name_en": c.name_en, "name_es": c.name_es, "name_pt": c.name_pt,
            "subregion": c.subregion, "population": c.population, "population_year": c.population_year,
            "lat": c.lat, "lon": c.lon,
        } for c in gazetteer.countries()])
        regions = pd.DataFrame([{"code": r.code, "country": r.country, "name": r.name, "kind": r.kind}
                                for r in gazetteer.regions()])
        countries["region_count"] = countries["iso2"].map(regions.groupby("country").size()).fillna(0).astype("int64")
        sectors = pd.DataFrame([
            {"code": term.code, "scheme": scheme, "name_en": term.en, "name_es": term.es, "name_pt": term.pt, "sort_order": order}
            for scheme in SCHEMES for order, term in enumerate(taxonomy.TABLES[scheme])
        ])

        # countries and regions may be given by name: look each distinct value up once
        country_codes = {value: gazetteer.match_country(value) for value in initiatives["country"].dropna().unique()}
        initiatives["country"] = initiatives["country"].map(country_codes)
        pairs = initiatives[["country", "region"]].drop_duplicates()
        pairs["region_code"] = [gazetteer.match_region(country, region) for country, region in pairs.itertuples(index=False)]
        initiatives = initiatives.merge(pairs, on=["country", "region"], how="left")
        initiatives["region"] = initiatives.pop("region_code")
        initiatives["region_name"] = initiatives["region"].map(regions.set_index("code")["name"])
        by_country = countries.set_index("iso2")
        initiatives["subregion"] = initiatives["country"].map(by_country["subregion"])
        for language in ("en", "es", "pt"):
            initiatives[f"country_{language}"] = initiatives["country"].map(by_country[f"name_{language}"])

        tags = {scheme: _tags(initiatives, column) for scheme, column in SECTOR_COLUMNS.items()}
        for scheme, primary, text, listed in (("eclac_sector", "primary_sector", "sectors_text", "sectors_list"),
                                              ("isic_section", "primary_isic", "isic_text", "isic_list")):
            firsts = tags[scheme][tags[scheme]["is_primary"]].set_index("initiative_id")["sector"]
            initiatives[primary] = initiatives["id"].map(firsts)
            ordered = _in_display_order(tags[scheme]).groupby("initiative_id")["sector"]
            initiatives[text] = initiatives["id"].map(ordered.agg(";".join))
            initiatives[listed] = initiatives["id"].map(ordered.agg(list))

        listed_firms = memberships.groupby("initiative_id").size()
        initiatives["member_firms_listed"] = initiatives["id"].map(listed_firms).fillna(0).astype("int64")
        initiatives["member_firms"] = initiatives["member_firms_listed"].where(
            initiatives["member_firms_listed"] > 0, initiatives["member_firms_declared"].fillna(0)).astype("int64")
        initiatives["name_search"] = _search_key(initiatives["name"] + " " + initiatives["city"] + " " + initiatives["id"])
        initiatives["synthetic"] = initiatives["source"].fillna("").str.contains(SYNTHETIC_MARK, regex=False)

        members = memberships.merge(firms.rename(columns={"id": "firm_id"}), on="firm_id", how="inner")
        members["country"] = members["initiative_id"].map(initiatives.set_index("id")["country"])
        places = pd.DataFrame([{"code": c.region_code, "population": c.population, "lat_weight": c.lat * c.population,
                                "lon_weight": c.lon * c.population}
                               for c in (gazetteer.cities() if cities is None else cities)],
                              columns=["code", "population", "lat_weight", "lon_weight"])
        people = places.groupby("code").agg(cities=("population", "size"), city_population=("population", "sum"),
                                            lat_weight=("lat_weight", "sum"), lon_weight=("lon_weight", "sum"))
        known = people["city_population"].where(people["city_population"] > 0)
        people = people.assign(lat=people["lat_weight"] / known, lon=people["lon_weight"] / known)
        return cls(initiatives, tags, members, links, countries, regions, sectors,
                   people[["cities", "city_population", "lat", "lon"]])

    # ------------------------------------------------------------------ the shared filter

    def _selected(self, filters: Filters) -> pd.DataFrame:
        """The initiatives that pass the filters (Filters.where). Lists of ids are made unique before `isin`, which
        is twenty times slower on a list with repeats."""
        frame = self.initiatives
        keep = pd.Series(True, index=frame.index)
        for column, chosen in (("country", filters.countries), ("region", filters.regions), ("subregion", filters.subregions),
                               ("type", filters.types), ("status", filters.statuses)):
            if chosen:
                keep &= frame[column].isin(chosen)
        for scheme, chosen in (("eclac_sector", filters.sectors), ("isic_section", filters.isic_sections)):
            if chosen:
                tags = self.tags[scheme]
                keep &= frame["id"].isin(tags.loc[tags["sector"].isin(chosen), "initiative_id"].unique())
        if filters.registered_from:
            keep &= frame["registered_on"] >= pd.Timestamp(filters.registered_from)
        if filters.registered_to:
            keep &= frame["registered_on"] <= pd.Timestamp(filters.registered_to)
        if filters.founded_from is not None:
            keep &= (frame["founded_year"] >= filters.founded_from).fillna(False).astype(bool)
        if filters.founded_to is not None:
            keep &= (frame["founded_year"] <= filters.founded_to).fillna(False).astype(bool)
        if filters.size_classes:
            members = self.members
            keep &= frame["id"].isin(members.loc[members["size_class"].isin(filters.size_classes), "initiative_id"].unique())
        return frame[keep]

    def _members(self, filters: Filters, selected: pd.DataFrame) -> pd.DataFrame:
        """Memberships of the selected initiatives; with a size filter, only firms of those sizes count."""
        members = self.members[self.members["initiative_id"].isin(selected["id"])]
        if filters.size_classes:
            members = members[members["size_class"].isin(filters.size_classes)]
        return members

    @staticmethod
    def _declared(filters: Filters, selected: pd.DataFrame) -> pd.Series:
        """Declared firms of initiatives that list none; none under a size filter, whose sizes are unknown."""
        if filters.size_classes:
            return pd.Series(0, index=selected.index, dtype="int64")
        declared = selected["member_firms_declared"].where(selected["member_firms_listed"] == 0)
        return declared.fillna(0).astype("int64")

    def _scheme_names(self, scheme: str) -> pd.DataFrame:
        if scheme not in SCHEMES:
            raise ValueError(f"unknown sector scheme {scheme!r}")
        return self.sectors[self.sectors["scheme"] == scheme]

    # ------------------------------------------------------------------ questions

    def headline(self, filters: Filters, today: dt.date | None = None) -> pd.DataFrame:
        today = pd.Timestamp(today or dt.date.today())
        selected = self._selected(filters)
        members = self._members(filters, selected)
        count = len(selected)
        validated = int((selected["status"] == "validated").sum())
        registered = selected["registered_on"]
        recent = registered <= today
        eclac = self.tags["eclac_sector"]
        return pd.DataFrame([{
            "initiatives": count,
            "validated": validated,
            "validated_share": validated / count if count else None,
            "member_firms": members["firm_id"].nunique() + int(self._declared(filters, selected).sum()),
            "countries": selected["country"].nunique(),
            "regions_covered": selected["region"].nunique(),
            "sectors": eclac.loc[eclac["initiative_id"].isin(selected["id"]), "sector"].nunique(),
            "added_30d": int((recent & (registered > today - pd.Timedelta(days=30))).sum()),
            "added_365d": int((recent & (registered > today - pd.Timedelta(days=365))).sum()),
            "first_registered": registered.min(),
            "last_registered": registered.max(),
        }])

    def coverage_by_country(self, filters: Filters) -> pd.DataFrame:
        selected = self._selected(filters)
        members = self._members(filters, selected)
        declared = self._declared(filters, selected)
        # astype: mapping an empty selection leaves text, to which no number can be added
        firms = selected["id"].map(members.groupby("initiative_id").size()).astype("float64").fillna(0) + declared
        per_country = selected.assign(is_validated=selected["status"] == "validated", declared=declared, firms=firms) \
            .groupby("country").agg(initiatives=("id", "size"), validated=("is_validated", "sum"),
                                    regions_covered=("region", "nunique"), declared=("declared", "sum"),
                                    firms_per_initiative=("firms", "mean"))
        listed = members.groupby("country")["firm_id"].nunique()

        frame = self.countries
        if filters.countries:
            frame = frame[frame["iso2"].isin(filters.countries)]
        if filters.subregions:
            frame = frame[frame["subregion"].isin(filters.subregions)]
        frame = frame.rename(columns={"iso2": "country"}).merge(per_country.reset_index(), on="country", how="left")
        initiatives = frame["initiatives"].fillna(0).astype("int64")
        regions_covered = frame["regions_covered"].fillna(0).astype("int64")
        frame = frame.assign(
            initiatives=initiatives,
            initiatives_per_million=initiatives / (frame["population"] / 1e6),
            member_firms=(frame["country"].map(listed).astype("float64").fillna(0) + frame["declared"].fillna(0)).astype("int64"),
            regions_covered=regions_covered,
            regions_covered_share=regions_covered / frame["region_count"].where(frame["region_count"] > 0),
            validated_share=frame["validated"] / frame["initiatives"],
            validated=frame["validated"].fillna(0).astype("int64"),
        )
        frame = frame.sort_values(["initiatives", "name_en"], ascending=[False, True])
        return frame[["country", "iso3", "name_en", "name_es", "name_pt", "subregion", "population", "population_year",
                      "lat", "lon", "initiatives", "initiatives_per_million", "member_firms", "firms_per_initiative",
                      "regions_covered", "region_count", "regions_covered_share", "validated", "validated_share"]]

    def region_coverage(self, filters: Filters, country: str) -> pd.DataFrame:
        selected = self._selected(filters)
        per_region = selected[selected["country"] == country].groupby("region").agg(
            initiatives=("id", "size"), lat=("latitude", "mean"), lon=("longitude", "mean"), member_firms=("member_firms", "sum"))
        frame = self.regions[self.regions["country"] == country].merge(per_region.reset_index(), left_on="code", right_on="region",
                                                                       how="left").drop(columns="region")
        frame = frame.rename(columns={"code": "region"}).assign(
            initiatives=frame["initiatives"].fillna(0).astype("int64"),
            member_firms=frame["member_firms"].fillna(0).astype("int64"),
        ).sort_values(["initiatives", "name"], ascending=[False, True])
        return frame[["region", "name", "kind", "initiatives", "member_firms", "lat", "lon"]]

    def region_figures(self, filters: Filters) -> pd.DataFrame:
        selected = self._selected(filters)
        members = self._members(filters, selected)
        regions = self.regions.merge(self.countries[["iso2", "subregion"]], left_on="country", right_on="iso2")
        countries = filters.countries or tuple(self.initiatives["country"].dropna().unique())
        keep = regions["country"].isin(countries)
        if filters.subregions:
            keep &= regions["subregion"].isin(filters.subregions)
        if filters.regions:
            keep &= regions["code"].isin(filters.regions)
        frame = regions[keep]
        counts = selected.groupby("region").size()
        members = members.assign(region=members["initiative_id"].map(selected.set_index("id")["region"]))
        listed = members.groupby("region")["firm_id"].nunique()
        declared = selected.assign(declared=self._declared(filters, selected)).groupby("region")["declared"].sum()
        tags = self.tags["eclac_sector"].merge(selected[["id", "region"]], left_on="initiative_id", right_on="id")
        order = self._scheme_names("eclac_sector").set_index("code")["sort_order"]
        tagged = tags.groupby(["region", "sector"]).size().rename("n").reset_index()
        tagged = tagged.assign(order=tagged["sector"].map(order)).sort_values(["region", "n", "order"],
                                                                             ascending=[True, False, True])
        leading = tagged.groupby("region")["sector"].agg(lambda sectors: list(sectors)[:3])
        people = self.region_people.reindex(frame["code"])
        initiatives = frame["code"].map(counts).fillna(0).astype("int64").to_numpy()
        population = people["city_population"].fillna(0).astype("int64").to_numpy()
        result = pd.DataFrame({
            "region": frame["code"].to_numpy(), "country": frame["country"].to_numpy(), "name": frame["name"].to_numpy(),
            "kind": frame["kind"].to_numpy(), "initiatives": initiatives,
            "member_firms": (frame["code"].map(listed).fillna(0) + frame["code"].map(declared).fillna(0)).astype("int64")
            .to_numpy(),
            "leading_sectors": [leading.get(code, []) for code in frame["code"]],
            "cities": people["cities"].fillna(0).astype("int64").to_numpy(), "city_population": population,
            "initiatives_per_million": np.where(population > 0, initiatives / np.maximum(population, 1) * 1e6, np.nan),
            "lat": people["lat"].to_numpy(), "lon": people["lon"].to_numpy(),
        })
        return result.sort_values(["country", "initiatives", "city_population", "name"],
                                  ascending=[True, False, False, True])

    def white_spots(self, filters: Filters) -> pd.DataFrame:
        frame = self.region_figures(filters)
        return frame[frame["initiatives"] == 0].sort_values(["city_population", "country", "name"],
                                                           ascending=[False, True, True])

    def sector_mix(self, filters: Filters, scheme: str = "eclac_sector", primary_only: bool = False) -> pd.DataFrame:
        names = self._scheme_names(scheme)
        selected = self._selected(filters)
        tags = self.tags[scheme]
        if primary_only:
            tags = tags[tags["is_primary"]]
        tagged = tags.merge(selected[["id", "member_firms"]], left_on="initiative_id", right_on="id") \
            .groupby("sector").agg(initiatives=("id", "size"), member_firms=("member_firms", "sum"))
        frame = names.merge(tagged.reset_index(), left_on="code", right_on="sector", how="left").drop(columns="sector")
        initiatives = frame["initiatives"].fillna(0).astype("int64")
        frame = frame.rename(columns={"code": "sector"}).assign(
            initiatives=initiatives,
            share=initiatives / len(selected) if len(selected) else np.nan,
            member_firms=frame["member_firms"].fillna(0).astype("int64"),
        ).sort_values(["initiatives", "sort_order"], ascending=[False, True])
        return frame[["sector", "name_en", "name_es", "name_pt", "initiatives", "share", "member_firms"]]

    def country_sector_matrix(self, filters: Filters, scheme: str = "eclac_sector") -> pd.DataFrame:
        names = self._scheme_names(scheme)
        selected = self._selected(filters)
        tags = self.tags[scheme]
        primary = tags[tags["is_primary"]].merge(selected[["id", "country"]], left_on="initiative_id", right_on="id")
        cells = primary.groupby(["country", "sector"]).size().rename("initiatives")
        country_total = primary.groupby("country").size().rename("country_total")
        sector_total = primary.groupby("sector").size().rename("sector_total")
        frame = country_total.reset_index().merge(names, how="cross").rename(columns={"code": "sector"})
        frame = frame.merge(cells.reset_index(), on=["country", "sector"], how="left") \
            .merge(sector_total.reset_index(), on="sector", how="left")
        frame["initiatives"] = frame["initiatives"].fillna(0).astype("int64")
        frame["sector_total"] = frame["sector_total"].fillna(0).astype("int64")
        frame["total"] = len(primary)
        expected = (frame["sector_total"] / frame["total"]).where(frame["sector_total"] > 0)
        frame["location_quotient"] = (frame["initiatives"] / frame["country_total"]) / expected
        frame = frame.sort_values(["country_total", "country", "sort_order"], ascending=[False, True, True])
        return frame[["country", "sector", "name_en", "name_es", "name_pt", "initiatives", "country_total", "sector_total",
                      "total", "location_quotient"]]

    def sector_gaps(self, filters: Filters, max_initiatives: int = 0) -> pd.DataFrame:
        selected = self._selected(filters)
        tags = self.tags["eclac_sector"]
        tagged = tags.merge(selected[["id", "country"]], left_on="initiative_id", right_on="id") \
            .groupby(["country", "sector"]).size().rename("initiatives")
        present = pd.DataFrame({"country": selected["country"].drop_duplicates()})
        frame = present.merge(self._scheme_names("eclac_sector"), how="cross").rename(columns={"code": "sector"})
        frame = frame.merge(tagged.reset_index(), on=["country", "sector"], how="left")
        frame["initiatives"] = frame["initiatives"].fillna(0).astype("int64")
        frame = frame[frame["initiatives"] <= max_initiatives].sort_values(["country", "sort_order"])
        return frame[["country", "sector", "name_en", "name_es", "name_pt", "initiatives"]]

    def registrations(self, filters: Filters, period: str = "month", by: str | None = None,
                      until: dt.date | None = None) -> pd.DataFrame:
        frequency = PERIODS[period]
        selected = self._selected(filters)
        columns = ["period", "group", "registrations", "cumulative"]
        if selected.empty:
            return _empty(columns)
        group = {None: pd.Series("all", index=selected.index), "country": selected["country"],
                 "sector": selected["primary_sector"].fillna("none")}[by]
        periods = selected["registered_on"].dt.to_period(frequency)
        counted = selected.groupby([periods.rename("period"), group.rename("group")]).size()
        last = pd.Period(until, frequency) if until else periods.max()
        spine = pd.period_range(periods.min(), last, freq=frequency)
        if spine.empty:
            return _empty(columns)
        groups = counted.index.get_level_values("group").unique().sort_values()
        full = counted.reindex(pd.MultiIndex.from_product([groups, spine], names=["group", "period"]).swaplevel(), fill_value=0)
        frame = full.rename("registrations").reset_index()
        frame["cumulative"] = frame.groupby("group")["registrations"].cumsum()
        frame["period"] = frame["period"].dt.start_time
        return frame[columns]

    def types_by_country(self, filters: Filters) -> pd.DataFrame:
        frame = self._selected(filters).groupby(["country", "type"]).size().rename("initiatives").reset_index()
        return frame.sort_values(["country", "initiatives"], ascending=[True, False])

    def firm_sizes(self, filters: Filters, by: str = "country") -> pd.DataFrame:
        members = self._members(filters, self._selected(filters))
        group = {"country": members["country"], "all": pd.Series("all", index=members.index)}[by]
        return members.groupby([group.rename("group"), "size_class"])["firm_id"].nunique().rename("firms").reset_index()

    def country_profiles(self, filters: Filters, countries: list[str]) -> pd.DataFrame:
        frame = self.coverage_by_country(filters.replace(countries=tuple(countries)))
        order = {country: position for position, country in enumerate(countries)}
        return frame.assign(_order=frame["country"].map(order)).sort_values("_order", kind="stable").drop(columns="_order")

    def _listed(self, filters: Filters, search: str, sort: str, descending: bool) -> pd.DataFrame:
        frame = self._selected(filters)
        for term in normalise_text(search or "").split():
            frame = frame[frame["name_search"].str.contains(term, regex=False)]
        column = sort if sort in SORTABLE else "registered_on"
        return frame.sort_values([column, "id"], ascending=[not descending, True], na_position="last", kind="stable")

    def initiative_list(self, filters: Filters, search: str = "", sort: str = "registered_on", descending: bool = True,
                        page: int = 1, page_size: int = 25) -> pd.DataFrame:
        page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
        offset = (max(1, int(page)) - 1) * page_size
        frame = self._listed(filters, search, sort, descending)
        return frame[LISTED].iloc[offset:offset + page_size].assign(total_rows=len(frame))

    def initiative_rows(self, filters: Filters, search: str = "", sort: str = "registered_on",
                        descending: bool = True) -> pd.DataFrame:
        frame = self._listed(filters, search, sort, descending)
        frame = frame.rename(columns={"sectors_text": "sectors", "isic_sections": "isic_given", "isic_text": "isic_sections"})
        return frame[[*LISTED, "sectors", "isic_sections", "managing_entity", "website"]]

    def initiative_profile(self, initiative_id: str) -> pd.DataFrame:
        frame = self.initiatives[self.initiatives["id"] == initiative_id]
        frame = frame.drop(columns=["priority_sectors", "isic_sections"]) \
            .rename(columns={"sectors_list": "priority_sectors", "isic_list": "isic_sections"})
        return frame[PROFILE]

    def member_firms(self, filters: Filters, initiative_id: str | None = None) -> pd.DataFrame:
        if initiative_id is None:
            members = self._members(filters, self._selected(filters))
        else:
            members = self.members[self.members["initiative_id"] == initiative_id]
            if filters.size_classes:
                members = members[members["size_class"].isin(filters.size_classes)]
        frame = members.groupby(["size_class", "isic_section"])["firm_id"].nunique().rename("firms").reset_index()
        return frame.sort_values(["firms", "size_class", "isic_section"], ascending=[False, True, True])

    def collaborations(self, filters: Filters, programme: str | None = None) -> pd.DataFrame:
        selected = self._selected(filters)[["id", "name", "country", "latitude", "longitude"]]
        links = self.links if programme is None else self.links[self.links["programme"] == programme]
        frame = links.merge(selected.set_axis(["initiative_a", "name_a", "country_a", "lat_a", "lon_a"], axis=1), on="initiative_a") \
            .merge(selected.set_axis(["initiative_b", "name_b", "country_b", "lat_b", "lon_b"], axis=1), on="initiative_b")
        frame["cross_border"] = frame["country_a"] != frame["country_b"]
        return frame[EDGE].sort_values(["programme", "initiative_a", "initiative_b"])

    def network_nodes(self, filters: Filters, programme: str | None = None) -> pd.DataFrame:
        edges = self.collaborations(filters, programme)
        columns = [*NODE, "degree", "cross_border_links", "programmes"]
        if edges.empty:
            return _empty(columns)
        ends = pd.concat([
            edges[["initiative_a", "name_a", "country_a", "lat_a", "lon_a", "cross_border", "programme"]]
            .set_axis([*NODE, "cross_border", "programme"], axis=1),
            edges[["initiative_b", "name_b", "country_b", "lat_b", "lon_b", "cross_border", "programme"]]
            .set_axis([*NODE, "cross_border", "programme"], axis=1),
        ])
        frame = ends.groupby(NODE).agg(degree=("programme", "size"), cross_border_links=("cross_border", "sum"),
                                       programmes=("programme", "nunique")).reset_index()
        return frame.sort_values(["degree", "id"], ascending=[False, True])[columns]

    def programmes(self) -> pd.DataFrame:
        frame = self.links.groupby("programme").size().rename("links").reset_index()
        return frame.sort_values(["links", "programme"], ascending=[False, True])

    def cross_border_pairs(self, filters: Filters, programme: str | None = None) -> pd.DataFrame:
        edges = self.collaborations(filters, programme)
        edges = edges[edges["cross_border"]]
        first = edges["country_a"] < edges["country_b"]
        pairs = pd.DataFrame({"country_a": edges["country_a"].where(first, edges["country_b"]),
                              "country_b": edges["country_b"].where(first, edges["country_a"])})
        frame = pairs.groupby(["country_a", "country_b"]).size().rename("links").reset_index()
        return frame.sort_values(["links", "country_a", "country_b"], ascending=[False, True, True])

    def initiative_links(self, initiative_id: str) -> pd.DataFrame:
        links = self.links
        ends = pd.concat([
            links.loc[links["initiative_a"] == initiative_id, ["initiative_b", "programme", "started_on"]]
            .rename(columns={"initiative_b": "id"}),
            links.loc[links["initiative_b"] == initiative_id, ["initiative_a", "programme", "started_on"]]
            .rename(columns={"initiative_a": "id"}),
        ])
        partners = self.initiatives[["id", "name", "country", "city", "latitude", "longitude"]]
        frame = ends.merge(partners, on="id")
        own = self.initiatives.loc[self.initiatives["id"] == initiative_id, "country"]
        frame["cross_border"] = (frame["country"] != own.iat[0]) if len(own) else None
        frame = frame.sort_values(["programme", "started_on", "name", "id"], na_position="last")
        return frame[["id", "name", "country", "city", "latitude", "longitude", "programme", "started_on", "cross_border"]]

    def map_points(self, filters: Filters, limit: int | None = None) -> pd.DataFrame:
        frame = self._selected(filters).sort_values(["member_firms", "id"], ascending=[False, True])
        if limit is not None:
            frame = frame.head(limit)
        frame = frame.rename(columns={"sectors_text": "sectors"})
        return frame[["id", "name", "type", "status", "city", "country", "region_name", "latitude", "longitude",
                      "primary_sector", "primary_isic", "member_firms", "sectors"]]

    def map_grid(self, filters: Filters, cell_degrees: float = 0.5) -> pd.DataFrame:
        selected = self._selected(filters)
        cells = pd.DataFrame({"row": np.floor(selected["latitude"] / cell_degrees),
                              "column": np.floor(selected["longitude"] / cell_degrees),
                              "member_firms": selected["member_firms"], "primary_sector": selected["primary_sector"],
                              "type": selected["type"]})
        frame = cells.groupby(["row", "column"]).agg(initiatives=("member_firms", "size"), member_firms=("member_firms", "sum"))
        for column in ("primary_sector", "type"):
            # the most frequent value of the cell, nulls ignored; ties go to the first in alphabetical order
            counts = cells.groupby(["row", "column", column]).size().rename("n").reset_index()
            mode = counts.sort_values(["row", "column", "n", column], ascending=[True, True, False, True]) \
                .drop_duplicates(["row", "column"]).set_index(["row", "column"])[column]
            frame[column] = mode
        frame = frame.reset_index()
        frame["latitude"] = (frame["row"] + 0.5) * cell_degrees
        frame["longitude"] = (frame["column"] + 0.5) * cell_degrees
        frame = frame.sort_values(["initiatives", "latitude", "longitude"], ascending=[False, True, True])
        return frame[["latitude", "longitude", "initiatives", "member_firms", "primary_sector", "type"]]

    def count_initiatives(self, filters: Filters) -> int:
        return len(self._selected(filters))

    def countries_in_registry(self) -> pd.DataFrame:
        counts = self.initiatives.groupby("country").size().rename("initiatives")
        frame = self.countries.merge(counts.reset_index(), left_on="iso2", right_on="country").sort_values("name_en")
        return frame[["iso2", "name_en", "name_es", "name_pt", "subregion", "initiatives"]]
