"""The chrome every page shares: the footer settings and the site's facts for the
metadata, the menu, the header, the notices banner, the footer, the style sheets and
scripts every page links.

Built once per content state and kept as one fragment (pagecache/fragments.py), so a
rendered page reads all of it in the same cache round trip as the content state instead
of three queries and a few hundred template nodes; once per request (`shared`). The
menu is rendered with a mark where a link may be the current one, and each page fills
the marks (its category, its section: `main_nav`, from the `marks` made with the menu);
the header's search box has a mark too, which a search page fills with its words
(`site_header`). The banner
belongs to the state too: a notice's start and end are timed changes of the state
(`sitewide.notices.next_change`), and saving one moves the generation.
See docs/performance.md, "Where rendering time goes".
"""

import re
from functools import cache

from django.template.loader import render_to_string
from django.utils.html import conditional_escape

from pagecache import fragments

TEMPLATES = (
    "includes/header.html",
    "includes/nav.html",
    "includes/footer.html",
    "includes/notices.html",
    "includes/styles.html",
    "includes/scripts.html",
)
# Where a link of the menu may be marked as the current one: filled by each page.
_MARK = re.compile("\x00([^\x00]*)\x00")
# Where the header's search box shows the words of a search: filled by each page.
_SEARCH_MARK = "\x00q\x00"


def build() -> dict:
    from portal import menu, metadata
    from portal.models import SiteSettings
    from sitewide import notices

    site_settings = SiteSettings.load()
    items = menu.main_menu()
    parts = {"site_settings": site_settings}
    header, nav, footer, banner, styles, scripts = TEMPLATES
    return {
        "site_settings": site_settings,
        "site_facts": metadata.site_facts(site_settings),
        "menu": items,
        # Each top-level link's mark, its slug and the paths under which it is current.
        "marks": [
            (f"{item.kind}:{item.slug}", item.slug, menu.current_prefixes(item)) for item in items
        ],
        "header": render_to_string(header, {**parts, "search_query": _SEARCH_MARK}),
        "nav": render_to_string(nav, {"main_menu": items}),
        "footer": render_to_string(footer, parts),
        "notices": render_to_string(banner, {"active_notices": notices.active()}),
        "styles": render_to_string(styles),
        "scripts": render_to_string(scripts),
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
    import pagemeta
    from portal import menu, metadata
    from sitewide import notices

    # pagemeta: the site's facts are stored as its `Site`.
    modules = (menu, metadata, notices, pagemeta, _this())
    return fragments.code_version(templates=TEMPLATES, modules=modules)


def _this():
    import sys

    return sys.modules[__name__]


def nav_mark(item) -> str:
    """The mark of a link that a page may show as current (`main_nav` fills it)."""
    return "\x00home\x00" if item == "home" else f"\x00{item.kind}:{item.slug}\x00"


def site_header(request, search_query="") -> str:
    """The shared header, its search box holding the words of a search page."""
    return shared(request)["header"].replace(_SEARCH_MARK, conditional_escape(search_query))


def main_nav(request, active_category_slug=None) -> str:
    """The shared menu with the page's links marked: the home link on the home page, the
    page's top category, the sections the page lies under (`menu.current_prefixes`)."""
    chrome = shared(request)
    path = request.path
    current = {"home"} if path == "/" else set()
    for mark, slug, prefixes in chrome["marks"]:
        if slug == active_category_slug or path.startswith(prefixes):
            current.add(mark)
    return _MARK.sub(lambda mark: " is-active" if mark.group(1) in current else "", chrome["nav"])
