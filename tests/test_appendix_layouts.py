"""The appendix import against generated layouts of the seed appendices (tests/layouts): the
baseline layout of every seed plan imports to the seed's projects and đồng; so does every layout
varying the dimensions today's importer reads (PASSING, a fixed hypothesis seed); and the
smallest failing layout of each other dimension is kept as a strict xfail, so that the branch
that teaches the importer that dimension turns it into a pass (then move the dimension into
PASSING). ``make bench`` runs many more layouts and records the share of each dimension."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ProvinceFactory
from tests.layouts import Layout, import_layout, layouts, seed_tables
from tests.layouts.render import sheet

SLUGS = sorted(seed_tables())
# The dimensions today's importer reads in every drawn combination.
PASSING = ("order", "units", "numbering", "totals", "blank_rows", "titles", "signature")
EXAMPLES = int(os.environ.get("LAYOUT_EXAMPLES", "40"))


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.django_db
def test_baseline_layout_of_each_seed_imports_to_the_seed_figures(slug):
    outcome = import_layout(slug, Layout(), ProvinceFactory())
    assert outcome.ok, str(outcome)


@pytest.mark.django_db
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(slug=st.sampled_from(SLUGS), layout=layouts(PASSING))
def test_layouts_varying_the_passing_dimensions_import_to_the_seed_figures(slug, layout):
    outcome = import_layout(slug, layout, ProvinceFactory())
    assert outcome.ok, str(outcome)


def test_bac_lieu_in_ty_states_its_32_2_ty_total_under_the_table():
    table = seed_tables()["bac-lieu"][0]
    typed = sheet(table, Layout(unit="ty"))
    header = typed.rows[typed.table[0] - 1]
    total = typed.rows[typed.table[1] - 1]
    assert header[4] == "Tổng mức đầu tư"
    assert total[1] == "Tổng cộng"
    assert total[4] == "32,2"  # 32.200 triệu
    assert "ĐVT: tỷ đồng" in [v for row in typed.rows[: typed.table[0]] for v in row]


def test_tra_vinh_with_separators_and_units_writes_the_seed_amounts_as_typed():
    table = seed_tables()["tra-vinh"][0]
    first = table.projects[0]  # 1.200 triệu of NSĐP, estimate 1.200
    for layout, written in [
        (Layout(), "1.200"),
        (Layout(separator="comma"), "1,200"),
        (Layout(separator="space"), "1 200"),
        (Layout(separator="numeric"), 1200),
        (Layout(unit="ty"), "1,2"),
        (Layout(unit="dong"), "1.200.000.000"),
    ]:
        typed = sheet(table, layout)
        row = next(r for r in typed.rows if first.name in r)
        assert written in row, layout.changed()
