"""RSS 2.0 of newly published public documents."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

import vntext
from documents.models import Document
from richtext.sanitize import html_to_text

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    title = f"Văn bản mới – {settings.PORTAL_NAME}"
    link = reverse_lazy("documents:document_list")
    feed_url = reverse_lazy("documents:feed")
    description = f"Văn bản mới công bố trên {settings.PORTAL_NAME}"

    def items(self):
        return (
            Document.objects.public()
            .select_related("kind", "issuer")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return vntext.normalize(f"{item.code} – {item.title}")

    def item_description(self, item):
        issued = f"{item.issued_on:%d/%m/%Y}"
        return vntext.normalize(
            f"{item.kind.name} của {item.issuer.name}, ban hành ngày {issued}. {html_to_text(item.summary)}"
        ).strip()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [vntext.normalize(item.kind.name)]
