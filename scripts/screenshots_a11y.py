"""Screenshots of the keyboard and reading aids, with Debian's Chromium.

    .venv/bin/python scripts/screenshots_a11y.py http://127.0.0.1:8000

Writes docs/screenshots/menu-open-1280.png (the last dropdown opened from the keyboard,
inside the window), text-size-1280.png and text-size-390.png (after A+ twice).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.screenshots import ARGS

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main(base: str) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 640}, locale="vi-VN")
        page.goto(base + "/")
        page.locator(".main-nav__subtoggle").last.focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        box = page.locator(".main-nav__sub").last.bounding_box()
        print(f"last dropdown: x={box['x']:.0f}..{box['x'] + box['width']:.0f} of 1280")
        page.screenshot(path=OUT / "menu-open-1280.png")
        for width, height in ((1280, 640), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
            page.goto(base + "/")
            bigger = page.get_by_role("button", name="Tăng cỡ chữ")
            bigger.click()
            bigger.click()
            bigger.focus()
            page.screenshot(path=OUT / f"text-size-{width}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
