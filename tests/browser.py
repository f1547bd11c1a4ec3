"""Driving Debian's Chromium through Playwright: where it is, where screenshots go, logging in."""

import os
import shutil
from pathlib import Path

from itplan.dataset.seed import DEMO_PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Screenshots for a person to look at; CI keeps them in the work tree (ignored by git).
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).parent / "screenshots"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def login(page, live_server, username: str) -> None:
    """Log in through the admin's login page as a demo user and wait until it lets us in."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
