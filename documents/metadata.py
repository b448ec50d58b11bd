"""What the documents pages tell machines: their pagemeta.Metadata (docs/metadata.md)."""

from django.urls import reverse
from django.utils.text import Truncator

import pagemeta
from richtext.sanitize import html_to_text


def _trail():
    return [("Trang chủ", reverse("portal:home")), ("Văn bản", reverse("documents:document_list"))]


def document_list(request, page_obj, *, query_text="", searched=False):
    """CollectionPage of the documents on this page; a filtered or searched list is noindex."""
    url = reverse("documents:document_list")
    if page_obj.number > 1 and not searched:
        url += f"?page={page_obj.number}"
    title = "Văn bản" + (f": {query_text}" if query_text else "")
    if page_obj.number > 1:
        title += f" – Trang {page_obj.number}"
    description = (
        "Nghị quyết, chỉ thị, kế hoạch, hướng dẫn của Trung ương, Tỉnh ủy và Đảng ủy Khối: "
        "tra cứu theo số ký hiệu, thể loại, cơ quan ban hành, hiệu lực."
    )
    page = pagemeta.collection_page(
        request,
        name=title,
        description=description,
        url=url,
        page_obj=page_obj,
        item_name=lambda document: f"{document.code} – {document.title}",
    )
    return pagemeta.Metadata(
        title=title,
        description=description,
        url=url,
        section="Văn bản",
        breadcrumbs=_trail(),
        schema=[page],
        robots="noindex, follow" if searched else "",
    )


def document(request, document, validity):
    """DigitalDocument: code, kind, issuer as author, dates, validity; DC.date is the
    issue date and DC.creator the issuing body, as an official register gives them."""
    url = document.get_absolute_url()
    issued = document.issued_on.strftime("%d/%m/%Y")
    description = Truncator(
        f"{document.kind.name} số {document.code} của {document.issuer.name}, "
        f"ban hành ngày {issued}: {document.title}"
    ).chars(300)
    node = {
        "@type": "DigitalDocument",
        "name": f"{document.code} – {document.title}",
        "identifier": document.code,
        "headline": Truncator(document.title).chars(110),
        "url": pagemeta.absolute(request, url),
        "inLanguage": "vi",
        "genre": document.kind.name,
        "dateCreated": document.issued_on.isoformat(),
        "creativeWorkStatus": validity.label,
        "author": {"@type": "Organization", "name": document.issuer.name},
        "publisher": pagemeta.publisher(request),
    }
    if document.issuer.organization_id:
        node["author"]["url"] = pagemeta.absolute(
            request, document.issuer.organization.get_absolute_url()
        )
    if document.summary:
        node["abstract"] = html_to_text(document.summary)[:300]
    if document.published_at:
        node["datePublished"] = pagemeta.timestamp(document.published_at)
    node["dateModified"] = pagemeta.timestamp(document.updated_at)
    return pagemeta.Metadata(
        title=Truncator(f"{document.code} – {document.title}").chars(120),
        description=description,
        url=url,
        type="article",
        creator=document.issuer.name,
        modified=document.updated_at,
        date=document.issued_on,
        section=document.kind.name,
        breadcrumbs=[*_trail(), (document.code, url)],
        schema=[node],
    )
