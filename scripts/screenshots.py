"""Screenshots of running pages at phone and desktop width, with Debian's Chromium.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 / /to-chuc/ --name home --name chart

Writes docs/screenshots/<name>-390.png and <name>-1280.png (full page).
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (390, 1280)
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 500) {
    window.scrollTo(0, y);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  window.scrollTo(0, 0);
}"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--name", action="append", default=[], help="file name per path, in order")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--viewport-only", action="store_true", help="not the full page")
    parser.add_argument("--login", help="USER:PASSWORD: log in to the admin first")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = args.name + [
        p.strip("/").replace("/", "-") or "home" for p in args.paths[len(args.name) :]
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width in (int(w) for w in args.widths.split(",")):
            context = browser.new_context(
                viewport={"width": width, "height": 900 if width > 600 else 844},
                device_scale_factor=1,
                is_mobile=width < 600,
                locale="vi-VN",
            )
            page = context.new_page()
            if args.login:
                username, _, password = args.login.partition(":")
                page.goto(args.base.rstrip("/") + "/admin/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", password)
                page.click("input[type=submit]")
                page.wait_for_load_state("networkidle")
            for path, name in zip(args.paths, names, strict=True):
                response = page.goto(args.base.rstrip("/") + path, wait_until="networkidle")
                # Images with loading="lazy" load only near the viewport: scroll through first.
                page.evaluate(SCROLL_THROUGH)
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=not args.viewport_only)
                print(f"{response.status} {path} -> {target}")
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
