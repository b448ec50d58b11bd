"""The portal's side of the metadata include (pagemeta): site facts and the home page."""

from django.templatetags.static import static
from django.urls import reverse

import pagemeta
from portal.models import SiteSettings

# The share picture of pages without their own (a PNG: Facebook and Zalo show no SVG).
SHARE_IMAGE = ("img/share-default.png", 1200, 630)


def site(request) -> pagemeta.Site:
    """PAGEMETA_SITE: the footer settings, as every page's metadata needs them; made once
    per content state with the rest of the chrome (portal/chrome.py)."""
    from portal import chrome

    return chrome.shared(request)["site_facts"]


def site_facts(settings_row: SiteSettings) -> pagemeta.Site:
    return pagemeta.Site(
        name=settings_row.portal_name,
        publisher=settings_row.owner_name,
        url=reverse("portal:home"),
        logo=pagemeta.Image(url=static("img/emblem.svg"), width=64, height=64),
        image=pagemeta.Image(
            url=static(SHARE_IMAGE[0]),  # at request time: the manifest exists by then
            width=SHARE_IMAGE[1],
            height=SHARE_IMAGE[2],
            mime_type="image/png",
            alt=settings_row.portal_name,
        ),
        address=settings_row.address,
        phone=settings_row.phone,
        email=settings_row.email,
        search_url=reverse("news:search"),
    )


def accessibility(request, audited_on) -> pagemeta.Metadata:
    url = reverse("portal:accessibility")
    description = (
        "Trợ giúp tiếp cận: phím tắt, cỡ chữ, cách báo một trở ngại khi đọc trang "
        "và ngày kiểm tra gần nhất."
    )
    return pagemeta.Metadata(
        title="Trợ giúp tiếp cận",
        description=description,
        url=url,
        date=audited_on,
        breadcrumbs=[("Trang chủ", reverse("portal:home")), ("Trợ giúp tiếp cận", url)],
        schema=[
            {
                "@type": "WebPage",
                "name": "Trợ giúp tiếp cận",
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
                "lastReviewed": audited_on.isoformat(),
            }
        ],
    )


def home(request, newest=None) -> pagemeta.Metadata:
    """WebSite with its search box, and the Organization that runs it (the footer's facts)."""
    facts = pagemeta.site(request)
    home_url = pagemeta.absolute(request, facts.url)
    organization = pagemeta.publisher(request) | {"@id": home_url + "#to-chuc"}
    if facts.address:
        organization["address"] = {
            "@type": "PostalAddress",
            "streetAddress": facts.address,
            "addressCountry": "VN",
        }
    contact = {"telephone": facts.phone, "email": facts.email}
    contact = {key: value for key, value in contact.items() if value}
    if contact:
        organization.update(contact)
        organization["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer support"}
        organization["contactPoint"].update(contact)
    website = {
        "@type": "WebSite",
        "@id": home_url + "#website",
        "name": facts.name,
        "url": home_url,
        "inLanguage": facts.language,
        "publisher": {"@id": organization["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": pagemeta.absolute(request, facts.search_url)
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return pagemeta.Metadata(
        title=facts.name,
        description=(
            f"Trang thông tin điện tử của {facts.publisher}: tin tức, hoạt động, "
            "tổ chức đảng và lãnh đạo."
        ),
        url=facts.url,
        modified=newest,
        date=newest.date() if newest else None,
        schema=[website, organization],
    )


def site_map(request) -> pagemeta.Metadata:
    url = reverse("portal:site_map")
    description = "Sơ đồ trang: mọi mục, chuyên mục và trang của cổng thông tin, trên một trang."
    return pagemeta.Metadata(
        title="Sơ đồ trang",
        description=description,
        url=url,
        breadcrumbs=[("Trang chủ", reverse("portal:home")), ("Sơ đồ trang", url)],
        schema=[
            {
                "@type": "WebPage",
                "name": "Sơ đồ trang",
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
            }
        ],
    )
