"""What the news pages tell machines: their pagemeta.Metadata (docs/metadata.md)."""

from django.urls import reverse

import pagemeta
from news.templatetags.news import web_url
from richtext.sanitize import html_to_text


def _home():
    return ("Trang chủ", reverse("portal:home"))


def category_trail(category, url=None):
    """The trail to `category`; `url` its address when the caller has it already."""
    trail = [_home()]
    if category.parent:
        trail.append((category.parent.name, category.parent.get_absolute_url()))
    trail.append((category.name, url or category.get_absolute_url()))
    return trail


def category_list(request):
    url = reverse("news:category_list")
    return pagemeta.Metadata(
        title="Chuyên mục",
        description="Các chuyên mục tin bài của trang thông tin điện tử.",
        url=url,
        breadcrumbs=[_home(), ("Chuyên mục", url)],
    )


def collection(request, *, name, description, url, page_obj, breadcrumbs, section="", keywords=()):
    """CollectionPage of the articles on this page of a list (category, thread, tag)."""
    if page_obj.number > 1:
        url += f"?page={page_obj.number}"
    title = name + (f" – Trang {page_obj.number}" if page_obj.number > 1 else "")
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
    if keywords:
        page["keywords"] = ", ".join(keywords)
    return pagemeta.Metadata(
        title=title,
        description=description,
        url=url,
        section=section or name,
        modified=newest,
        date=newest.date() if newest else None,
        breadcrumbs=breadcrumbs,
        schema=[page],
        keywords=keywords,
    )


def category(request, category, page_obj):
    return collection(
        request,
        name=category.name,
        description=category.description or f"Tin bài chuyên mục {category.name}.",
        url=category.get_absolute_url(),
        page_obj=page_obj,
        breadcrumbs=category_trail(category),
    )


def thread_trail(thread=None):
    trail = [_home(), ("Dòng sự kiện", reverse("news:thread_list"))]
    if thread is not None:
        trail.append((thread.name, thread.get_absolute_url()))
    return trail


def thread_list(request, page_obj):
    url = reverse("news:thread_list")
    title = "Dòng sự kiện" + (f" – Trang {page_obj.number}" if page_obj.number > 1 else "")
    return pagemeta.Metadata(
        title=title,
        description="Các dòng sự kiện, chủ đề được theo dõi qua nhiều bài viết.",
        url=url + (f"?page={page_obj.number}" if page_obj.number > 1 else ""),
        breadcrumbs=thread_trail(),
    )


def thread(request, thread, page_obj):
    metadata = collection(
        request,
        name=thread.name,
        description=thread.description or f"Các bài viết theo dòng sự kiện {thread.name}.",
        url=thread.get_absolute_url(),
        page_obj=page_obj,
        breadcrumbs=thread_trail(thread),
        section="Dòng sự kiện",
        keywords=[thread.name],
    )
    metadata.image = pagemeta.image_file(thread.banner, alt=thread.banner_alt or thread.name)
    return metadata


def tag(request, tag, page_obj):
    url = tag.get_absolute_url()
    return collection(
        request,
        name=f"Từ khóa: {tag.name}",
        description=f"Các bài viết có từ khóa {tag.name}.",
        url=url,
        page_obj=page_obj,
        breadcrumbs=[_home(), (tag.name, url)],
        section="Từ khóa",
        keywords=[tag.name],
    )


def article(request, article, *, url, canonical_url, category_url, preview=False, keywords=()):
    """NewsArticle with its author, publisher, dates to the second and pictures.

    `url`, `canonical_url` (absolute) and `category_url`: the addresses the page shows
    too, each built once per rendering by the view (a `reverse()` or an `iri_to_uri`)."""
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
        "url": canonical_url,
        "mainEntityOfPage": canonical_url,
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "author": [author],
        "publisher": publisher,
        "datePublished": pagemeta.timestamp(article.published_at),
        "dateModified": pagemeta.timestamp(modified),
    }
    if keywords:
        node["keywords"] = ", ".join(keywords)
    if image:
        crops = pagemeta.image_crops(article.cover_image, alt=image.alt)
        node["image"] = [pagemeta.image_object(request, crop) for crop in crops]
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
        breadcrumbs=category_trail(article.category, category_url),
        schema=[node],
        robots="noindex, nofollow" if preview else "",
        keywords=keywords,
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
