"""Running many generated layouts: the share of each dimension that imports right without a
mapping step, and the smallest failing layout of a dimension (hypothesis shrinks it)."""

import traceback

from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from .check import Outcome, import_layout
from .layout import DIMENSION, WORDS, Layout, layouts
from .render import sheet
from .seeds import seed_tables

SLUGS = sorted(seed_tables())
FIXED = dict(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def attempt(slug: str, layout: Layout, province) -> Outcome:
    """``import_layout``, with a crash of the importer reported as the layout's problem."""
    try:
        return import_layout(slug, layout, province)
    except Exception as crash:  # noqa: BLE001 - a crash is a finding, reported like the others
        frame = traceback.extract_tb(crash.__traceback__)[-1]
        where = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
        return Outcome(
            layout, slug, [f"lỗi chương trình {type(crash).__name__} ({where}): {crash}"]
        )


def outcomes(enabled, examples: int, province) -> list[Outcome]:
    """``examples`` layouts (fixed seed) varying the ``enabled`` dimensions, each imported."""
    results: list[Outcome] = []

    @settings(max_examples=examples, phases=[Phase.generate], **FIXED)
    @given(slug=st.sampled_from(SLUGS), layout=layouts(enabled))
    def run(slug, layout):
        results.append(attempt(slug, layout, province))

    run()
    return results


def varied(results: list[Outcome], dimension: str) -> list[Outcome]:
    """The results whose layout differs from the baseline in ``dimension``."""
    return [o for o in results if any(DIMENSION[f] == dimension for f in o.layout.changed())]


def share(results: list[Outcome]) -> float | None:
    """The share of ``results`` that imported right, None of no results."""
    return round(sum(o.ok for o in results) / len(results), 3) if results else None


def smallest_failure(enabled, province, examples: int = 60) -> Outcome | None:
    """The simplest layout (hypothesis's shrinking) varying ``enabled`` that does not import
    right, with its problems; None when none of ``examples`` fails."""
    try:
        slug, layout = find(
            st.tuples(st.sampled_from(SLUGS), layouts(enabled)),
            lambda drawn: not attempt(*drawn, province).ok,
            settings=settings(max_examples=examples, **FIXED),
        )
    except NoSuchExample:
        return None
    return attempt(slug, layout, province)


def by_value(results: list[Outcome], dimension: str) -> dict[str, dict]:
    """{"separator=space": {"layouts": n, "share": s}, …}: the share of each value the
    dimension's fields took (the spellings of the synonyms are measured one by one,
    ``spellings``)."""
    counts: dict[str, list[int]] = {}
    for outcome in results:
        for name, value in outcome.layout.changed().items():
            if DIMENSION[name] != dimension:
                continue
            if name == "words":
                continue  # one spelling at a time: ``spellings``
            tally = counts.setdefault(f"{name}={value}", [0, 0])
            tally[0] += 1
            tally[1] += outcome.ok
    return {
        label: {"layouts": n, "share": round(ok / n, 3)}
        for label, (n, ok) in sorted(counts.items())
    }


def spellings(province) -> dict[str, dict[str, list[str]]]:
    """{role: {spelling: the seeds whose baseline layout with that one spelling does not import
    right}}, for every spelling of ``WORDS`` but the baseline's, on each seed plan where the
    spelling shows (a plan without years has no year header)."""
    result: dict[str, dict[str, list[str]]] = {}
    for role, words in WORDS.items():
        for index, word in enumerate(words[1:], start=1):
            layout = Layout(words=((role, index),))
            failing = []
            for slug in SLUGS:
                tables = seed_tables()[slug]
                if all(sheet(t, layout).rows == sheet(t, Layout()).rows for t in tables):
                    continue
                if not attempt(slug, layout, province).ok:
                    failing.append(slug)
            result.setdefault(role, {})[word] = failing
    return result
