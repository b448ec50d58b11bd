"""The chrome every page shares: the footer settings, the menu, the header and the footer.

Built once per content state and kept as one fragment (pagecache/fragments.py), so a
rendered page reads all of it with one cache round trip instead of three queries and
a few hundred template nodes; once per request (`shared`). The menu is rendered with
a mark where a link may be the current one, and each page fills the marks (its category,
its section: `main_nav`); the header of a search, which shows its words, is rendered
with the page.
See docs/performance.md, "Where rendering time goes".
"""

import hashlib
import re
from functools import cache
from pathlib import Path

from django.template.loader import get_template, render_to_string

from pagecache import fragments

TEMPLATES = ("includes/header.html", "includes/nav.html", "includes/footer.html")
# Where a link of the menu may be marked as the current one: filled by each page.
_MARK = re.compile("\x00([^\x00]*)\x00")


def build() -> dict:
    from portal import menu
    from portal.models import SiteSettings

    site_settings = SiteSettings.load()
    items = menu.main_menu()
    parts = {"site_settings": site_settings}
    return {
        "site_settings": site_settings,
        "menu": items,
        "header": render_to_string(TEMPLATES[0], parts),
        "nav": render_to_string(TEMPLATES[1], {"main_menu": items}),
        "footer": render_to_string(TEMPLATES[2], parts),
    }


def shared(request) -> dict:
    """The chrome, read once per request."""
    if not hasattr(request, "_chrome"):
        request._chrome = fragments.fragment("chrome", build, code_version())
    return request._chrome


@cache
def code_version() -> str:
    """What the chrome is made with: its templates and the code that builds it. Part of
    the fragment's key, so that a deploy never reads a chrome an older release stored
    under the same content state (it is kept for as long as the state lasts)."""
    from portal import menu

    sources = [get_template(name).template.source.encode() for name in TEMPLATES]
    sources += [Path(module.__file__).read_bytes() for module in (menu, _this())]
    return hashlib.sha256(b"\0".join(sources)).hexdigest()[:12]


def _this():
    import sys

    return sys.modules[__name__]


def nav_mark(item) -> str:
    """The mark of a link that a page may show as current (`main_nav` fills it)."""
    return "\x00home\x00" if item == "home" else f"\x00{item.kind}:{item.slug}\x00"


def main_nav(request, active_category_slug=None) -> str:
    """The shared menu with the page's links marked: the home link on the home page, the
    page's top category, the sections the page lies under (`menu.mark_current`)."""
    from portal import menu

    current = {"home"} if request.path == "/" else set()
    for item in menu.shared_menu(request):
        if item.slug == active_category_slug or item.is_current:
            current.add(f"{item.kind}:{item.slug}")
    return _MARK.sub(
        lambda mark: " is-active" if mark.group(1) in current else "", shared(request)["nav"]
    )
