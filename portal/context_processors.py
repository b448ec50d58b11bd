from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject

from news.models import Category
from portal.models import SiteSettings


def main_menu():
    """Top-level menu categories with their menu children: two queries, whatever the size."""
    children = Prefetch("children", queryset=Category.objects.in_menu(), to_attr="menu_children")
    return list(Category.objects.top_level().in_menu().prefetch_related(children))


def site(request):
    """What every page's chrome needs; each part is fetched only if a template uses it."""
    return {
        "site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request)),
        "main_menu": SimpleLazyObject(main_menu),
    }
