"""Mutation testing of the rule modules: does the suite notice when a rule is changed?

    python benchmarks/mutation.py [budgets/money.py ...] [--jobs 1] [--report mutation-report.txt]

For each module, in a temporary copy of the work tree (the work tree itself is never changed):
one run of the module's test files records which tests reach which lines (a line tracer, this
file loaded as a pytest plugin); then each mutant — a comparison swapped, ``and``/``or``, ``+``/
``-``, ``*``/``/``, a number moved by one, ``True``/``False``, a ``not`` or a minus dropped, a
``return`` of ``None`` — is written into the copy alone and the tests that reach its line run with
``-x``. A failing run kills it, a run past its time limit is a timeout (counted as killed), a green
run lets it survive. The report lists the score of each module and every survivor (file:line, the
change); the exit status is 1 when a module scores under ``--threshold`` (90 %).

Mutants judged equivalent (no test could tell them apart) are listed, with why, in
benchmarks/mutation-equivalent.txt as ``file | line text | change``; they are reported but left
out of the score.
"""

import argparse
import ast
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "benchmarks" / "mutation-equivalent.txt"
# The test files that may reach each rule module; the tracer picks, per mutant, those that do.
# The test files of each rule module (the tracer picks, per mutant, the tests that reach its line).
# The slow end-to-end files (test_seed_plans, test_dashboard, test_reports: minutes each) are left
# out: a survivor runs every test that reaches its line, and these reach most lines.
TESTS = {
    "budgets/money.py": [
        "budgets/tests/test_money.py",
        "budgets/tests/test_money_rules.py",
        "budgets/tests/test_money_rollup.py",
        "budgets/tests/test_money_summary.py",
        "itplan/progress/tests/test_progress_money.py",
        "tests/test_models.py",
    ],
    "budgets/reconciliation.py": [
        "budgets/tests/test_reconciliation_rule.py",
        "itplan/appendix/tests/test_appendix_import.py",
        "itplan/reports/tests/test_report_pdf.py",
    ],
    "indicators/achievement.py": [
        "indicators/tests/test_indicator_achievement.py",
        "itplan/progress/tests/test_indicator_actuals.py",
        "indicators/tests/test_indicator_as_of.py",
    ],
    "projects/progress.py": [
        "itplan/progress/tests/test_progress.py",
        "projects/tests/test_progress_rules.py",
        "projects/tests/test_owing_reports.py",
        "projects/tests/test_approval_rules.py",
        "itplan/progress/tests/test_reminders.py",
    ],
}
PYTEST = [
    sys.executable,
    "-m",
    "pytest",
    "-x",
    "--nomigrations",  # the test database from the models: 4-5 s less a mutant
    "-p",
    "no:cacheprovider",
    "-p",
    "no:logging",
    "--no-header",
    "-o",
    "addopts=",
    "-q",
]
SWAPS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
SYMBOLS = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.And: "and",
    ast.Or: "or",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
}


def _bumped(value):
    """A constant moved by one (a numeric string such as Decimal("0.10") by one in its last
    place), or None when the constant is not a number."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str) and value.replace(".", "", 1).isdigit():
        digits = value.replace(".", "")
        moved = str(int(digits) + 1).zfill(len(digits))
        point = value.find(".")
        return (
            moved
            if point < 0
            else moved[: len(moved) - len(value) + point + 1]
            + "."
            + (moved[len(moved) - len(value) + point + 1 :])
        )
    return None


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes not worth mutating: docstrings and annotations."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        annotations = []
        if isinstance(node, ast.arg | ast.AnnAssign):
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef):
            annotations.append(node.returns)
        for annotation in filter(None, annotations):
            skip.update(id(n) for n in ast.walk(annotation))
    return skip


def mutants(source: str):
    """Yield (index, lineno, column, first line, last line, change) for each mutant of ``source``;
    ``apply(source, index)`` writes it. ``first line`` is the enclosing statement's."""
    tree = ast.parse(source)
    skip = _skipped(tree)
    statement_of = {}
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.stmt):
            for child in ast.walk(stmt):
                statement_of[id(child)] = stmt  # the innermost, as ast.walk goes outside in
    in_body = set()  # what runs when a function is called, not when the module is imported
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.Lambda):
            for stmt in function.body if isinstance(function.body, list) else [function.body]:
                in_body.update(id(n) for n in ast.walk(stmt))
    for index, node, change, _how in _changes(tree, skip):
        stmt = statement_of.get(id(node), node)
        if id(node) in in_body:
            yield index, node.lineno, node.col_offset, stmt.lineno, node.end_lineno, change
        else:  # run on import (a constant, a default): reached by every test that uses the module
            yield index, node.lineno, node.col_offset, 0, 10**9, change


