"""Benchmarks run by ``make bench``; each writes its figures under its own key of
``bench-results.json`` at the repository root (see ``benchmarks.results``)."""
