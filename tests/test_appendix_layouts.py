"""The appendix import against generated layouts of the seed appendices (tests/layouts): the
baseline layout of every seed plan imports to the seed's projects and đồng, and so does every
layout varying the dimensions today's importer must already read (PASSING)."""

import pytest
from hypothesis import HealthCheck, given, settings

from tests.factories import ProvinceFactory
from tests.layouts import Layout, import_layout, layouts, seed_tables

SLUGS = sorted(seed_tables())


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.django_db
def test_baseline_layout_of_each_seed_imports_to_the_seed_figures(slug):
    outcome = import_layout(slug, Layout(), ProvinceFactory())
    assert outcome.ok, str(outcome)
