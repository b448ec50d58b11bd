"""`{% picture %}` and `|body_pictures`: stored pictures as responsive markup (docs/images.md).

    {% load pictures %}
    {% picture article.cover_image sizes="(min-width: 900px) 480px, 100vw" alt="" fetchpriority="high" %}

writes a `<picture>` with a WebP `<source srcset sizes>` and an `<img>` carrying the
original format's `srcset`, `sizes`, `src` (the 640-wide one), `width`, `height`, `alt`,
`loading` (lazy unless `fetchpriority="high"` or `loading="eager"`) and
`decoding="async"`. `image` is a `FieldFile`, a stored name or a `Picture`. A file
that cannot be read gives a plain `<img>` of its URL, so a page never breaks over it.
"""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from safeimage import markup, renditions

register = template.Library()


@register.simple_tag
def picture(image, sizes="100vw", alt="", loading="", fetchpriority="", css_class=""):
    """Responsive markup for a stored picture; see the module docstring."""
    if not image:
        return ""
    found = image if isinstance(image, renditions.Picture) else renditions.describe(image)
    if found is None:
        url = image.url if hasattr(image, "url") else default_storage.url(image)
        return format_html('<img src="{}" alt="{}" decoding="async">', url, alt) if url else ""
    return markup.picture_html(
        found,
        sizes=sizes,
        alt=alt,
        loading=loading,
        fetchpriority=fetchpriority,
        css_class=css_class,
    )


@register.filter
def body_pictures(html, sizes="(min-width: 900px) 800px, 100vw"):
    """Sanitized rich text with its stored pictures written as renditions (`markup.rewrite_body`)."""
    return mark_safe(markup.rewrite_body(str(html or ""), sizes=sizes))
