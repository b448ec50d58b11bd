"""Logging in to the admin in a browser test: one form, filled the same way everywhere."""

import re

from django.urls import reverse

from tests.news.factories import PASSWORD


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    """Fill the admin's login form at `base` (the live server's URL) and wait for the index."""
    page.goto(base + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
