from django.utils.functional import SimpleLazyObject

from sitewide import notices
from sitewide.models import Link


def site_parts(request):
    """The notices banner and the related links: fetched only when a template uses them."""
    return {
        "active_notices": SimpleLazyObject(notices.active),
        "related_links": SimpleLazyObject(lambda: list(Link.objects.shown())),
    }
