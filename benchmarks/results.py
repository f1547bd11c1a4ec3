"""``bench-results.json`` at the repository root: one key per benchmark ("import", "pages",
"pdf"). Each benchmark replaces its own key and keeps the others."""

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "bench-results.json"


def record(key: str, figures: dict, path: Path = RESULTS) -> None:
    """Write ``figures`` under ``key``, keeping every other key of the file. A file that is not
    valid JSON raises rather than being overwritten."""
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results[key] = figures
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
