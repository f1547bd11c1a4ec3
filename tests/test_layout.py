"""The one-way arrows between the apps: provinces ← projects ← budgets, indicators ← itplan.

An app may use the apps to its left, never one to its right or beside it: ``projects`` knows
nothing of money or indicators, ``budgets`` and ``indicators`` nothing of each other, and no app
knows the site (``itplan``). Checked on every import statement of every module (imports inside
functions too) and on the "app.Model" strings of relations. Tests are exempt: a rule's test may
open the page that shows it.

And the site's features keep their pieces together: each template a feature renders lives in
that feature's ``templates/`` folder, and no module grows past what a reader takes in at once."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["provinces", "projects", "budgets", "indicators", "itplan"]
MAY_USE = {
    "provinces": set(),
    "projects": {"provinces"},
    "budgets": {"provinces", "projects"},
    "indicators": {"provinces", "projects"},
    "itplan": {"provinces", "projects", "budgets", "indicators"},
}
MODEL_STRING = re.compile(r"""["'](provinces|projects|budgets|indicators|itplan)\.[A-Z]\w*["']""")


def imported_apps(path: Path) -> set[str]:
    """The apps a module imports, by the first part of each imported name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    found |= set(MODEL_STRING.findall(path.read_text(encoding="utf-8")))
    return found & set(APPS)


def modules(app: str) -> list[Path]:
    """The app's own modules: not its tests, nor the migrations Django writes."""
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    )


@pytest.mark.parametrize("app", APPS)
def test_an_app_uses_only_the_apps_it_builds_on(app):
    backwards = {
        str(path.relative_to(ROOT)): sorted(used)
        for path in modules(app)
        if (used := imported_apps(path) - MAY_USE[app] - {app})
    }
    assert backwards == {}


def test_the_check_sees_an_import_inside_a_function_and_a_relation_string(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        'def f():\n    from itplan.plans import views\n\nplan = ForeignKey("budgets.BudgetLine")\n',
        encoding="utf-8",
    )
    assert imported_apps(module) == {"itplan", "budgets"}
    assert len(modules("projects")) > 5  # the scan walks the app's modules


FEATURES = ["plans", "progress", "dashboard", "appendix", "reports"]
TEMPLATE_NAME = re.compile(r"""["']([\w/]+\.(?:html|svg|txt))["']""")


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_renders_only_templates_kept_beside_it(feature):
    """``plans/plan_detail.html`` is itplan/plans/templates/plans/plan_detail.html; the few
    templates several features share (the page frame, filters, pager, money blocks) stay in
    templates/itplan/."""
    folder = ROOT / "itplan" / feature
    named = {
        name
        for path in folder.glob("*.py")
        for name in TEMPLATE_NAME.findall(path.read_text(encoding="utf-8"))
    }
    elsewhere = {
        name
        for name in named
        if not (folder / "templates" / name).exists() and not name.startswith("itplan/")
    }
    assert named and elsewhere == set()
    assert not any((ROOT / "templates").glob(f"{feature}/*"))


def test_no_module_is_longer_than_a_reader_takes_in():
    long = {
        str(path.relative_to(ROOT)): lines
        for app in APPS
        for path in modules(app)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}
