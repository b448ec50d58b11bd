"""sitemap.xml sections of published albums and videos, with Google's image and video
tags (`templates/sitemap.xml` writes `url.images` and `url.videos`)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch

from gallery.models import Album, Photo, Video

IMAGES_PER_URL = 1000  # Google's limit of image:image per <url>


def _absolute(protocol, domain, url: str) -> str:
    return url if "://" in url else f"{protocol}://{domain}{url}"


class MediaSitemap(Sitemap):
    """Adds what `media(item, absolute)` returns to each URL of the section."""

    def get_urls(self, page=1, site=None, protocol=None):
        protocol = self.get_protocol(protocol)
        domain = self.get_domain(site)
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url.update(self.media(url["item"], lambda path: _absolute(protocol, domain, path)))
        return urls

    def media(self, item, absolute) -> dict:
        return {}


class AlbumSitemap(MediaSitemap):
    changefreq = "monthly"
    limit = 500

    def items(self):
        photos = Photo.objects.only("id", "album_id", "image", "caption", "alt")
        return (
            Album.objects.published()
            .only("id", "slug", "updated_at")
            .prefetch_related(Prefetch("photos", queryset=photos))
            .order_by("-pk")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        latest = Album.objects.published().order_by("-updated_at").values_list("updated_at")
        return next(iter(latest[:1]), (None,))[0]

    def media(self, item, absolute):
        return {
            "images": [
                {"loc": absolute(photo.image.url)} for photo in item.photos.all()[:IMAGES_PER_URL]
            ]
        }


class VideoSitemap(MediaSitemap):
    """Uploaded videos with `<video:video>` (content_loc); YouTube ones with their page only
    when they have a poster, and `player_loc` is never a third-party player here."""

    changefreq = "monthly"
    limit = 2000

    def items(self):
        return Video.objects.published().order_by("-pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        latest = Video.objects.published().order_by("-updated_at").values_list("updated_at")
        return next(iter(latest[:1]), (None,))[0]

    def media(self, item, absolute):
        if not (item.file and item.poster):
            return {"images": [{"loc": absolute(item.poster.url)}] if item.poster else []}
        return {
            "videos": [
                {
                    "thumbnail_loc": absolute(item.poster.url),
                    "title": item.title,
                    "description": (item.description or item.title)[:2048],
                    "content_loc": absolute(item.file.url),
                    "duration": round(item.duration) or "",
                    "publication_date": item.published_at.isoformat(timespec="seconds"),
                }
            ]
        }


sitemaps = {"thu-vien-anh": AlbumSitemap, "video": VideoSitemap}
