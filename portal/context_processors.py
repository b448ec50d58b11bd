from django.utils.functional import SimpleLazyObject

from portal import chrome, menu
from portal.models import SiteSettings


def site(request):
    """What every page's chrome needs; each part is fetched only if a template uses it.

    The menu, the footer settings, the header and the footer come from the fragment cache
    (portal/chrome.py).
    """
    return {
        "chrome": SimpleLazyObject(lambda: chrome.shared(request)),
        "site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request)),
        "main_menu": SimpleLazyObject(lambda: menu.shared_menu(request)),
    }
