"""Metadata as data: a view describes its page, one include writes every tag.

A view puts a `Metadata` in its context as `meta`; `templates/base.html` renders it with
`{% page_meta %}` (`html()`): title, description, canonical link, Open Graph, Twitter
card, Dublin Core and one JSON-LD graph. Site-wide facts (portal
name, publisher, logo, default share picture) come from the function named by the
`PAGEMETA_SITE` setting, so no app needs to know where they are kept.

Any app may import this library; it imports no app. How to use it: docs/metadata.md.
"""

import datetime as dt
import html as html_module
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from safeimage import renditions

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"

# What django.utils.html.json_script escapes: nothing in the data can close the <script>.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Image:
    """A picture for link previews and JSON-LD; `url` may be a path or an absolute URL."""

    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""
    mime_type: str = ""


@dataclass(frozen=True)
class Site:
    """What every page shares: who publishes the portal and how to reach them."""

    name: str
    publisher: str
    url: str = "/"
    logo: Image | None = None
    image: Image | None = None  # the share picture of pages without their own
    address: str = ""
    phone: str = ""
    email: str = ""
    search_url: str = ""  # the search page, for the home page's WebSite SearchAction
    language: str = "vi"
    locale: str = "vi_VN"


@dataclass
class Metadata:
    """The facts of one page. Paths are made absolute when the tags are written.

    `schema` holds the page's own JSON-LD nodes (NewsArticle, Person, ...); the
    BreadcrumbList is built from `breadcrumbs`, which the visible trail uses too.
    """

    title: str
    description: str = ""
    url: str = ""  # canonical; "" writes no canonical link (404, previews)
    type: str = "website"  # og:type: website, article, profile
    image: Image | None = None
    creator: str = ""  # author or issuing body; the publisher when empty
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    date: dt.date | None = None  # DC.date of pages without a publication time
    section: str = ""  # article:section, DC.subject
    source: str = ""  # DC.source: where the content came from
    breadcrumbs: Sequence[tuple[str, str]] = ()  # (name, path), home first
    schema: Sequence[dict] = field(default_factory=list)
    robots: str = ""
    keywords: Sequence[str] = ()  # <meta name="keywords">, article:tag


def site(request) -> Site:
    """The site's facts for this request (computed once per request)."""
    cached = getattr(request, "_pagemeta_site", None)
    if cached is None:
        provider = getattr(settings, "PAGEMETA_SITE", "")
        cached = import_string(provider)(request) if provider else Site(name="", publisher="")
        request._pagemeta_site = cached
    return cached


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def timestamp(value: dt.datetime | dt.date | None) -> str:
    """ISO 8601 to the second in the portal's zone ("2021-10-18T08:43:00+07:00")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def image_object(request, image: Image) -> dict:
    node = {"@type": "ImageObject", "url": absolute(request, image.url)}
    if image.width and image.height:
        node.update(width=image.width, height=image.height)
    if image.alt:
        node["caption"] = image.alt
    return node


def publisher(request) -> dict:
    """The publishing organization as a schema.org node (NewsArticle's `publisher`)."""
    facts = site(request)
    node = {"@type": "Organization", "name": facts.publisher, "url": absolute(request, facts.url)}
    if facts.logo:
        node["logo"] = image_object(request, facts.logo)
    return node


def breadcrumb_list(request, items) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(request, url)}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }


def collection_page(request, *, name, description, url, page_obj, item_name=str) -> dict:
    """A `CollectionPage` whose `ItemList` holds the items of this page of a list, each
    with its position in the whole list, its URL and `item_name(item)`."""
    return {
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": absolute(request, url),
        "inLanguage": "vi",
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": page_obj.start_index() + n,
                    "url": absolute(request, item.get_absolute_url()),
                    "name": item_name(item),
                }
                for n, item in enumerate(page_obj.object_list)
            ],
        },
    }


def image_file(file, alt="") -> Image | None:
    """An `Image` for a stored picture: its 1200-wide share rendition (docs/images.md), or
    the file itself, with its size when the file can be read."""
    if not file:
        return None
    picture = renditions.describe(file)
    if picture is None:  # missing or unreadable file: the picture, without its size
        return Image(url=file.url, alt=alt)
    share = picture.share()
    return Image(share.url, share.width, share.height, alt, share.mime_type)


def image_crops(file, alt="") -> list[Image]:
    """The 16:9, 4:3 and 1:1 crops of a stored picture for JSON-LD (Google's article
    image ratios); the share picture alone when it has none (a GIF)."""
    picture = renditions.describe(file) if file else None
    if picture is None:
        image = image_file(file, alt)
        return [image] if image else []
    crops = picture.crops() or [picture.share()]
    return [Image(crop.url, crop.width, crop.height, alt, crop.mime_type) for crop in crops]


@dataclass(frozen=True)
class Tags:
    """What `html()` writes, ready to loop over."""

    title: str
    description: str
    robots: str
    canonical: str
    opengraph: list
    twitter: list
    dublin_core: list
    json_ld: str
    keywords: str = ""


