"""Take the README's screenshots of the demo workspace, served by `coffeechat serve --demo`.

Usage: .venv/bin/python scripts/screenshots.py [--out DIR]   (needs Debian's chromium)

The server runs on a free port over a throwaway data folder; pages are found by
following links, as a user would, so the script needs no knowledge of record ids.
"""

import argparse
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1200, "height": 800}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    out = parser.parse_args().out
    port, data_dir = free_port(), tempfile.mkdtemp(prefix="coffeechat-shots-")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "serve",
            "--demo",
            "--no-worker",
            "--data-dir",
            data_dir,
            "--port",
            str(port),
        ]
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base)
        shoot(base, out)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(base: str) -> None:
    for _ in range(300):  # migrations and the demo data come first
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server at {base} did not answer")


def shoot(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)

        def snap(name: str, path: str | None = None, whole: bool = False) -> None:
            if path:
                page.goto(base + path)
            page.mouse.move(0, 0)  # no hover or focus ring left from a click
            page.evaluate("document.activeElement && document.activeElement.blur()")
            page.screenshot(path=str(out / f"{name}.png"), full_page=whole)
            print(f"{name}: {page.url}")

        snap("home", "/")
        snap("people", "/people/")
        page.goto(base + "/explorations/")
        exploration = href(page, "main table a")
        snap("exploration", exploration)
        asked, scheduled = stage_link(page, "asked"), stage_link(page, "scheduled")
        snap("insights", exploration + "insights/")
        snap("side-by-side", exploration + "side-by-side/")
        page.goto(base + asked)
        page.locator("details.why").first.evaluate("details => details.open = true")
        snap("conversation")
        page.goto(base + "/people/")
        page.locator("main table a").first.click()
        page.get_by_role("button", name="Write the ask").click()
        snap("ask")
        page.goto(base + scheduled + "plan/")
        page.get_by_role("button", name="Build plan").click()
        page.wait_for_selector("#plan .plan-item")
        snap("plan")
        page.goto(base + scheduled + "live/")
        page.get_by_role("button", name="Start the clock").click()
        snap("live")
        shoot_everyday(page, base, snap)
        browser.close()


def shoot_everyday(page: Page, base: str, snap) -> None:
    """Issue 24's views: people changed in bulk, Undo after a change, a phone's layout."""
    page.goto(base + "/people/")
    rows = page.locator("[data-bulk-row]")
    rows.nth(0).click()
    rows.nth(3).click(modifiers=["Shift"])  # shift-click ticks the range
    page.locator("#bulk select").first.select_option(index=1)
    snap("bulk", whole=True)
    page.get_by_role("button", name="Apply to the selected").click()
    page.wait_for_selector(".message .undo")
    page.evaluate("window.scrollTo(0, 0)")
    snap("undo")
    page.set_viewport_size({"width": 390, "height": 844})
    snap("phone-people", "/people/")
    page.goto(base + "/people/")
    page.locator("main table a").first.click()
    snap("phone-person")
    page.set_viewport_size(VIEWPORT)


def href(page: Page, selector: str) -> str:
    return page.locator(selector).first.get_attribute("href")


def stage_link(page: Page, stage: str) -> str:
    """The first conversation on this page at `stage`."""
    row = page.locator("tr", has=page.locator(f".stage-{stage}")).first
    return row.locator("a[href^='/conversations/']").first.get_attribute("href")


if __name__ == "__main__":
    main()
