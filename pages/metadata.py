"""What the introduction pages tell machines: their pagemeta.Metadata (docs/metadata.md)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

import pagemeta

SECTION = "Giới thiệu"


def _trail():
    return [("Trang chủ", reverse("portal:home")), (SECTION, reverse("pages:index"))]


def index(request) -> pagemeta.Metadata:
    url = reverse("pages:index")
    description = (
        "Giới thiệu Đảng bộ Khối: chức năng, nhiệm vụ, lịch sử hình thành và phát triển, "
        "cơ cấu tổ chức và thông tin liên hệ."
    )
    return pagemeta.Metadata(
        title=SECTION,
        description=description,
        url=url,
        section=SECTION,
        breadcrumbs=_trail(),
        schema=[
            {
                "@type": "CollectionPage",
                "name": SECTION,
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
            }
        ],
    )


def page(request, page) -> pagemeta.Metadata:
    url = page.get_absolute_url()
    description = page.summary or Truncator(strip_tags(page.body)).chars(300) or page.title
    trail = _trail()
    if page.parent:
        trail.append((page.parent.label, page.parent.get_absolute_url()))
    trail.append((page.label, url))
    return pagemeta.Metadata(
        title=page.title,
        description=description,
        url=url,
        modified=page.updated_at,
        date=timezone.localdate(page.updated_at),
        section=SECTION,
        breadcrumbs=trail,
        schema=[
            {
                "@type": "ContactPage" if page.is_contact else "AboutPage",
                "name": page.title,
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
                "dateModified": pagemeta.timestamp(page.updated_at),
                "publisher": pagemeta.publisher(request),
            }
        ],
    )
