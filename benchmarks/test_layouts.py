"""The layout corpus (itplan/appendix/tests/layouts): many generated layouts of the seed appendices
imported as the portal imports an upload. Records in bench-results.json, "layouts": per
dimension the share of layouts varying it that import to the seed's projects and đồng without a
mapping step, the share of each value (each spelling of a header), the smallest failing layout;
the share of layouts varying every dimension at once; and the share of the dimensions the CI
test requires (itplan/appendix/tests/test_appendix_layouts.py PASSING), which must stay 100 %.

LAYOUT_EXAMPLES (default 150) sets the examples drawn per dimension (hypothesis, fixed seed; a
dimension of few values stops when it has drawn each); the all-dimensions run draws twice that."""

import os
from time import perf_counter

import pytest

from benchmarks.results import record
from itplan.appendix.tests.layouts import DIMENSIONS
from itplan.appendix.tests.layouts.measure import (
    by_value,
    outcomes,
    share,
    smallest_failure,
    spellings,
    varied,
)
from itplan.appendix.tests.test_appendix_layouts import PASSING
from tests.factories import ProvinceFactory

EXAMPLES = int(os.environ.get("LAYOUT_EXAMPLES", "150"))


@pytest.mark.django_db
def test_layout_corpus_imports_and_the_passing_dimensions_stay_at_100_percent():
    province = ProvinceFactory()
    started = perf_counter()
    dimensions = {}
    for dimension in DIMENSIONS:
        results = varied(outcomes([dimension], EXAMPLES, province), dimension)
        figures = {
            "layouts": len(results),
            "share": share(results),
            "by_value": by_value(results, dimension),
        }
        if figures["share"] != 1.0:
            smallest = smallest_failure([dimension], province)
            figures["smallest_failure"] = str(smallest) if smallest else None
        dimensions[dimension] = figures
        print(f"\n{dimension:>12}: {figures['share']} of {len(results)}")
        for label, value in figures["by_value"].items():
            if value["share"] != 1.0:
                print(f"{'':>14}{label}: {value['share']} of {value['layouts']}")
    words = spellings(province)
    dimensions["synonyms"]["spellings"] = words
    for role, found in words.items():
        for word, failing in found.items():
            if failing:
                print(f"{'':>14}{role}: “{word}” fails on {', '.join(failing)}")
    everything = outcomes(DIMENSIONS, 2 * EXAMPLES, province)
    passing = outcomes(PASSING, EXAMPLES, province)
    figures = {
        "examples_per_dimension": EXAMPLES,
        "dimensions": dimensions,
        "all_dimensions": {"layouts": len(everything), "share": share(everything)},
        "passing_dimensions": {
            "dimensions": list(PASSING),
            "layouts": len(passing),
            "share": share(passing),
        },
        "seconds": round(perf_counter() - started, 1),
    }
    record("layouts", figures)
    print(f"\nall dimensions: {share(everything)} of {len(everything)}")
    print(f"passing dimensions: {share(passing)} of {len(passing)}; {figures['seconds']} s")
    assert share(passing) == 1.0, [str(o) for o in passing if not o.ok][:5]
