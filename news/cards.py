"""Article cards: what lists of articles show, rendered by one tag each.

A list page shows up to 18 cards; as `{% include %}`s with nested tags and filters each
card cost about 20 template nodes, a URL reversal per link and a cache round trip for
its picture. Here the values are computed once in Python (the article's URL, its dates,
its `{% picture %}` markup) and one compiled template per kind of card writes them
(`{% article_item %}`, `{% article_thumb %}`, `{% article_lead %}`, `{% article_latest %}`
in `news/templatetags/news.py`); the list row of every list page, `{% article_card %}`,
is one format string (`_CARD`). `describe_covers()` reads the
pictures of every card on a page with one cache round trip; a card whose picture was
not read that way reads its own. Figures: docs/performance.md, "Where rendering time
goes".
"""

import html
import unicodedata
from functools import lru_cache

from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import truncatechars
from django.template.loader import get_template
from django.utils import formats, timezone

from news import search
from safeimage import renditions
from safeimage.templatetags.pictures import picture
from vntext import dates

CARD_SIZES = "(min-width: 780px) 260px, 34vw"
LARGE_CARD_SIZES = "(min-width: 900px) 440px, 100vw"
LEAD_SIZES = "(min-width: 1200px) 690px, (min-width: 900px) 58vw, 100vw"
THUMB_SIZES = "112px"
_UNKNOWN = object()


def describe_covers(*lists) -> None:
    """Read the cover pictures of every article in `lists` with one cache round trip."""
    articles = [article for articles in lists if articles for article in articles]
    names = [article.cover_image.name for article in articles if article.cover_image]
    found = renditions.describe_many(names) if names else {}
    for article in articles:
        article._cover_picture = (
            found.get(article.cover_image.name) if article.cover_image else None
        )


def _cover(article, **options) -> str:
    """`{% picture %}` of the article's cover ("" without one)."""
    if not article.cover_image:
        return ""
    described = getattr(article, "_cover_picture", _UNKNOWN)
    if described in (_UNKNOWN, None):
        return picture(article.cover_image, **options)
    return _described_cover(described, options)


def _described_cover(described: renditions.Picture, options: dict) -> str:
    """`{% picture %}` of a described cover, written once per process for each picture
    and options while the media are files under one base URL (their markup depends on
    nothing else); otherwise (another storage's URLs may be signed) every time."""
    base_url = getattr(default_storage, "base_url", None)
    if described.storage is not None or not _on_file_system():
        return picture(described, **options)
    return _cover_markup(described, base_url, tuple(options.items()))


def _on_file_system() -> bool:
    return type(getattr(default_storage, "_wrapped", default_storage)) is FileSystemStorage


# The covers of the newest articles are on every list page: a few hundred markups of
# about 1 KB (docs/performance.md, "Category and search pages").
@lru_cache(maxsize=256)
def _cover_markup(described, base_url, options) -> str:
    return picture(described, **dict(options))


def _shortened(text: str, length: int) -> str:
    """`|truncatechars:length`, without its character-by-character walk when the text fits
    (combining marks only shorten the count, so a text of at most `length` code points
    always fits; the filter returns it NFC-normalized)."""
    if len(text) <= length:
        return unicodedata.normalize("NFC", text)
    return truncatechars(text, length)


def _common(article) -> dict:
    published = article.published_at
    local = timezone.localtime(published) if published else None
    return {
        "url": article.get_absolute_url(),
        "title": article.title,
        "iso": local.isoformat() if local else "",
        "local": local,
    }


def _render(name: str, values: dict) -> str:
    return get_template(name).render(values)


# The markup of `card()`, byte for byte what the template it replaced wrote, its values
# escaped as `{{ }}` escapes them (`_html`): through a template's nodes, a list page's 18
# cards cost about 0.8 ms more (docs/performance.md, "The category page in Python").
_CARD = (
    '\n<article class="card{modifiers}">\n  {media}\n'
    '  <div class="card__body">\n'
    '    <h{level} class="card__title"><a href="{url}">{title}</a></h{level}>\n'
    '    <p class="card__meta">\n'
    '      <time datetime="{iso}">{when}</time>\n'
    "      {category}\n"
    "    </p>\n"
    "    {sapo}\n"
    "  </div>\n"
    "</article>\n"
)
_CARD_MEDIA = (
    '\n    <a class="card__media" href="{url}" tabindex="-1" aria-hidden="true">\n'
    "      {cover}\n"
    "    </a>\n  "
)
_CARD_CATEGORY = '<span class="card__category"><a href="{url}">{label}</a></span>'
_CARD_SAPO = '<p class="card__sapo">{sapo}</p>'


def _html(value) -> str:
    """`value` as `{{ value }}` writes it: numbers localized, escaped unless safe, as
    `conditional_escape` does without its checks for lazy text (a fifth of a card)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(value if isinstance(value, str) else str(formats.localize(value)))


def card(article, *, level=3, large=False, sizes="", show_category=False, query=None) -> str:
    """A list row: image, title, date, sapo (`_CARD`)."""
    published = article.published_at
    local = timezone.localtime(published) if published else None
    url = _html(article.get_absolute_url())
    if large:
        cover = _cover(article, sizes=LARGE_CARD_SIZES, loading="eager")
    else:
        cover = _cover(article, sizes=sizes or CARD_SIZES)
    title = article.title
    sapo = _shortened(article.sapo, 320) if article.sapo else ""
    if query:
        title = search.highlight(title or "", query)
        sapo = search.highlight(sapo, query) if sapo else ""
    modifiers = " card--large" if large else ""
    if not article.cover_image:
        modifiers += " card--text"
    category = article.category if show_category else None
    return _CARD.format(
        modifiers=modifiers,
        media=_CARD_MEDIA.format(url=url, cover=_html(cover)) if article.cover_image else "",
        level=_html(level),
        url=url,
        title=_html(title),
        iso=local.isoformat() if local else "",
        when=_html(dates.article_datetime(local)) if local else "",
        category=(
            _CARD_CATEGORY.format(
                url=_html(category.get_absolute_url()), label=_html(category.label)
            )
            if category
            else ""
        ),
        sapo=_CARD_SAPO.format(sapo=_html(sapo)) if sapo else "",
    )


def item(article) -> str:
    """One line of a dense list: title and (date) (includes/cards/article_item.html)."""
    values = _common(article)
    values["day"] = dates.short_date(values["local"]) if values["local"] else ""
    return _render("includes/cards/article_item.html", values)


def latest(article) -> str:
    """A line of the home page's "Tin mới nhất" (includes/cards/article_latest.html)."""
    values = _common(article)
    local = values["local"]
    values.update(
        time=f"{local:%H:%M}" if local else "", day=dates.short_date(local) if local else ""
    )
    return _render("includes/cards/article_latest.html", values)


def thumb(article, *, level=3) -> str:
    """A small image beside the title (includes/cards/article_thumb.html)."""
    values = _common(article)
    values.update(
        level=level,
        has_cover=bool(article.cover_image),
        cover=_cover(article, sizes=THUMB_SIZES),
        day=dates.short_date(values["local"]) if values["local"] else "",
    )
    return _render("includes/cards/article_thumb.html", values)


def lead(article) -> str:
    """The home page's lead story (includes/cards/article_lead.html)."""
    values = _common(article)
    values.update(
        cover=_cover(article, sizes=LEAD_SIZES, fetchpriority="high"),
        when=dates.article_datetime(values["local"]) if values["local"] else "",
        sapo=_shortened(article.sapo, 360) if article.sapo else "",
    )
    return _render("includes/cards/article_lead.html", values)
