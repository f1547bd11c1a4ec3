"""Production's static files: ``collectstatic`` with whitenoise's manifest storage (DEBUG off)
must succeed, or the portal cannot be deployed."""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text(encoding="utf-8")
    assert "vendor/chartjs/chart.umd.min.js" in manifest
    assert "css/portal.css" in manifest
