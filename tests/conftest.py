import pytest

from itplan.seed import FIXTURES, load_demo_users, load_plan, load_provinces


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed(db):
    """The five seed plans, their provinces and the demo users, as `make run` loads them."""
    load_provinces()
    plans = {}
    for path in sorted((FIXTURES / "plans").glob("*.yaml")):
        plan = load_plan(path)
        plans[plan.province.slug] = plan
    load_demo_users()
    return plans
