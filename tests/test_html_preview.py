"""``reportkit preview``: an edit reaches the open page, a content error shows there as the build's own
message while the last good page stays, only the output folder is served, and Ctrl-C stops it."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium

from conftest import FIXTURES, build, edit, make_project

OLD, NEW = "The peak month saw", "The busiest month of the year saw"


class Running:
    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process, self.url = process, url
        host, port = re.match(r"http://([\d.]+):(\d+)/", url).groups()  # type: ignore[union-attr]
        self.host, self.port = host, int(port)

    def get(self, path: str) -> tuple[int, bytes]:
        """A raw request: the path goes to the server exactly as written, dots and all."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"mini": FIXTURES / "mini"})


def start(project: Path) -> Running:
    process = subprocess.Popen([sys.executable, "-m", "reportkit", "--root", str(project), "preview", "mini"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    url = ""
    for line in process.stdout:
        match = re.search(r"previewing mini at (http://\S+/)", line)
        if match:
            url = match.group(1)
            break
    assert url, process.stderr.read() if process.stderr else ""
    return Running(process, url)


def stop(running: Running) -> None:
    if running.process.poll() is None:
        running.process.send_signal(signal.SIGINT)
        running.process.wait(timeout=20)


@pytest.fixture
def preview(project: Path) -> Iterator[Running]:
    running = start(project)
    yield running
    stop(running)


def _wait_for(driver: Any, text: str, present: bool = True) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30, poll_frequency=0.1).until(
        lambda d: (text in d.execute_script("return document.body.innerText")) == present)


def test_an_edit_reaches_the_open_page(project: Path, preview: Running) -> None:
    assert preview.host == "127.0.0.1"
    with chromium() as driver:
        driver.get(preview.url + "report.html")
        assert OLD in driver.find_element("tag name", "main").text
        edit(project / "content" / "mini" / "report.md", OLD, NEW)
        _wait_for(driver, NEW)
        assert OLD not in driver.find_element("tag name", "main").text
    on_disk = (project / "build" / "mini" / "html" / "report.html").read_text(encoding="utf-8")
    assert NEW in on_disk and "<script" not in on_disk  # the reload script is added only as it is served
    assert not (project / "build" / "mini" / "report.pdf").exists()  # the preview writes HTML only


def test_a_content_error_shows_in_the_page_and_the_last_good_page_stays(
        project: Path, preview: Running, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = ("{{ figures.peak }}", "{{ figures.peek }}")
    other = make_project(tmp_path / "other", {"mini": FIXTURES / "mini"})
    edit(other / "content" / "mini" / "report.md", *broken)
    capsys.readouterr()
    assert build(other, "mini") == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("error: content/mini/report.md:") and "figures.peek" in message
    with chromium() as driver:
        driver.get(preview.url + "report.html")
        edit(project / "content" / "mini" / "report.md", *broken)
        _wait_for(driver, "figures.peek")
        banner = driver.find_element("id", "preview-error")
        assert banner.text == message and banner.get_attribute("role") == "alert"
        assert OLD in driver.find_element("tag name", "main").text  # the last good page
        status, body = preview.get("/report.html")
        assert status == 200 and OLD.encode() in body
        edit(project / "content" / "mini" / "report.md", broken[1], broken[0])
        edit(project / "content" / "mini" / "report.md", OLD, NEW)
        _wait_for(driver, NEW)
        _wait_for(driver, "figures.peek", present=False)


@pytest.mark.parametrize("path", ["/../manifest.json", "/%2e%2e/manifest.json", "/..%2f..%2fcontent/mini/pack.yaml",
                                  "/assets/../../report.pdf", "//etc/passwd", "/assets/", "/no-such-page.html"])
def test_only_the_output_folder_is_served(preview: Running, path: str) -> None:
    status, body = preview.get(path)
    assert status == 404, (path, body[:200])


def test_the_pages_and_their_assets_are_served(preview: Running) -> None:
    status, body = preview.get("/")
    assert status == 200 and b"<h1" in body and b"__preview/reload.js" in body
    css = re.search(rb'href="(assets/style\.css)"', body)
    assert css and preview.get("/" + css.group(1).decode())[0] == 200
    assert preview.get("/__preview/state") == (200, b'{"version": 1, "error": ""}')


def test_ctrl_c_stops_the_preview_cleanly(preview: Running) -> None:
    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=20) == 0
    out, err = preview.process.communicate()
    assert "preview stopped" in out and "Traceback" not in err, err
    with pytest.raises(OSError):
        preview.get("/")


def test_a_pack_that_has_never_built_shows_its_error_until_fixed(project: Path) -> None:
    report = project / "content" / "mini" / "report.md"
    edit(report, "{{ figures.peak }}", "{{ figures.peek }}")
    running = start(project)
    try:
        status, body = running.get("/")
        assert status == 200 and b"__preview/reload.js" in body
        status, state = running.get("/__preview/state")
        assert b"error: content/mini/report.md:" in state and b"figures.peek" in state
        with chromium() as driver:
            driver.get(running.url)
            _wait_for(driver, "figures.peek")
            edit(report, "{{ figures.peek }}", "{{ figures.peak }}")
            _wait_for(driver, "Waiting times update")  # the pack's index page, once it builds
            _wait_for(driver, "figures.peek", present=False)
    finally:
        stop(running)


def test_an_edit_to_the_data_or_the_theme_reaches_the_open_page(project: Path, preview: Running) -> None:
    heading_colour = "return getComputedStyle(document.querySelector('h1')).color"
    with chromium() as driver:
        driver.get(preview.url + "report.html")
        assert "1,478 completions" in driver.find_element("tag name", "main").text
        edit(project / "content" / "mini" / "data" / "figures.yaml", "value: 1478", "value: 1512")
        _wait_for(driver, "1,512 completions")
        assert driver.execute_script(heading_colour) == "rgb(18, 67, 109)"  # the theme's #12436D
        edit(project / "templates" / "kent" / "theme.yaml", 'heading: "#12436D"', 'heading: "#0B0C0C"')
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 30, poll_frequency=0.1).until(
            lambda d: d.execute_script(heading_colour) == "rgb(11, 12, 12)")
