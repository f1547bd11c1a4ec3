"""Each kind of request's time in the workers, from the gunicorn access logs of a load run
(``python -m benchmarks.load_log LOG...``, JSON on standard output).

wrk measures every request alike, a cached dashboard and a PDF; the logs say which is which.
The time is gunicorn's ``%(D)s`` (the last field of deploy/gunicorn.conf.py's format): from the
request read to the answer written, without the wait for a free worker that wrk's figures
include."""

import json
import re
import statistics
import sys

LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) .* (?P<us>\d+)$')


def kind(method: str, path: str) -> str:
    """The kind of a request of the two mixes, by its method and address."""
    if "dinh_dang=pdf" in path:
        return "pdf"
    if "xuat=" in path or path.endswith("/xuat-excel/"):
        return "export"
    if method == "POST":
        return "write_money_line" if "kinh-phi/" in path else "write_report"
    if path == "/tong-quan/":
        return "dashboard"
    if path.startswith("/tong-quan/?"):
        return "dashboard_filtered"
    if path.startswith(("/du-an/?", "/kinh-phi/", "/chi-tieu/")) or path == "/du-an/":
        return "list"
    return "clerk_page"  # progress board, a project's page, a report's form


def _percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def summary(lines) -> dict:
    """``{kind: {"requests", "p50_ms", "p95_ms", "max_ms", "statuses"}}`` of the log lines."""
    times: dict[str, list[float]] = {}
    statuses: dict[str, dict[str, int]] = {}
    for line in lines:
        match = LINE.search(line.rstrip("\n"))
        if match is None:
            continue
        name = kind(match["method"], match["path"])
        times.setdefault(name, []).append(int(match["us"]) / 1000)
        by_status = statuses.setdefault(name, {})
        by_status[match["status"]] = by_status.get(match["status"], 0) + 1
    return {
        name: {
            "requests": len(values),
            "p50_ms": round(_percentile(values, 0.50), 1),
            "p95_ms": round(_percentile(values, 0.95), 1),
            "max_ms": round(max(values), 1),
            "statuses": statuses[name],
        }
        for name, values in sorted(times.items())
    }


def main(paths: list[str]) -> None:
    lines = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as file:
            lines.extend(file)
    print(json.dumps(summary(lines), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
