"""The chrome every page shares: the footer settings, the menu, the header and the footer.

Built once per content state and kept as one fragment (pagecache/fragments.py), so a
rendered page reads all of it with one cache round trip instead of three queries and
a few hundred template nodes; once per request (`shared`). The menu's current section
and the page's category are marked per page (`portal.menu`, the `nav` fragment in
base.html); the header of a search, which shows its words, is rendered with the page.
See docs/performance.md, "Where rendering time goes".
"""

from django.template.loader import render_to_string

from pagecache import fragments


def build() -> dict:
    from portal import menu
    from portal.models import SiteSettings

    site_settings = SiteSettings.load()
    parts = {"site_settings": site_settings}
    return {
        "site_settings": site_settings,
        "menu": menu.main_menu(),
        "header": render_to_string("includes/header.html", parts),
        "footer": render_to_string("includes/footer.html", parts),
    }


def shared(request) -> dict:
    """The chrome, read once per request."""
    if not hasattr(request, "_chrome"):
        request._chrome = fragments.fragment("chrome", build)
    return request._chrome