def _changes(tree, skip):
    """(index, node, change) in a fixed order, so that an index names the same mutant twice."""
    index = 0
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        found = []
        if isinstance(node, ast.Compare):
            found = [
                (f"{SYMBOLS[type(op)]} → {SYMBOLS[SWAPS[type(op)]]}", ("cmp", i))
                for i, op in enumerate(node.ops)
                if type(op) in SWAPS
            ]
        elif isinstance(node, ast.BoolOp | ast.BinOp) and type(node.op) in SWAPS:
            found = [(f"{SYMBOLS[type(node.op)]} → {SYMBOLS[SWAPS[type(node.op)]]}", ("op",))]
        elif isinstance(node, ast.Constant) and _bumped(node.value) is not None:
            found = [(f"{node.value!r} → {_bumped(node.value)!r}", ("const",))]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
            found = [(f"drop {'not' if isinstance(node.op, ast.Not) else '-'}", ("unary",))]
        elif (
            isinstance(node, ast.Return)
            and node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            found = [("return → return None", ("return",))]
        for change, how in found:
            yield index, node, change, how
            index += 1


def apply(source: str, index: int) -> str:
    """``source`` with mutant ``index`` applied (the module written out again by ``ast``)."""
    tree = ast.parse(source)
    for i, node, _change, how in _changes(tree, _skipped(tree)):
        if i != index:
            continue
        if how[0] == "cmp":
            node.ops[how[1]] = SWAPS[type(node.ops[how[1]])]()
        elif how[0] == "op":
            node.op = SWAPS[type(node.op)]()
        elif how[0] == "const":
            node.value = _bumped(node.value)
        elif how[0] == "unary":
            return _replace(tree, source, node, node.operand)
        elif how[0] == "return":
            node.value = ast.Constant(None)
        return ast.unparse(tree)
    raise IndexError(index)


def _replace(tree, source, old, new):
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
            elif isinstance(value, list) and any(v is old for v in value):
                value[[v is old for v in value].index(True)] = new
    return ast.unparse(tree)


# -- the tracer: this file as a pytest plugin (``-p benchmarks.mutation``), coverage.py's C tracer
# with one context per test ---------------------------------------------------------------------

_traced = {}


def pytest_configure(config):
    if os.environ.get("MUTATION_TRACE"):
        import coverage

        target, _out = os.environ["MUTATION_TRACE"].split("|")
        _traced["coverage"] = coverage.Coverage(data_file=None, include=[target])
        _traced["coverage"].start()
        _traced["seconds"], _traced["failed"] = {}, set()


def pytest_runtest_logstart(nodeid, location):
    if _traced:
        _traced["coverage"].switch_context(nodeid)
        _traced["seconds"][nodeid] = time.perf_counter()


def pytest_runtest_logreport(report):
    if _traced and report.failed:
        _traced["failed"].add(report.nodeid)


def pytest_runtest_logfinish(nodeid, location):
    if _traced:
        _traced["seconds"][nodeid] = time.perf_counter() - _traced["seconds"][nodeid]


def pytest_unconfigure(config):
    if not _traced:
        return
    target, out = os.environ["MUTATION_TRACE"].split("|")
    _traced["coverage"].stop()
    tests = {node: [] for node in _traced["seconds"]}
    for line, contexts in _traced["coverage"].get_data().contexts_by_lineno(target).items():
        for node in contexts:
            tests.setdefault(node, []).append(line)
    Path(out).write_text(
        json.dumps(
            {
                node: [
                    sorted(lines),
                    _traced["seconds"].get(node, 0.0),
                    node not in _traced["failed"],
                ]
                for node, lines in tests.items()
                if node in _traced["seconds"]
            }
        ),
        encoding="utf-8",
    )


# -- the driver --------------------------------------------------------------------------------


def _copy_tree(into: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".git",
        ".venv",
        "media",
        "__pycache__",
        "*.sqlite3*",
        ".pytest_cache",
        ".ruff_cache",
        "staticfiles",
        "backups",
    )
    shutil.copytree(ROOT, into, ignore=ignore)
    return into


def _run(tree: Path, args: list[str], timeout: float, env=None) -> str:
    try:
        # Our own interpreter on our own test ids: nothing untrusted reaches the command.
        done = subprocess.run(  # noqa: S603
            PYTEST + args, cwd=tree, timeout=timeout, env=env, capture_output=True, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if done.returncode == 0 else "killed"


def _trace(tree: Path, module: str, tests: list[str]) -> dict:
    out = tree / "mutation-trace.json"
    out.unlink(missing_ok=True)
    env = dict(os.environ, MUTATION_TRACE=f"{tree / module}|{out}")
    command = PYTEST[:3] + PYTEST[4:] + ["-p", "benchmarks.mutation", *tests]  # all, not -x
    subprocess.run(command, cwd=tree, env=env, capture_output=True, check=False)  # noqa: S603
    trace = json.loads(out.read_text(encoding="utf-8"))
    failing = [node for node, (_lines, _secs, passed) in trace.items() if not passed]
    if failing:
        raise SystemExit(f"{module}: tests fail before any mutation: {failing[:5]}")
    # Fastest first: with -x the first failing test ends the run.
    ordered = sorted(trace.items(), key=lambda item: item[1][1])
    return {node: (set(lines), secs) for node, (lines, secs, _passed) in ordered}


def _equivalents() -> set[tuple[str, str, str]]:
    if not EQUIVALENT.exists():
        return set()
    rows = set()
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            module, text, change = line.split(" | ", 2)
            rows.add((module.strip(), text.strip(), change.split("  #")[0].strip()))
    return rows


def mutate_module(module: str, trees: list[Path], jobs: int, log, tests=None) -> dict:
    """Every mutant of ``module`` run against the tests that reach it; the tally and survivors."""
    names = tests or TESTS.get(module, [])
    tests = [name for name in names if (ROOT / name).exists()]
    started = time.perf_counter()
    trace = _trace(trees[0], module, tests)
    source = (ROOT / module).read_text(encoding="utf-8")
    lines = source.splitlines()
    equivalent = _equivalents()
    found = list(mutants(source))
    # A control: the module written out by ``ast`` unmutated must pass, or every kill is noise.
    control = ast.unparse(ast.parse(source))
    results = {}

    free = queue.Queue()
    for tree in trees:
        free.put(tree)

    def run_one(job):
        index, _lineno, _col, first, last, _change = job
        nodes = [
            n
            for n, (hit, _s) in trace.items()
            if index < 0 or any(first <= line <= last for line in hit)
        ]
        if not nodes:
            return index, "not reached"
        budget = 30 + 3 * sum(trace[n][1] for n in nodes)
        tree = free.get()
        path = tree / module
        path.write_text(apply(source, index) if index >= 0 else control, encoding="utf-8")
        Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
        try:
            return index, _run(tree, nodes, budget)
        finally:
            path.write_text(source, encoding="utf-8")
            Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
            free.put(tree)

    if run_one((-1, 0, 0, 0, 0, "control"))[1] != "survived":
        raise SystemExit(f"{module}: its tests fail on the module as ast writes it out")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for index, outcome in pool.map(run_one, found):
            results[index] = outcome
            log(".")
    tally = {"killed": 0, "timeout": 0, "survived": 0, "not reached": 0, "equivalent": 0}
    survivors = []
    for index, lineno, col, _first, _last, change in sorted(found, key=lambda m: m[1:3]):
        outcome = results[index]
        text = lines[lineno - 1].strip()
        if outcome in ("survived", "not reached") and (module, text, change) in equivalent:
            outcome = "equivalent"
        tally[outcome] += 1
        if outcome in ("survived", "not reached"):
            unreached = " (no test reaches it)" if outcome == "not reached" else ""
            survivors.append(f"{module}:{lineno}:{col + 1}: {change}{unreached}    {text}")
    counted = len(found) - tally["equivalent"]
    score = 100.0 * (tally["killed"] + tally["timeout"]) / counted if counted else 100.0
    return {
        "module": module,
        "mutants": len(found),
        "score": score,
        "tally": tally,
        "survivors": survivors,
        "tests": len(trace),
        "seconds": time.perf_counter() - started,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", default=list(TESTS))
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (one tree each)")
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--report", default="mutation-report.txt")
    parser.add_argument(
        "--tests", nargs="+", help="test files (paths from the repository root) instead of TESTS'"
    )
    args = parser.parse_args(argv)
    report = []
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        trees = [_copy_tree(Path(scratch) / f"tree{i}") for i in range(max(args.jobs, 1))]
        for module in args.modules:
            print(f"{module}: ", end="", flush=True)
            result = mutate_module(
                module,
                trees,
                max(args.jobs, 1),
                lambda s: print(s, end="", flush=True),
                args.tests,
            )
            print(f" {result['score']:.1f} %")
            report.append(result)
            text = _report(report, args.threshold)
            Path(args.report).write_text(text, encoding="utf-8")  # each module as it ends
    print(text)
    return 1 if any(r["score"] < args.threshold for r in report) else 0


def _report(results: list[dict], threshold: float) -> str:
    out = [f"Mutation testing ({time.strftime('%Y-%m-%d %H:%M')}), threshold {threshold:.0f} %", ""]
    for r in results:
        t = r["tally"]
        out.append(
            f"{r['module']}: {r['score']:.1f} % — {r['mutants']} mutants: {t['killed']} killed, "
            f"{t['timeout']} timeout, {t['survived']} survived, {t['not reached']} not reached, "
            f"{t['equivalent']} equivalent; {r['tests']} tests traced, {r['seconds']:.0f} s"
            + ("" if r["score"] >= threshold else "  << UNDER THRESHOLD")
        )
    for r in results:
        if r["survivors"]:
            out += ["", f"Survivors in {r['module']}:"] + [f"  {s}" for s in r["survivors"]]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
