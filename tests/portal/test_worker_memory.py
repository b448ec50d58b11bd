"""What a public worker carries: modules only an upload, an export or a command needs stay
out of it until used (docs/performance.md, "Worker memory")."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Each is loaded by the one function that needs it: 1.6 MB (nh3) to 17 MB (holidays) a worker.
LOADED_ON_FIRST_USE = [
    "fontTools",  # with pypdf
    "holidays",  # vntext.workdays
    "icalendar",  # schedule.ical, the calendar file
    "nh3",  # richtext.sanitize.clean_html, on save
    "olefile",  # documents.files, uploads
    "openpyxl",  # the spreadsheet exports and imports
    "PIL",  # safeimage: uploads, renditions, a picture header not yet in the cache
    "pypdf",  # documents.files, uploads
]


def _modules_after(code: str) -> set[str]:
    """The modules of LOADED_ON_FIRST_USE in a production process after `code`."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="localhost", REDIS_URL="")
    script = (
        f"import json, sys\n{code}\n"
        f"print(json.dumps([m for m in {LOADED_ON_FIRST_USE!r} if m in sys.modules]))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_serving_app_and_urlconf_leave_out_what_only_uploads_and_exports_use():
    """Importing the WSGI application and its URLconf loads none of those packages."""
    loaded = _modules_after(
        "import portal.wsgi\nfrom django.urls import get_resolver\nget_resolver().url_patterns"
    )
    assert loaded == set()


def test_cleaning_rich_text_loads_the_sanitizer():
    """nh3 arrives with the first clean (the check above can see a module arrive)."""
    loaded = _modules_after(
        "import portal.wsgi\nfrom richtext.sanitize import clean_html\nclean_html('<p>x</p>')"
    )
    assert loaded == {"nh3"}
