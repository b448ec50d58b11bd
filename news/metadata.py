"""What the news pages tell machines: their pagemeta.Metadata (docs/metadata.md)."""

from django.urls import reverse

import pagemeta
from news.templatetags.news import web_url
from richtext.sanitize import html_to_text


def _home():
    return ("Trang chủ", reverse("portal:home"))


def category_trail(category):
    trail = [_home()]
    if category.parent:
        trail.append((category.parent.name, category.parent.get_absolute_url()))
    trail.append((category.name, category.get_absolute_url()))
    return trail


def category_list(request):
    url = reverse("news:category_list")
    return pagemeta.Metadata(
        title="Chuyên mục",
        description="Các chuyên mục tin bài của trang thông tin điện tử.",
        url=url,
        breadcrumbs=[_home(), ("Chuyên mục", url)],
    )


def category(request, category, page_obj):
    """CollectionPage of the category's articles on this page of the list."""
    url = category.get_absolute_url()
    if page_obj.number > 1:
        url += f"?page={page_obj.number}"
    title = category.name + (f" – Trang {page_obj.number}" if page_obj.number > 1 else "")
    description = category.description or f"Tin bài chuyên mục {category.name}."
    articles = list(page_obj.object_list)
    newest = articles[0].published_at if articles else None
    page = pagemeta.collection_page(
        request,
        name=title,
        description=description,
        url=url,
        page_obj=page_obj,
        item_name=lambda article: article.title,
    )
    page["isPartOf"] = {
        "@type": "WebSite",
        "url": pagemeta.absolute(request, reverse("portal:home")),
    }
    if newest:
        page["dateModified"] = pagemeta.timestamp(newest)
    return pagemeta.Metadata(
        title=title,
        description=description,
        url=url,
        section=category.name,
        modified=newest,
        date=newest.date() if newest else None,
        breadcrumbs=category_trail(category),
        schema=[page],
    )


def article(request, article, *, preview=False):
    """NewsArticle with its author, publisher, dates to the second and pictures."""
    url = article.get_absolute_url()
    description = article.sapo or html_to_text(article.body)[:300]
    image = pagemeta.image_file(article.cover_image, alt=article.cover_alt or article.title)
    modified = article.updated_at
    if article.published_at:
        modified = max(article.updated_at, article.published_at)
    publisher = pagemeta.publisher(request)
    if article.author_name:
        # No byline pages yet: the author's url is the publishing organization's home.
        author = {"@type": "Person", "name": article.author_name, "url": publisher["url"]}
    else:
        author = publisher
    node = {
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": description,
        "url": pagemeta.absolute(request, url),
        "mainEntityOfPage": pagemeta.absolute(request, url),
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "author": [author],
        "publisher": publisher,
        "datePublished": pagemeta.timestamp(article.published_at),
        "dateModified": pagemeta.timestamp(modified),
    }
    if image:
        # One picture so far; the 16:9, 4:3 and 1:1 renditions join this list when they exist.
        node["image"] = [pagemeta.image_object(request, image)]
    source_url = web_url(article.source_url)  # never a javascript: address
    if source_url:
        node["isBasedOn"] = source_url
    return pagemeta.Metadata(
        title=article.title,
        description=description[:300],
        url="" if preview else url,
        type="article",
        image=image,
        creator=article.author_name,
        published=article.published_at,
        modified=modified,
        section=article.category.name,
        source=source_url or article.source_name,
        breadcrumbs=category_trail(article.category),
        schema=[node],
        robots="noindex, nofollow" if preview else "",
    )


def search(request, query):
    url = reverse("news:search")
    title = f"Tìm kiếm: {query.text}" if query else "Tìm kiếm"
    return pagemeta.Metadata(
        title=title,
        description="Tìm tin bài có dấu hoặc không dấu, theo chuyên mục và thời gian.",
        url=url,
        breadcrumbs=[_home(), ("Tìm kiếm", url)],
        robots="noindex, follow",
    )
