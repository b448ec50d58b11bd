"""Playwright with Debian's Chromium (never a downloaded browser).

Browser tests skip when /usr/bin/chromium is missing, except in CI, where
REQUIRE_BROWSER=1 turns the skip into a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the
# live server fixtures and the test's own setup) must be allowed to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page_in(chromium, **options):
    context = chromium.new_context(locale="vi-VN", **options)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(chromium):
    yield from _page_in(chromium, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_page(chromium):
    yield from _page_in(
        chromium, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )


@pytest.fixture
def axe():
    """axe-core in the page: `axe.check(page)` fails on any violation (tests/browser/axe.py)."""
    from tests.browser.axe import Axe

    return Axe()
