"""Article cards: what lists of articles show, rendered by one tag each.

A list page shows up to 18 cards; as `{% include %}`s with nested tags and filters each
card cost about 20 template nodes, a URL reversal per link and a cache round trip for
its picture. Here the values are computed once in Python (the article's URL, its dates,
its `{% picture %}` markup) and one compiled template per kind of card writes them
(`{% article_card %}`, `{% article_item %}`, `{% article_thumb %}`, `{% article_lead %}`,
`{% article_latest %}` in `news/templatetags/news.py`). `describe_covers()` reads the
pictures of every card on a page with one cache round trip; a card whose picture was
not read that way reads its own. Figures: docs/performance.md, "Where rendering time
goes".
"""

import unicodedata
from functools import lru_cache

from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import truncatechars
from django.template.loader import get_template
from django.utils import timezone

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


def card(article, *, level=3, large=False, sizes="", show_category=False, query=None) -> str:
    """A list row: image, title, date, sapo (includes/cards/article_card.html)."""
    values = _common(article)
    if large:
        cover = _cover(article, sizes=LARGE_CARD_SIZES, loading="eager")
    else:
        cover = _cover(article, sizes=sizes or CARD_SIZES)
    sapo = _shortened(article.sapo, 320) if article.sapo else ""
    if query:
        values["title"] = search.highlight(article.title or "", query)
        sapo = search.highlight(sapo, query) if sapo else ""
    values.update(
        level=level,
        large=large,
        has_cover=bool(article.cover_image),
        cover=cover,
        when=dates.article_datetime(values["local"]) if values["local"] else "",
        category=article.category if show_category else None,
        sapo=sapo,
    )
    return _render("includes/cards/article_card.html", values)


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