def tags(request, meta: Metadata) -> Tags:
    facts = site(request)
    canonical = absolute(request, meta.url)
    title = meta.title or facts.name
    full_title = title if title == facts.name or not facts.name else f"{title} – {facts.name}"
    description = meta.description or facts.name
    image = meta.image or facts.image

    opengraph = [
        ("og:type", meta.type),
        ("og:locale", facts.locale),
        ("og:site_name", facts.name),
        ("og:title", title),
        ("og:description", description),
        ("og:url", canonical or request.build_absolute_uri()),
    ]
    if image:
        opengraph.append(("og:image", absolute(request, image.url)))
        if image.mime_type:
            opengraph.append(("og:image:type", image.mime_type))
        if image.width and image.height:
            opengraph += [("og:image:width", image.width), ("og:image:height", image.height)]
        if image.alt:
            opengraph.append(("og:image:alt", image.alt))
    if meta.type == "article":
        opengraph += [
            ("article:published_time", timestamp(meta.published)),
            ("article:modified_time", timestamp(meta.modified)),
            ("article:section", meta.section),
            *(("article:tag", keyword) for keyword in meta.keywords),
        ]
    twitter = [
        ("twitter:card", "summary_large_image" if meta.image else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if image:
        twitter.append(("twitter:image", absolute(request, image.url)))
        if image.alt:
            twitter.append(("twitter:image:alt", image.alt))

    dublin_core = [
        ("DC.title", title),
        ("DC.creator", meta.creator or facts.publisher),
        # Pages without a date of their own show the information as of today.
        ("DC.date", timestamp(meta.published or meta.date or timezone.localdate())),
        ("DC.description", description),
        ("DC.publisher", facts.publisher),
        ("DC.identifier", canonical),
        ("DC.language", facts.language),
        ("DC.subject", meta.section),
        ("DC.source", meta.source),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
    ]

    graph = list(meta.schema)
    if meta.breadcrumbs:
        graph.append(breadcrumb_list(request, meta.breadcrumbs))
    json_ld = ""
    if graph:
        payload = json.dumps(
            {"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False
        )
        json_ld = payload.translate(_JSON_SCRIPT_ESCAPES)

    return Tags(
        title=full_title,
        description=description,
        robots=meta.robots,
        canonical=canonical,
        opengraph=[(k, v) for k, v in opengraph if v not in ("", None)],
        twitter=[(k, v) for k, v in twitter if v not in ("", None)],
        dublin_core=[(k, v) for k, v in dublin_core if v not in ("", None)],
        json_ld=json_ld,
        keywords=", ".join(keyword for keyword in meta.keywords if keyword),
    )


def _text(value) -> str:
    """A value as `{{ value }}` writes it: localized (numbers), then escaped as
    `conditional_escape` does, without its checks for lazy text on every call."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_module.escape(value if isinstance(value, str) else str(formats.localize(value)))


def html(tags: Tags) -> SafeString:
    """Every tag of the page, one per line. Written here rather than by a template: it is
    on every page, and a loop of template nodes per tag cost a rendered page about 0.4 ms
    (docs/performance.md, "Where rendering time goes")."""
    lines = [
        f"<title>{_text(tags.title)}</title>",
        f'<meta name="description" content="{_text(tags.description)}">',
    ]
    if tags.keywords:
        lines.append(f'<meta name="keywords" content="{_text(tags.keywords)}">')
    if tags.robots:
        lines.append(f'<meta name="robots" content="{_text(tags.robots)}">')
    if tags.canonical:
        lines.append(f'<link rel="canonical" href="{_text(tags.canonical)}">')
    lines += [f'<meta property="{_text(k)}" content="{_text(v)}">' for k, v in tags.opengraph]
    lines += [f'<meta name="{_text(k)}" content="{_text(v)}">' for k, v in tags.twitter]
    lines.append(f'<link rel="schema.DC" href="{DUBLIN_CORE}">')
    lines += [f'<meta name="{_text(k)}" content="{_text(v)}">' for k, v in tags.dublin_core]
    if tags.json_ld:
        # Safe by construction: <, > and & are \u-escaped, so no tag can open or close.
        lines.append(f'<script type="application/ld+json">{tags.json_ld}</script>')
    return mark_safe("\n  ".join(lines))


def breadcrumb(meta) -> SafeString:
    """The visible trail of `meta.breadcrumbs` (includes/breadcrumb.html): the last item,
    when it is the page itself, as the current one, the others as links."""
    crumbs = getattr(meta, "breadcrumbs", None)
    if not crumbs:
        return mark_safe("")
    last = len(crumbs) - 1
    items = []
    for n, (name, url) in enumerate(crumbs):
        if n == last and url == meta.url:
            items.append(f'<li aria-current="page">{_text(name)}</li>')
        else:
            items.append(f'<li><a href="{_text(url)}">{_text(name)}</a></li>')
    trail = "\n      ".join(items)
    return mark_safe(
        f'<nav aria-label="Đường dẫn">\n    <ol class="breadcrumb">\n      {trail}\n'
        "      \n    </ol>\n  </nav>"
    )
