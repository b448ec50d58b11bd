"""Every public page type writes the one metadata include: canonical, Open Graph,
Twitter, Dublin Core and a JSON-LD graph with the types that page is about."""

import json
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from news.models import Article
from organizations.models import Position
from pages.models import CONTACT_SLUG, Page
from portal.models import SiteSettings
from tests.documents import factories as documents
from tests.news.factories import make_category, make_published
from tests.organizations import factories as f

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
DC_REQUIRED = (
    "DC.title",
    "DC.creator",
    "DC.date",
    "DC.description",
    "DC.publisher",
    "DC.identifier",
)
OG_REQUIRED = (
    "og:type",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:locale",
    "og:site_name",
)


class Head(HTMLParser):
    """The <head>'s metadata: meta by name/property, links by rel, the JSON-LD graph."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld, self.titles = {}, {}, [], []
        self._script = self._title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta.setdefault(attrs.get("name") or attrs["property"], []).append(
                attrs["content"]
            )
        elif tag == "link":
            self.links.setdefault(attrs["rel"], []).append(attrs["href"])
        self._script = tag == "script" and attrs.get("type") == "application/ld+json"
        self._title = tag == "title"

    def handle_data(self, data):
        if self._script:
            self.json_ld.append(json.loads(data))
        if self._title:
            self.titles.append(data)

    def handle_endtag(self, tag):
        self._script = self._title = False

    def one(self, key):
        [value] = self.meta[key]
        return value

    def nodes(self, type_):
        [graph] = self.json_ld
        assert graph["@context"] == "https://schema.org"
        return [node for node in graph["@graph"] if node["@type"] == type_]


@pytest.fixture
def site(db):
    return SiteSettings.objects.create(
        owner_name="Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hòa Sơn",
        address="12 Lê Lợi, TP Hòa Sơn",
        phone="0233 3852 123",
        email="vanphong@dukhs.example.vn",
    )


@pytest.fixture
def content(site):
    parent = make_category("Xây dựng Đảng", show_on_home=True)
    child = make_category("Kiểm tra, giám sát", parent=parent)
    article = make_published(
        child,
        "Hội nghị Ban Chấp hành lần thứ 5",
        sapo="Chiều 15/10, Ban Chấp hành đã họp.",
        author_name="Xuân Hiền",
        source_name="Web Hòa Sơn",
        source_url="https://hoason.example.vn/tin/1",
        with_cover=True,
        published_at=NOW - timedelta(hours=1),
    )
    # Saved at a time with microseconds: the metadata gives whole seconds.
    Article.objects.filter(pk=article.pk).update(updated_at=NOW.replace(microsecond=123456))
    bloc = f.bloc(name="Đảng bộ Khối tỉnh Hòa Sơn")
    committee = f.committee(
        bloc, name="Đảng bộ Sở Y tế", short_name="ĐB Sở Y tế", address="5 Hùng Vương"
    )
    leader = f.cadre(
        full_name="Trần Thị Bình",
        biography="Sinh ra ở Hòa Sơn.",
        birth_date=date(1970, 3, 9),
        phone="0912 000 111",
        email="binh.rieng@example.vn",
        party_joined_on=date(1995, 5, 19),
    )
    f.position(bloc, leader, body=Position.Body.BTV, title=Position.Title.BI_THU)
    duties = Page.objects.create(
        title="Chức năng, nhiệm vụ", body="<p>Đảng ủy Khối lãnh đạo các tổ chức cơ sở đảng.</p>"
    )
    Page.objects.create(title="Liên hệ", slug=CONTACT_SLUG)
    document = documents.document(
        code="12-NQ/ĐUK",
        title="Nghị quyết về công tác kiểm tra, giám sát năm 2026",
        signer_name="Trần Thị Bình",
        issued_on=date(2026, 3, 1),
    )
    from tests.questions.factories import answered

    question = answered(publish=True)
    return {
        "question": question,
        "article": article,
        "category": child,
        "organization": committee,
        "cadre": leader,
        "page": duties,
        "document": document,
    }


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


def public_pages(content):
    search = reverse("news:search")
    return {
        "home": reverse("portal:home"),
        "category list": reverse("news:category_list"),
        "category": content["category"].get_absolute_url(),
        "article": content["article"].get_absolute_url(),
        "search": search,
        "search with results": search + "?q=hoi+nghi",
        "chart": reverse("organizations:chart"),
        "organization": content["organization"].get_absolute_url(),
        "leadership": reverse("organizations:leadership"),
        "cadre": content["cadre"].get_absolute_url(),
        "introduction": reverse("pages:index"),
        "introduction page": content["page"].get_absolute_url(),
        "contact": reverse("pages:page_detail", kwargs={"slug": CONTACT_SLUG}),
        "schedule week": reverse("schedule:current"),
        "site map": reverse("portal:site_map"),
        "document list": reverse("documents:document_list"),
        "document search": reverse("documents:document_list") + "?q=kiem+tra",
        "document": content["document"].get_absolute_url(),
        "questions": reverse("questions:list"),
        "questions of a topic": content["question"].topic.get_absolute_url(),
        "question search": reverse("questions:list") + "?q=sinh+hoat",
        "question": content["question"].get_absolute_url(),
        "ask a question": reverse("questions:ask"),
        "question look-up": reverse("questions:lookup"),
    }


def test_every_public_page_has_canonical_open_graph_twitter_and_dublin_core(client, content):
    """One <title>, a canonical link equal to og:url and DC.identifier, the Open Graph set
    with image size and vi_VN, a Twitter card, and the six mandatory Dublin Core elements."""
    for name, url in public_pages(content).items():
        head = get(client, url)
        assert len(head.titles) == 1, name
        [canonical] = head.links["canonical"]
        assert canonical.startswith("http://testserver/"), name
        assert canonical == head.one("og:url") == head.one("DC.identifier"), name
        for key in OG_REQUIRED + DC_REQUIRED + ("twitter:card", "twitter:title", "description"):
            assert head.one(key).strip(), (name, key)
        assert head.one("og:locale") == "vi_VN"
        assert head.one("og:image").startswith("http://testserver/"), name
        assert int(head.one("og:image:width")) > 0, name
        assert int(head.one("og:image:height")) > 0, name
        assert head.links["schema.DC"] == ["http://purl.org/dc/elements/1.1/"], name
        assert head.one("DC.language") == "vi"
        assert head.one("DC.publisher") == "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hòa Sơn"
        assert head.json_ld, name


def test_home_has_website_with_search_action_and_the_organization(client, content):
    """WebSite with a SearchAction into /tim-kiem/, and the Organization from the footer."""
    head = get(client, reverse("portal:home"))
    [website] = head.nodes("WebSite")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/tim-kiem/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    [organization] = head.nodes("Organization")
    assert organization["name"] == "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hòa Sơn"
    assert organization["logo"]["url"].startswith("http://testserver/static/")
    assert organization["address"]["streetAddress"] == "12 Lê Lợi, TP Hòa Sơn"
    assert organization["telephone"] == "0233 3852 123"
    assert organization["email"] == "vanphong@dukhs.example.vn"
    assert website["publisher"] == {"@id": organization["@id"]}
    assert head.one("og:description").startswith("Trang thông tin điện tử của Đảng ủy Khối")


def test_article_is_a_news_article_to_the_second_with_author_url_and_sized_image(client, content):
    """NewsArticle: author with url, publisher with logo, dates to the second in +07:00,
    the cover with its size; DC carries creator, date and source; og:type article."""
    article = content["article"]
    head = get(client, article.get_absolute_url())
    [node] = head.nodes("NewsArticle")
    assert node["headline"] == "Hội nghị Ban Chấp hành lần thứ 5"
    assert node["author"] == [{"@type": "Person", "name": "Xuân Hiền", "url": "http://testserver/"}]
    assert node["publisher"]["name"] == "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hòa Sơn"
    assert node["publisher"]["logo"]["@type"] == "ImageObject"
    assert node["datePublished"] == "2026-11-20T08:30:00+07:00"
    assert node["dateModified"] == "2026-11-20T09:30:00+07:00"  # no microseconds
    # Google's three ratios, cut from the 48×27 cover and never enlarged (docs/images.md).
    crops = f"http://testserver/media/renditions/{article.cover_image.name}"
    assert [(image["url"], image["width"], image["height"]) for image in node["image"]] == [
        (f"{crops}/16x9-48.jpg", 48, 27),
        (f"{crops}/4x3-36.jpg", 36, 27),
        (f"{crops}/1x1-27.jpg", 27, 27),
    ]
    assert node["isBasedOn"] == "https://hoason.example.vn/tin/1"
    assert head.one("og:type") == "article"
    assert head.one("article:published_time") == "2026-11-20T08:30:00+07:00"
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("48", "27")
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("DC.creator") == "Xuân Hiền"
    assert head.one("DC.date") == "2026-11-20T08:30:00+07:00"
    assert head.one("DC.source") == "https://hoason.example.vn/tin/1"
    assert head.one("DC.subject") == "Kiểm tra, giám sát"
    [crumbs] = head.nodes("BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Trang chủ",
        "Xây dựng Đảng",
        "Kiểm tra, giám sát",
    ]


def test_category_is_a_collection_page_of_its_articles(client, content):
    """CollectionPage with the listed articles, and the trail as a BreadcrumbList."""
    category, article = content["category"], content["article"]
    head = get(client, category.get_absolute_url())
    [page] = head.nodes("CollectionPage")
    assert page["url"] == f"http://testserver{category.get_absolute_url()}"
    [item] = page["mainEntity"]["itemListElement"]
    assert item["url"] == f"http://testserver{article.get_absolute_url()}"
    [crumbs] = head.nodes("BreadcrumbList")
    assert crumbs["itemListElement"][-1]["item"] == page["url"]
    assert head.one("DC.date") == "2026-11-20"


def test_organization_page_is_an_organization(client, content):
    """Organization with its parent, short name, address and founding date."""
    organization = content["organization"]
    head = get(client, organization.get_absolute_url())
    [node] = head.nodes("Organization")
    assert node["name"] == "Đảng bộ Sở Y tế"
    assert node["alternateName"] == "ĐB Sở Y tế"
    assert node["parentOrganization"]["name"] == "Đảng bộ Khối tỉnh Hòa Sơn"
    assert node["address"]["streetAddress"] == "5 Hùng Vương"
    assert node["foundingDate"] == "2019-07-15"
    assert head.nodes("BreadcrumbList")


def test_cadre_is_a_person_with_public_fields_only(client, content):
    """Person: name, biography, job title and organization; never birth date, phone,
    e-mail or the date of joining the Party, anywhere in the page."""
    cadre = content["cadre"]
    html = client.get(cadre.get_absolute_url()).content.decode()
    head = Head(html)
    [person] = head.nodes("Person")
    assert person["name"] == "Trần Thị Bình"
    assert person["description"] == "Sinh ra ở Hòa Sơn."
    assert person["jobTitle"] == ["Bí thư"]
    assert person["worksFor"][0]["name"] == "Đảng bộ Khối tỉnh Hòa Sơn"
    assert not {"birthDate", "telephone", "email"} & set(person)
    for private in ("1970-03-09", "09/03/1970", "0912 000 111", "binh.rieng@example.vn", "1995"):
        assert private not in html
    assert head.one("og:type") == "profile"


def test_document_is_a_digital_document_issued_by_its_issuer(client, content):
    """DigitalDocument with code, kind, validity and the issuer as author; DC.date is the
    issue date, DC.creator the issuer; the visible trail and the BreadcrumbList agree."""
    document = content["document"]
    html = client.get(document.get_absolute_url()).content.decode()
    head = Head(html)
    [node] = head.nodes("DigitalDocument")
    assert node["identifier"] == "12-NQ/ĐUK"
    assert node["genre"] == "Nghị quyết"
    assert node["dateCreated"] == "2026-03-01"
    assert node["author"]["name"] == document.issuer.name
    assert node["publisher"]["name"] == "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hòa Sơn"
    assert node["creativeWorkStatus"] in {label for _, label in document.Validity.choices}
    assert head.one("DC.date") == "2026-03-01"
    assert head.one("DC.creator") == document.issuer.name
    assert head.one("DC.subject") == "Nghị quyết"
    assert head.titles == [f"12-NQ/ĐUK – {document.title} – {SiteSettings.load().portal_name}"]
    [crumbs] = head.nodes("BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Trang chủ", "Văn bản", "12-NQ/ĐUK"]
    assert '<li aria-current="page">12-NQ/ĐUK</li>' in html
    assert head.links["alternate"]  # the documents' feed


def test_document_list_is_a_collection_and_its_searches_are_not_indexed(client, content):
    """The list is a CollectionPage of its documents; a search of it is noindex with the
    list as its canonical address."""
    url = reverse("documents:document_list")
    head = get(client, url)
    [page] = head.nodes("CollectionPage")
    [item] = page["mainEntity"]["itemListElement"]
    assert item["url"] == f"http://testserver{content['document'].get_absolute_url()}"
    assert "robots" not in head.meta
    searched = get(client, url + "?q=kiem+tra")
    assert searched.one("robots") == "noindex, follow"
    assert searched.links["canonical"] == ["http://testserver/van-ban/"]


def test_question_is_a_qa_page_with_initials_only(client, content):
    """QAPage: the question with the asker's initials and the accepted answer by the
    answering department; no contact data anywhere in the page."""
    from tests.questions.factories import PRIVATE

    question = content["question"]
    html = client.get(question.get_absolute_url()).content.decode()
    head = Head(html)
    [page] = head.nodes("QAPage")
    entity = page["mainEntity"]
    assert entity["@type"] == "Question"
    assert entity["name"] == question.title
    assert entity["author"] == {"@type": "Person", "name": question.asker_initials}
    assert entity["acceptedAnswer"]["text"] == "Đồng chí liên hệ Ban Tổ chức để được hướng dẫn."
    assert entity["acceptedAnswer"]["author"]["name"] == "Ban Tổ chức Đảng ủy Khối"
    [crumbs] = head.nodes("BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Trang chủ", "Hỏi – đáp", question.topic.name]
    assert head.one("DC.subject") == question.topic.name
    for value in PRIVATE.values():
        assert value not in html


def test_question_forms_and_searches_are_not_indexed_and_the_receipt_has_no_canonical(
    client, content
):
    """The form and the look-up are noindex with their own canonical; a search of the
    answers is noindex with the list as canonical; the receipt is noindex, nofollow and
    names no canonical address."""
    from questions.views import RECEIPT_SALT

    for name in ("questions:ask", "questions:lookup"):
        head = get(client, reverse(name))
        assert head.one("robots") == "noindex, follow", name
        assert head.links["canonical"] == [f"http://testserver{reverse(name)}"]
    searched = get(client, reverse("questions:list") + "?q=sinh+hoat")
    assert searched.one("robots") == "noindex, follow"
    assert searched.links["canonical"] == ["http://testserver/hoi-dap/"]
    assert "robots" not in get(client, reverse("questions:list")).meta
    from django.core import signing

    token = signing.dumps(content["question"].pk, salt=RECEIPT_SALT)
    receipt = get(client, reverse("questions:receipt", args=[token]))
    assert receipt.one("robots") == "noindex, nofollow"
    assert "canonical" not in receipt.links


def test_search_is_not_indexed_but_has_its_canonical(client, content):
    """Search results are noindex and point to /tim-kiem/ as their canonical address."""
    head = get(client, reverse("news:search") + "?q=hoi+nghi")
    assert head.one("robots") == "noindex, follow"
    assert head.links["canonical"] == ["http://testserver/tim-kiem/"]


def test_the_404_page_is_titled_and_not_indexed(client, site):
    """The 404 says what it is in its title, is noindex and names no canonical address."""
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    head = Head(response.content.decode())
    assert head.titles[0].startswith("Không tìm thấy trang")
    assert head.one("robots") == "noindex"
    assert "canonical" not in head.links


def test_introduction_pages_are_about_and_contact_pages(client, content):
    """An introduction page is an AboutPage with its trail; "Liên hệ" a ContactPage; the
    description falls back to the body's text."""
    head = get(client, content["page"].get_absolute_url())
    [node] = head.nodes("AboutPage")
    assert node["name"] == "Chức năng, nhiệm vụ"
    assert head.one("description") == "Đảng ủy Khối lãnh đạo các tổ chức cơ sở đảng."
    assert head.one("DC.subject") == "Giới thiệu"
    [crumbs] = head.nodes("BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Trang chủ",
        "Giới thiệu",
        "Chức năng, nhiệm vụ",
    ]
    contact = get(client, reverse("pages:page_detail", kwargs={"slug": CONTACT_SLUG}))
    assert contact.nodes("ContactPage")


