"""A real browser for the HTML tests: Debian's Chromium through chromedriver, driven by Selenium,
with axe-core (bundled by the selenium-axe-python package) for the WCAG checks.

Tests that need it skip, saying why, only where the browser is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE, DESKTOP = 375, 1280
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")


def _missing() -> str:
    missing = [name for name in ("chromium", "chromedriver") if shutil.which(name) is None]
    try:
        import selenium  # noqa: F401
        import selenium_axe_python  # noqa: F401
    except ImportError as error:
        missing.append(f"the Python package for '{error.name}'")
    return ", ".join(missing)


def require_browser() -> None:
    missing = _missing()
    if missing:
        pytest.skip(f"no real browser to test the HTML in: {missing} not installed "
                    "(apt-get install chromium chromium-driver; pip install -e '.[test]')")


@contextmanager
def chromium(width: int = DESKTOP, height: int = 900) -> Iterator[Any]:
    """A headless Chromium with a fresh profile and no network of its own, closed afterwards."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    try:
        driver.set_script_timeout(60)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_width(driver: Any, width: int) -> None:
    """Make the page's viewport ``width`` CSS pixels wide (the window adds nothing in headless mode)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.2 A and AA on the page open in ``driver``."""
    from selenium_axe_python import Axe

    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return list(results["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['id']}: {[n['target'] for n in v['nodes']][:5]} {v['nodes'][0].get('failureSummary', '')}"
                     for v in violations)


def horizontal_overflow(driver: Any) -> int:
    """How many CSS pixels the page is wider than its viewport (0: no horizontal scroll)."""
    return int(driver.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth;"))
