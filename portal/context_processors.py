from django.utils.functional import SimpleLazyObject

from portal.menu import main_menu
from portal.models import SiteSettings


def site(request):
    """What every page's chrome needs; each part is fetched only if a template uses it."""
    return {
        "site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request)),
        "main_menu": SimpleLazyObject(lambda: main_menu(request.path)),
    }
