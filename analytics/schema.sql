-- The registry database. Written only by `iapt build` (to a new file renamed into place);
-- opened read-only by the app. Codes are stored; names in three languages live in `sectors`
-- and in analytics/taxonomy.py. Keys are unique because the validator checks them; they are not
-- declared as constraints, whose indexes made writing 5 million memberships several times slower.

CREATE TABLE countries (
    iso2 VARCHAR NOT NULL,
    iso3 VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    name_es VARCHAR NOT NULL,
    name_pt VARCHAR NOT NULL,
    subregion VARCHAR NOT NULL,
    population BIGINT,
    population_year INTEGER,
    population_source VARCHAR,
    area_km2 DOUBLE,
    lat DOUBLE NOT NULL,
    lon DOUBLE NOT NULL,
    region_count INTEGER NOT NULL,
    outline VARCHAR NOT NULL          -- GeoJSON geometry
);

CREATE TABLE regions (
    code VARCHAR NOT NULL,            -- ISO 3166-2
    country VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR,
    cities INTEGER NOT NULL,          -- places of the gazetteer's city list in the region
    city_population BIGINT NOT NULL,  -- population of those listed cities (not of the region: smaller places are missing)
    population_source VARCHAR NOT NULL,
    lat DOUBLE,                       -- population-weighted centre of the listed cities (null without any population)
    lon DOUBLE
);

CREATE TABLE sectors (
    code VARCHAR NOT NULL,
    scheme VARCHAR NOT NULL,          -- eclac_sector or isic_section
    name_en VARCHAR NOT NULL,
    name_es VARCHAR NOT NULL,
    name_pt VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE initiatives (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    name_search VARCHAR NOT NULL,     -- lower case, accents stripped: for accent-insensitive search
    type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    region VARCHAR NOT NULL,          -- ISO 3166-2 code
    city VARCHAR NOT NULL,
    latitude DOUBLE NOT NULL,
    longitude DOUBLE NOT NULL,
    founded_year INTEGER,
    registered_on DATE NOT NULL,
    validated_on DATE,
    primary_sector VARCHAR,           -- first ECLAC driving sector, if any
    primary_isic VARCHAR NOT NULL,    -- first ISIC section
    managing_entity VARCHAR,
    website VARCHAR,
    member_firms_declared INTEGER,
    member_firms_listed INTEGER NOT NULL,
    member_firms INTEGER NOT NULL,    -- listed members where any are listed, else the declared number
    members_government INTEGER,
    members_academia INTEGER,
    members_civil_society INTEGER,
    source VARCHAR,
    synthetic BOOLEAN NOT NULL,
    key INTEGER,                      -- derived: stands for the id within this database only (integer joins)
    sector_list VARCHAR,              -- derived: ECLAC sectors joined by ';', the primary one first, then by code
    isic_list VARCHAR                 -- derived: ISIC sections, the same way
);

CREATE TABLE initiative_sectors (
    initiative_id VARCHAR NOT NULL,
    scheme VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    is_primary BOOLEAN NOT NULL
);

CREATE TABLE firms (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    size_class VARCHAR NOT NULL,
    isic_section VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    city VARCHAR
);

CREATE TABLE memberships (
    firm_id VARCHAR NOT NULL,
    initiative_id VARCHAR NOT NULL,
    joined_on DATE
);

-- Derived at build time, so that counting distinct member firms never needs a distinct count over every
-- membership (0.5 to 2 s at 5 million memberships). A firm in one initiative only is counted in
-- `initiative_firm_counts.sole_firms`; a firm in several has its memberships in `shared_memberships`.
-- Distinct firms of any set of initiatives = sum(sole_firms) + distinct firm_key of their shared
-- memberships: the two parts never hold the same firm. Every membership's firm is in `firms` (the
-- validator rejects a membership whose firm is missing or rejected).
CREATE TABLE initiative_firm_counts (
    initiative_key INTEGER NOT NULL,  -- initiatives.key
    size_class VARCHAR NOT NULL,
    isic_section VARCHAR NOT NULL,
    firms INTEGER NOT NULL,           -- listed members of this size and section
    sole_firms INTEGER NOT NULL       -- of which members of no other initiative
);

CREATE TABLE shared_memberships (
    initiative_key INTEGER NOT NULL,  -- initiatives.key
    firm_key INTEGER NOT NULL,        -- 1..n over the firms in more than one initiative, for bitstring_agg
    size_class VARCHAR NOT NULL,
    isic_section VARCHAR NOT NULL
);

CREATE TABLE collaborations (
    initiative_a VARCHAR NOT NULL,
    initiative_b VARCHAR NOT NULL,
    programme VARCHAR NOT NULL,
    started_on DATE
);

-- Public figures of the registry's size (the export's optional `milestones` table); labels fall back to English.
CREATE TABLE milestones (
    date DATE NOT NULL,
    count INTEGER NOT NULL,
    label_en VARCHAR NOT NULL,
    label_es VARCHAR NOT NULL,
    label_pt VARCHAR NOT NULL,
    source VARCHAR NOT NULL
);

CREATE TABLE build_info (
    built_at TIMESTAMP NOT NULL,
    source_path VARCHAR NOT NULL,
    source_checksum VARCHAR NOT NULL,
    format_version INTEGER NOT NULL,
    synthetic BOOLEAN NOT NULL,
    demo_seed INTEGER,
    demo_scale DOUBLE,
    rows_initiatives BIGINT NOT NULL,
    rows_firms BIGINT NOT NULL,
    rows_memberships BIGINT NOT NULL,
    rows_collaborations BIGINT NOT NULL,
    population_vintage VARCHAR
);
