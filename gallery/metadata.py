"""What the gallery's pages tell machines: their pagemeta.Metadata (docs/metadata.md)."""

from django.urls import reverse

import pagemeta

SECTION = "Thư viện ảnh"


def _home():
    return ("Trang chủ", reverse("portal:home"))


def _list_page(request, *, title, description, url, page_obj, items):
    if page_obj.number > 1:
        url += f"?page={page_obj.number}"
        title += f" – Trang {page_obj.number}"
    return pagemeta.Metadata(
        title=title,
        description=description,
        url=url,
        section=title,
        breadcrumbs=[_home(), (title, url)],
        schema=[
            {
                "@type": "CollectionPage",
                "name": title,
                "description": description,
                "url": pagemeta.absolute(request, url),
                "inLanguage": "vi",
                "mainEntity": {
                    "@type": "ItemList",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": page_obj.start_index() + n,
                            "url": pagemeta.absolute(request, item.get_absolute_url()),
                            "name": item.title,
                        }
                        for n, item in enumerate(items)
                    ],
                },
            }
        ],
    )


def album_list(request, page_obj):
    return _list_page(
        request,
        title=SECTION,
        description="Ảnh các đại hội, hội nghị, lễ kỷ niệm và phong trào của Đảng bộ Khối.",
        url=reverse("gallery:album_list"),
        page_obj=page_obj,
        items=page_obj.object_list,
    )


def _image(photo):
    """The photo's 1200-wide share rendition (pagemeta.image_file, docs/images.md)."""
    return pagemeta.image_file(photo.image, photo.alt) if photo is not None else None


def album(request, album, photos):
    url = album.get_absolute_url()
    cover = album.cover_photo(photos)
    description = album.description or f"Album {len(photos)} ảnh: {album.title}."
    return pagemeta.Metadata(
        title=album.title,
        description=description,
        url=url,
        image=_image(cover),
        date=album.date,
        published=album.published_at,
        modified=album.updated_at,
        section=SECTION,
        breadcrumbs=[_home(), (SECTION, reverse("gallery:album_list")), (album.title, url)],
        schema=[
            {
                "@type": "ImageGallery",
                "name": album.title,
                "description": description,
                "url": pagemeta.absolute(request, url),
                "datePublished": pagemeta.timestamp(album.published_at),
                "inLanguage": "vi",
                "publisher": pagemeta.publisher(request),
                "associatedMedia": [
                    pagemeta.image_object(request, _image(photo)) for photo in photos[:50]
                ],
            }
        ],
    )


def photo(request, album, photo, position, total):
    url = photo.get_absolute_url()
    title = f"{album.title} – ảnh {position}/{total}"
    return pagemeta.Metadata(
        title=title,
        description=photo.caption or photo.alt or album.title,
        url=url,
        image=_image(photo),
        date=album.date,
        section=SECTION,
        creator=photo.photographer,
        breadcrumbs=[
            _home(),
            (SECTION, reverse("gallery:album_list")),
            (album.title, album.get_absolute_url()),
            (f"Ảnh {position}", url),
        ],
        schema=[
            {
                **pagemeta.image_object(request, _image(photo)),
                "contentUrl": pagemeta.absolute(request, photo.image.url),
                "name": title,
                **(
                    {"creator": {"@type": "Person", "name": photo.photographer}}
                    if photo.photographer
                    else {}
                ),
            }
        ],
    )


VIDEOS = "Video"


def video_list(request, page_obj):
    return _list_page(
        request,
        title=VIDEOS,
        description="Phóng sự, tọa đàm và hoạt động của Đảng bộ Khối qua video.",
        url=reverse("gallery:video_list"),
        page_obj=page_obj,
        items=page_obj.object_list,
    )


def video(request, video):
    url = video.get_absolute_url()
    poster = None
    if video.poster:
        poster = pagemeta.Image(
            url=video.poster.url,
            width=video.poster_width or None,
            height=video.poster_height or None,
            alt=video.title,
        )
    description = video.description or f"Video: {video.title}."
    node = {
        "@type": "VideoObject",
        "name": video.title,
        "description": description,
        "url": pagemeta.absolute(request, url),
        "uploadDate": pagemeta.timestamp(video.published_at),
        "inLanguage": "vi",
        "publisher": pagemeta.publisher(request),
    }
    if poster:
        node["thumbnailUrl"] = pagemeta.absolute(request, poster.url)
    if video.file:
        node["contentUrl"] = pagemeta.absolute(request, video.file.url)
        node["duration"] = f"PT{round(video.duration)}S"
        node["encodingFormat"] = video.mime_type
    if video.transcript:
        node["transcript"] = video.transcript
    return pagemeta.Metadata(
        title=video.title,
        description=description,
        url=url,
        type="video.other",
        image=poster,
        date=video.date,
        published=video.published_at,
        modified=video.updated_at,
        section=VIDEOS,
        breadcrumbs=[_home(), (VIDEOS, reverse("gallery:video_list")), (video.title, url)],
        schema=[node],
    )
