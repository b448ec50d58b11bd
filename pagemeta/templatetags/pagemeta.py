from django import template
from django.utils.safestring import mark_safe

import pagemeta

register = template.Library()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, title=""):
    """Every metadata tag of the page, from the `meta` the view put in the context.

    A page without one (an error page) gets `title` (or the portal's name), no canonical
    link and `noindex`.
    """
    request = context["request"]
    meta = context.get("meta")
    if not isinstance(meta, pagemeta.Metadata):
        meta = pagemeta.Metadata(title=title, robots="noindex")
    tags = pagemeta.tags(request, meta)
    # Safe by construction: <, > and & are \u-escaped, so no tag can open or close.
    json_ld = mark_safe(tags.json_ld)
    return {"tags": tags, "json_ld": json_ld, "dublin_core": pagemeta.DUBLIN_CORE}
