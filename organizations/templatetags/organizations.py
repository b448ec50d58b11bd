"""Cadres' portraits and leader cards, written in Python.

A leader card was two nested includes per person: on `/lanh-dao/` (some forty cards)
they were most of the page's rendering time, and each portrait was one more cache
round trip for its picture's size. `{% leader_cards %}` writes a list's cards in one
pass and looks all their pictures up at once (docs/performance.md, "The organization
chart and pages, rendered").
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from safeimage import renditions
from safeimage.templatetags.pictures import picture

register = template.Library()

# size: (sizes, class, loading); the widths follow .portrait in organizations.css.
PORTRAIT_SIZES = {
    "xl": ("150px", "portrait portrait--xl", "eager"),
    "large": ("(min-width: 700px) 132px, 112px", "portrait portrait--large", ""),
    "": ("(min-width: 700px) 96px, 84px", "portrait", ""),
}
PLACEHOLDER = (
    '<svg viewBox="0 0 64 64" aria-hidden="true" focusable="false"><circle cx="32" cy="24"'
    ' r="12"/><path d="M10 60c0-13 10-21 22-21s22 8 22 21z"/></svg>'
)


@register.filter
def initials(full_name):
    """ "Đỗ Thị Lý" → "ĐL": for the placeholder portrait of a cadre without a photo."""
    words = (full_name or "").split()
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


@register.simple_tag
def portrait(cadre, size="", decorative=False, photo=None) -> SafeString:
    """A cadre's photo as a responsive picture, or a placeholder figure without one.

    `decorative` when the name is written beside it (alt=""); `photo`, the photo's
    `renditions.Picture` when the caller looked it up already.
    """
    size = size or ""
    if cadre.photo:
        sizes, classes, loading = PORTRAIT_SIZES.get(size, PORTRAIT_SIZES[""])
        image = photo or cadre.photo
        if decorative:
            return picture(image, sizes=sizes, css_class=classes)
        alt = f"Ảnh chân dung {cadre.full_name}"
        return picture(image, sizes=sizes, alt=alt, css_class=classes, loading=loading)
    modifier = f" portrait--{size}" if size else ""
    if decorative:
        label = mark_safe(' aria-hidden="true"')
    else:
        label = format_html(' role="img" aria-label="Chưa có ảnh chân dung {}"', cadre.full_name)
    return format_html(
        '<span class="portrait portrait--placeholder{}"{}>{}</span>',
        modifier,
        label,
        mark_safe(PLACEHOLDER),
    )


@register.simple_tag
def leader_cards(positions, size="") -> SafeString:
    """The <li class="leader"> of each position: portrait, name, title; one cache read."""
    photos = renditions.describe_many(
        [position.cadre.photo.name for position in positions if position.cadre.photo]
    )
    cards = []
    for position in positions:
        cadre = position.cadre
        photo = photos.get(cadre.photo.name) if cadre.photo else None
        cards.append(
            format_html(
                '<li class="leader">\n'
                '  <a class="leader__link" href="{}">\n'
                "    {}\n"
                '    <span class="leader__name">{}</span>\n'
                "  </a>\n"
                '  <span class="leader__title">{}</span>\n'
                "</li>\n",
                cadre.get_absolute_url(),
                portrait(cadre, size, decorative=True, photo=photo),
                cadre.full_name,
                position.full_title(),
            )
        )
    return mark_safe("".join(cards))  # each card is format_html's


@register.simple_tag
def position_rows(positions) -> SafeString:
    """The <tr> of each position in a table of past leaders: name, title, months held."""
    rows = []
    for position in positions:
        cadre = position.cadre
        rows.append(
            format_html(
                "<tr>\n"
                '  <th scope="row"><a href="{}">{}</a></th>\n'
                "  <td>{}</td>\n"
                '  <td class="org-nowrap">{}</td>\n'
                "</tr>\n",
                cadre.get_absolute_url(),
                cadre.full_name,
                position.full_title(),
                _months_held(position.started_on, position.ended_on),
            )
        )
    return mark_safe("".join(rows))  # each row is format_html's


def _months_held(started_on, ended_on) -> str:
    """ "06/2020 – 06/2025", "06/2025 – nay", "– 06/2025" or ""."""
    start = f"{started_on:%m/%Y}" if started_on else ""
    if ended_on:
        return f"{start} – {ended_on:%m/%Y}"
    return f"{start} – nay" if started_on else ""
