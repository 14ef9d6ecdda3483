"""The HTML edition in a real browser (headless Chromium): axe-core finds no WCAG 2.2 A/AA violation on
any page of the example packs, no page scrolls sideways at a phone's width or a desktop's, the keyboard
focus shows, and a chart's data opens as a table."""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import DESKTOP, PHONE, axe_violations, chromium, describe, horizontal_overflow, set_width

EXAMPLES = ("cabinet-2026-07", "cabinet-2025-11", "self-assessment-2024-09", "market-position-2025")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def _png_width(path: Path) -> int:
    return int(struct.unpack(">I", path.read_bytes()[16:20])[0])


@pytest.mark.parametrize("pack", EXAMPLES)
def test_every_page_passes_axe_and_fits_a_phone(pack: str, built_example: Callable[[str], Path], browser: Any,
                                                 tmp_path: Path) -> None:
    pages = sorted((built_example(pack) / "html").glob("*.html"))
    assert pages
    for page in pages:
        set_width(browser, DESKTOP)
        browser.get(page.as_uri())
        assert browser.execute_script("return document.documentElement.lang") == "en-GB"
        violations = axe_violations(browser)
        assert not violations, f"{page.name}: {describe(violations)}"
        for width in (PHONE, DESKTOP):
            set_width(browser, width)
            assert browser.execute_script("return document.documentElement.clientWidth") == width
            shot = tmp_path / f"{page.stem}-{width}.png"
            browser.save_screenshot(str(shot))
            assert _png_width(shot) == width
            assert horizontal_overflow(browser) == 0, f"{page.name} scrolls sideways at {width}px"


def test_wide_tables_scroll_in_their_own_box_on_a_phone(built_example: Callable[[str], Path], browser: Any) -> None:
    page = built_example("cabinet-2025-11") / "html" / "performance-report.html"
    set_width(browser, PHONE)
    browser.get(page.as_uri())
    widths = browser.execute_script(
        "return [...document.querySelectorAll('.table-scroll')].map(b => [b.scrollWidth, b.clientWidth]);")
    assert widths and all(client <= PHONE for _, client in widths)
    assert any(scroll > client for scroll, client in widths), "no table is wider than a phone: nothing tested"
    assert horizontal_overflow(browser) == 0


def test_the_keyboard_focus_shows_and_the_skip_link_leads_to_the_content(
        built_example: Callable[[str], Path], browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    set_width(browser, DESKTOP)
    browser.get((built_example("cabinet-2026-07") / "html" / "cqc-improvement-plan-update.html").as_uri())
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link" and focused.is_displayed()
    assert focused.rect["y"] >= 0
    outline = browser.execute_script("var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth];",
                                     focused)
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2
    focused.send_keys(Keys.ENTER)
    assert browser.execute_script("return location.hash") == "#main"
    assert browser.switch_to.active_element.get_attribute("id") == "main"


def test_a_charts_data_opens_as_a_table(built_example: Callable[[str], Path], browser: Any) -> None:
    set_width(browser, DESKTOP)
    browser.get((built_example("cabinet-2026-07") / "html" / "cqc-improvement-plan-update.html").as_uri())
    from selenium.webdriver.common.by import By

    details = browser.find_element(By.CSS_SELECTOR, "details.chart-data")
    table = details.find_element(By.TAG_NAME, "table")
    assert not table.is_displayed()
    details.find_element(By.TAG_NAME, "summary").click()
    assert table.is_displayed()
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) >= 2
    images = browser.execute_script("return [...document.images].map(i => i.naturalWidth)")
    assert images and all(width > 0 for width in images), "a chart did not load from its relative address"


def test_printing_a_page_leaves_out_the_navigation_and_unfolds_wide_tables(
        built_example: Callable[[str], Path], browser: Any) -> None:
    set_width(browser, DESKTOP)
    browser.get((built_example("cabinet-2026-07") / "html" / "cqc-improvement-plan-update.html").as_uri())
    script = ("return [getComputedStyle(document.querySelector('.masthead nav')).display,"
              " getComputedStyle(document.querySelector('.table-scroll')).overflowX,"
              " getComputedStyle(document.querySelector('main a[href^=\"http\"]'), '::after').content]")
    assert browser.execute_script(script)[:2] == ["block", "auto"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        nav, overflow, after = browser.execute_script(script)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert nav == "none" and overflow == "visible" and after.startswith('" (')
