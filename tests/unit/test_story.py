"""What a briefing and presenter mode tell, gathered from the hand-made registry (tests/fixture_registry.py)."""

from __future__ import annotations

import polars as pl
import pytest

from analytics.serving import story
from analytics.serving.filters import Filters


class TestGather:
    def test_whole_registry(self, db):
        told = story.gather(story.direct(db), Filters())
        assert told.headline["initiatives"] == 12
        # CO has 5 initiatives, CL 4, MX 3: Colombia leads and takes the spotlight
        assert told.countries["country"].to_list() == ["CO", "CL", "MX"]
        assert told.spotlight == "CO"
        assert told.spotlight_coverage["initiatives"] == 5
        # CO's driving sectors: digital, services (CO-01), energy, agri, tourism; CO-04 has none
        tagged = told.spotlight_sectors.filter(pl.col("initiatives") > 0)["sector"].to_list()
        assert sorted(tagged) == ["agri", "digital", "energy", "services", "tourism"]
        # the latest registration first: CL-04 on 2025-09-30, then MX-03 on 2025-07-01
        assert told.latest["id"].head(2).to_list() == ["CL-04", "MX-03"]
        assert told.points.height == 12
        assert told.growth["cumulative"][-1] == 12

    def test_the_data_day_is_the_build_day(self, db):
        told = story.gather(story.direct(db), Filters())
        assert told.as_of == told.vintage["built_at"].date()

    @pytest.mark.parametrize(("filters", "requested", "expected"), [
        (Filters(), "MX", "MX"),                       # asked for, and present
        (Filters(countries=("CL",)), None, "CL"),      # the only country filtered
        (Filters(countries=("CL",)), "MX", "CL"),      # asked for a country the filters leave out
        (Filters(sectors=("advmfg",)), None, "MX"),    # the largest country of the selection
        (Filters(countries=("BR",)), None, None),      # nothing selected, nothing to feature
    ])
    def test_spotlight(self, db, filters, requested, expected):
        assert story.gather(story.direct(db), filters, spotlight=requested).spotlight == expected

    def test_empty_selection(self, db):
        told = story.gather(story.direct(db), Filters(countries=("BR",)))
        assert told.is_empty
        assert told.spotlight_coverage is None and told.spotlight_sectors is None
        assert told.countries.is_empty()
