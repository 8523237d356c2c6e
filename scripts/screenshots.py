"""Take the README's screenshots: a demo workspace served by `coffeechat serve`.

Usage: .venv/bin/python scripts/screenshots.py   (needs Debian's chromium)
"""

import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {"home": "/", "people": "/people/", "exploration": "/explorations/1/",
         "conversation": "/conversations/2/"}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    port = 8731
    data_dir = tempfile.mkdtemp(prefix="coffeechat-shots-")
    server = subprocess.Popen([sys.executable, "-m", "coffeechat.cli.main", "serve", "--demo",
                               "--data-dir", data_dir, "--port", str(port)])
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        shoot(base)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)
        shutil.rmtree(data_dir, ignore_errors=True)


def shoot(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 760})
        for name, path in PAGES.items():
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"))
        browser.close()


if __name__ == "__main__":
    main()
