"""RSS 2.0 of newly published albums and videos (uploaded files as enclosures)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

import vntext
from gallery.models import Album, Video

FEED_SIZE = 30


class LatestAlbumsFeed(Feed):
    title = f"Thư viện ảnh – {settings.PORTAL_NAME}"
    link = reverse_lazy("gallery:album_list")
    feed_url = reverse_lazy("gallery:album_feed")
    description = f"Album ảnh mới trên {settings.PORTAL_NAME}"

    def items(self):
        return (
            Album.objects.published()
            .for_cards()
            .only("id", "title", "slug", "date", "cover", "description", "published_at")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return vntext.normalize(item.title)

    def item_description(self, item):
        count = f"{item.photo_total} ảnh, ngày {item.date:%d/%m/%Y}."
        return vntext.normalize(f"{count} {item.description}").strip()

    def item_pubdate(self, item):
        return item.published_at


class LatestVideosFeed(Feed):
    title = f"Video – {settings.PORTAL_NAME}"
    link = reverse_lazy("gallery:video_list")
    feed_url = reverse_lazy("gallery:video_feed")
    description = f"Video mới trên {settings.PORTAL_NAME}"

    def get_object(self, request, *args, **kwargs):
        self.request = request  # enclosures need absolute addresses
        return

    def items(self):
        return Video.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return vntext.normalize(item.title)

    def item_description(self, item):
        return vntext.normalize(f"Ngày {item.date:%d/%m/%Y}. {item.description}").strip()

    def item_pubdate(self, item):
        return item.published_at

    def item_enclosure_url(self, item):
        return self.request.build_absolute_uri(item.file.url) if item.file else None

    def item_enclosure_length(self, item):
        return item.size

    def item_enclosure_mime_type(self, item):
        return item.mime_type
