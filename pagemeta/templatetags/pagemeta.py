from django import template

import pagemeta

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context, title=""):
    """Every metadata tag of the page, from the `meta` the view put in the context.

    A page without one (an error page) gets `title` (or the portal's name), no canonical
    link and `noindex`.
    """
    request = context["request"]
    meta = context.get("meta")
    if not isinstance(meta, pagemeta.Metadata):
        meta = pagemeta.Metadata(title=title, robots="noindex")
    return pagemeta.html(pagemeta.tags(request, meta))


@register.simple_tag(takes_context=True)
def breadcrumb(context):
    """The trail the page's `meta` names (its JSON-LD BreadcrumbList has the same items)."""
    return pagemeta.breadcrumb(context.get("meta"))