def test_schedule_print_view_is_noindex_with_the_week_as_canonical(client, content):
    """The print view of a week is not indexed and names the week's page as canonical."""
    week = reverse("schedule:week", kwargs={"year": 2026, "week": 49})
    printed = get(client, reverse("schedule:week_print", kwargs={"year": 2026, "week": 49}))
    assert printed.one("robots") == "noindex"
    assert printed.links["canonical"] == [f"http://testserver{week}"]
    assert printed.one("DC.date").startswith("2026-11-30")  # the Monday
    assert "robots" not in get(client, week).meta


def test_the_tags_are_escaped_and_numbers_written_as_in_a_template(rf, site):
    """`pagemeta.html` escapes every value as `{{ value }}` would and writes the share
    picture's size as plain numbers; the JSON-LD keeps its own \\u escapes."""
    import pagemeta

    request = rf.get("/")
    meta = pagemeta.Metadata(
        title='Tin "nóng" <b>&', description="<script>", breadcrumbs=[("<Trang>", "/")]
    )
    html = pagemeta.html(pagemeta.tags(request, meta))
    assert "<title>Tin &quot;nóng&quot; &lt;b&gt;&amp; – " in html
    assert '<meta name="description" content="&lt;script&gt;">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert "<script>" not in html.replace('<script type="application/ld+json">', "")
    assert '"name": "\\u003CTrang\\u003E"' in html


def test_the_trail_marks_the_page_itself_and_links_the_rest():
    """The last item is the current page only when it is the page's own URL (an article's
    trail ends at its category, a link); names and URLs are escaped; no trail, no nav."""
    import pagemeta

    crumbs = [("Trang chủ", "/"), ("Tin <mới>", "/tin/")]
    own = pagemeta.breadcrumb(pagemeta.Metadata(title="Tin", url="/tin/", breadcrumbs=crumbs))
    assert '<li><a href="/">Trang chủ</a></li>' in own
    assert '<li aria-current="page">Tin &lt;mới&gt;</li>' in own
    under = pagemeta.breadcrumb(pagemeta.Metadata(title="Bài", url="/bai/", breadcrumbs=crumbs))
    assert '<li><a href="/tin/">Tin &lt;mới&gt;</a></li>' in under
    assert "aria-current" not in under
    assert pagemeta.breadcrumb(pagemeta.Metadata(title="Lỗi")) == ""
    assert pagemeta.breadcrumb(None) == ""
