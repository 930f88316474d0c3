"""The benchmark's pandas baseline gives our answers, and the equality check cannot pass by accident.

Every question of benchmarks/questions.py is asked of both sides on the hand-made registry and on a
small synthetic demo; the check itself is shown to catch a changed value, a missing row and a wrong column.
"""

from __future__ import annotations

import datetime as dt
import inspect

import pandas as pd
import pytest

from analytics.ingest.build import build
from analytics.ingest.demo import write_demo
from analytics.serving import queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters
from benchmarks.baseline import Baseline
from benchmarks.questions import Question, check_equal, questions
from tests.conftest import FIXTURE_TODAY
from tests.fixture_registry import fixture_cities

# functions of analytics/serving/queries.py that describe the registry rather than answer a question about it
NOT_QUESTIONS = {"country_outlines", "build_info", "registry_dates", "milestones", "region_names",
                 "search_terms"}  # lookups, and search_terms reads no database
DEMO_AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def baseline(fixture_export) -> Baseline:
    return Baseline.load(fixture_export, cities=fixture_cities())


@pytest.fixture(scope="module")
def asked(db) -> list[Question]:
    return questions(db)


def disagreements(db: Database, baseline: Baseline, asked: list[Question]) -> list[str]:
    failures = []
    for question in asked:
        try:
            check_equal(question, question.ours(db), question.baseline(baseline))
        except Exception as error:  # noqa: BLE001 - a crash in one question must not hide the others
            failures.append(f"{question.name}: {type(error).__name__}: {error}")
    return failures


def by_name(asked: list[Question], name: str) -> Question:
    return next(question for question in asked if question.name == name)


class TestQuestions:
    def test_names_are_unique_and_every_query_is_asked(self, asked):
        names = [question.name for question in asked]
        assert len(names) == len(set(names))
        functions = {name for name, member in inspect.getmembers(queries, inspect.isfunction)
                     if member.__module__ == queries.__name__ and not name.startswith("_")}
        assert functions - NOT_QUESTIONS <= {name.split(" · ")[0] for name in names}
        assert 3 <= sum(name.endswith(" · filtered") for name in names) <= 5

    def test_every_question_has_rows_on_the_fixture(self, db, asked):
        """An empty answer on both sides would pass without checking anything."""
        assert [question.name for question in asked if question.ours(db).is_empty()] == []

    def test_baseline_agrees_on_the_fixture(self, db, baseline, asked):
        failures = disagreements(db, baseline, asked)
        assert not failures, "\n".join(failures)

    def test_baseline_agrees_on_a_demo_registry(self, tmp_path):
        export = tmp_path / "export"
        write_demo(export, scale=0.1, seed=11, as_of=DEMO_AS_OF)
        result = build(export, tmp_path / "demo.duckdb", today=DEMO_AS_OF)
        assert result.ok, "\n".join(map(str, result.problems))
        db = Database(tmp_path / "demo.duckdb")
        failures = disagreements(db, Baseline.load(export), questions(db))
        assert not failures, "\n".join(failures)


class TestBaselineByHand:
    """A few of the hand-worked figures of tests/unit/test_queries.py, so the baseline is not only checked against us."""

    def test_headline(self, baseline):
        row = baseline.headline(Filters(), today=FIXTURE_TODAY).iloc[0]
        assert (row["initiatives"], row["validated"], row["member_firms"], row["regions_covered"], row["sectors"]) == (12, 6, 50, 11, 10)
        assert (row["added_30d"], row["added_365d"]) == (1, 5)

    def test_size_filter_counts_only_listed_firms_of_that_size(self, baseline):
        row = baseline.headline(Filters(size_classes=("large",)), today=FIXTURE_TODAY).iloc[0]
        assert (row["initiatives"], row["member_firms"]) == (8, 10)

    def test_names_given_for_countries_and_regions_become_codes(self, baseline):
        frame = baseline.initiatives.set_index("id")
        assert frame.loc["CO-04", "country"] == "CO"  # given as COL
        assert frame.loc["CO-01", "region"] == "CO-DC"  # given as Bogotá
        assert frame.loc["CO-01", "sectors_list"] == ["digital", "services"]


class TestCheckEqual:
    @pytest.fixture
    def coverage(self, db, baseline, asked):
        question = by_name(asked, "coverage_by_country")
        return question, question.ours(db), question.baseline(baseline).reset_index(drop=True)

    def test_passes_on_equal_answers_in_another_order(self, coverage):
        question, ours, theirs = coverage
        check_equal(question, ours, theirs.iloc[::-1])

    def test_raises_on_a_changed_value(self, coverage):
        question, ours, theirs = coverage
        theirs.loc[theirs["country"] == "CO", "member_firms"] += 1
        with pytest.raises(AssertionError, match=r"'member_firms' differs at country='CO': ours=28, baseline=29"):
            check_equal(question, ours, theirs)

    def test_raises_on_a_float_beyond_the_tolerance_only(self, coverage):
        question, ours, theirs = coverage
        row = theirs["country"] == "CL"
        theirs.loc[row, "initiatives_per_million"] *= 1 + 1e-12
        check_equal(question, ours, theirs)
        theirs.loc[row, "initiatives_per_million"] *= 1 + 1e-6
        with pytest.raises(AssertionError, match="'initiatives_per_million' differs at country='CL'"):
            check_equal(question, ours, theirs)

    def test_raises_on_a_value_that_should_be_missing(self, coverage):
        question, ours, theirs = coverage
        theirs.loc[theirs["country"] == "AR", "validated_share"] = 0.0
        with pytest.raises(AssertionError, match="'validated_share' differs at country='AR': ours=None, baseline=0.0"):
            check_equal(question, ours, theirs)

    def test_raises_on_a_missing_row(self, coverage):
        question, ours, theirs = coverage
        with pytest.raises(AssertionError, match="country='MX' only in ours"):
            check_equal(question, ours, theirs[theirs["country"] != "MX"])
        with pytest.raises(AssertionError, match="country='MX' only in the baseline"):
            check_equal(question, ours.filter(ours["country"] != "MX"), theirs)

    def test_raises_on_a_wrong_column(self, coverage):
        question, ours, theirs = coverage
        with pytest.raises(AssertionError, match="baseline has no column 'validated_share'"):
            check_equal(question, ours, theirs.rename(columns={"validated_share": "share"}))
        with pytest.raises(AssertionError, match="'name_es' differs"):
            check_equal(question, ours, theirs.assign(name_es=theirs["name_en"]))

    def test_ordered_answers_compare_their_order(self, db, baseline, asked):
        question = by_name(asked, "country_profiles")
        ours, theirs = question.ours(db), question.baseline(baseline)
        check_equal(question, ours, theirs)
        with pytest.raises(AssertionError, match="row 1 is country="):
            check_equal(question, ours, theirs.iloc[::-1])

    def test_dates_lists_and_missing_values_compare_by_meaning(self, db, baseline, asked):
        question = by_name(asked, "initiative_profile")
        ours, theirs = question.ours(db), question.baseline(baseline)
        assert isinstance(theirs["registered_on"].iloc[0], pd.Timestamp)
        check_equal(question, ours, theirs)
        with pytest.raises(AssertionError, match="'priority_sectors' differs"):
            check_equal(question, ours, theirs.assign(priority_sectors=[["services", "digital"]]))
        with pytest.raises(AssertionError, match="'registered_on' differs"):
            check_equal(question, ours, theirs.assign(registered_on=theirs["registered_on"] + pd.Timedelta(days=1)))
