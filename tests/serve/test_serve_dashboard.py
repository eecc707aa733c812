"""The dashboard in headless Chromium against a real `eventwire serve` on a loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from serve_helpers import CASES, EMOJI_SENTENCE, SCRIPT_SENTENCE, build, fill

from eventwire.model import Event
from eventwire.readers import Origin
from eventwire.store import Coded, Store

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _require_browser() -> None:
    reason = None
    if not Path(CHROMIUM).exists():
        reason = "Debian's chromium is not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright Python package is not installed (pip install -e .[dev])"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; browser tests must run in CI")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`eventwire serve` (the real CLI) over a fresh store, on a free loopback port."""
    _require_browser()
    path = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    fill(path)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventwire",
            "serve",
            "--db",
            str(path),
            "--port",
            str(port),
            "--refresh",
            "0.3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"eventwire serve exited: {process.stdout.read()}")
            try:
                if httpx.get(f"{base}/api/status", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("eventwire serve did not answer within 60 s")
            time.sleep(0.2)
        yield base, path
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):
    """A page that records every request URL and lets none leave this machine."""
    base, _ = server
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]

    def route(r):
        page.requests.append(r.request.url)
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith("data:") or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()
    outside = [u for u in page.requests if not (u.startswith(base) or u.startswith("data:"))]
    assert outside == [], f"requests left localhost: {outside}"
    assert page.errors == []


def event_of(sentence: str) -> Event:
    n, case = next((n, c) for n, c in enumerate(CASES, 1) if c.sentence == sentence)
    return build(case, n)[1]


def wait_for_list(page, n: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#events li').length === n", arg=n, timeout=15000
    )


def test_load_filter_click_and_share(page, server, tmp_path):
    base, _ = server
    page.goto(base + "/")
    wait_for_list(page, len(CASES))
    page.wait_for_function("() => map.cells.length > 0 && map.land !== null")
    assert f"{len(CASES)} events" in page.text_content("#summary")
    assert page.evaluate("() => timeline.buckets.length") > 0

    page.fill("input[name=country]", "SYR, TUR")
    page.click("#apply")
    wait_for_list(page, 2)
    assert "2 events" in page.text_content("#summary")

    saraqeb = event_of(CASES[0].sentence)
    page.click(f"#events li[data-id='{saraqeb.event_id}']")
    page.wait_for_selector("#panel:not([hidden]) mark.hl-trigger")
    marks = {
        role: page.text_content(f"#panel-sentence mark.hl-{role}")
        for role in ("trigger", "source", "target", "location")
    }
    assert marks == {
        "trigger": "shelled",
        "source": "Syrian government forces",
        "target": "Turkish soldiers",
        "location": "Saraqeb",
    }
    assert page.text_content("#panel-sentence") == saraqeb.sentence
    assert page.get_attribute("#panel-article a", "href") == "https://news.example/1"

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000

    state = parse_qs(urlsplit(page.url).fragment)
    assert state["country"] == ["SYR, TUR"]
    assert state["event"] == [saraqeb.event_id]

    # the URL is the view: opening it elsewhere restores filters and the open event
    shared = page.context.new_page()
    shared.goto(page.url)
    wait_for_list(shared, 2)
    shared.wait_for_selector("#panel:not([hidden]) mark.hl-trigger")
    assert shared.input_value("input[name=country]") == "SYR, TUR"
    assert shared.text_content("#panel-sentence") == saraqeb.sentence
    shared.close()


def test_markup_in_a_sentence_stays_text(page, server):
    base, _ = server
    event = event_of(SCRIPT_SENTENCE)
    page.goto(f"{base}/#q=painted&event={event.event_id}")
    wait_for_list(page, 1)
    page.wait_for_selector("#panel:not([hidden]) mark.hl-trigger")
    page.wait_for_timeout(300)  # give an injected onerror handler its chance
    assert page.evaluate("() => window.__pwned") is None
    assert page.text_content("#panel-sentence") == SCRIPT_SENTENCE
    assert page.text_content("#events li .text") == SCRIPT_SENTENCE
    assert page.evaluate("() => document.querySelectorAll('main script, main img').length") == 0


def test_highlights_count_code_points_like_python(page, server):
    base, _ = server
    event = event_of(EMOJI_SENTENCE)
    page.goto(f"{base}/#event={event.event_id}")
    page.wait_for_selector("#panel:not([hidden]) mark.hl-trigger")
    assert page.text_content("#panel-sentence mark.hl-trigger") == "dispersed"
    assert page.text_content("#panel-sentence mark.hl-location") == "Ségou"


def test_timeline_drag_sets_the_date_range(page, server):
    base, _ = server
    page.goto(base + "/")
    wait_for_list(page, len(CASES))
    page.wait_for_function("() => timeline.buckets.length > 1")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.hash.includes('since=')")
    since = page.input_value("input[name=since]")
    until = page.input_value("input[name=until]")
    assert since and until and since <= until
    page.wait_for_function(
        "n => document.querySelectorAll('#events li').length < n", arg=len(CASES)
    )
    for day in page.eval_on_selector_all(
        "#events li .meta span:nth-child(3)", "els => els.map(e => e.textContent)"
    ):
        assert since <= day <= until


def test_clicking_a_marker_opens_its_event(page, server):
    base, _ = server
    nairobi = event_of(CASES[2].sentence)
    page.goto(f"{base}/#country=KEN&map=36.80,-1.30,6.0")
    wait_for_list(page, 1)
    page.wait_for_function(
        "id => map.drawn.some(d => d.cell.event_id === id)", arg=nairobi.event_id
    )
    x, y = page.evaluate(
        "id => { const d = map.drawn.find(d => d.cell.event_id === id); return [d.x, d.y]; }",
        nairobi.event_id,
    )
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#panel:not([hidden]) mark.hl-location")
    assert page.text_content("#panel-sentence mark.hl-location") == "Nairobi"


def test_new_events_appear_while_the_page_is_open(page, server):
    base, path = server
    page.goto(base + "/")
    wait_for_list(page, len(CASES))
    article, event = build(CASES[3], 500)
    with Store.open(path) as store:  # the server holds no lock: a writer gets in
        run_id = store.start_run(inputs=["live"], workers=1)
        store.write_batch(run_id, [Coded(Origin("live.txt", None), article, [event])])
        store.finish_run(run_id, status="finished")
    wait_for_list(page, len(CASES) + 1)  # the page polls the snapshot generation
    assert page.locator(f"#events li[data-id='{event.event_id}']").count() == 1
