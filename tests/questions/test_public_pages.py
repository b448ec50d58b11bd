"""The published answers: list, topic, search, detail, feed, sitemap; private data never."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questions import workflow
from questions.models import Topic
from tests.questions.factories import PRIVATE, answered, ask

pytestmark = pytest.mark.django_db


def public_urls(question):
    return [
        reverse("questions:list"),
        reverse("questions:topic", kwargs={"topic": question.topic.slug}),
        reverse("questions:list") + "?q=sinh+hoat",
        question.get_absolute_url(),
        reverse("questions:feed"),
        reverse("portal:sitemap"),
        reverse("portal:sitemap_section", kwargs={"section": "hoi-dap-cau-hoi"}),
    ]


def test_published_answer_listed_and_shown(client):
    question = answered(publish=True)
    listing = client.get(reverse("questions:list")).content.decode()
    assert question.title in listing
    assert "H.T.Q.Z." in listing
    assert "Doanh nghiệp" in listing
    detail = client.get(question.get_absolute_url()).content.decode()
    assert "<strong>Ban Tổ chức</strong>" in detail
    assert "Ban Tổ chức Đảng ủy Khối" in detail


def test_no_personal_field_on_any_public_page_feed_or_sitemap(client):
    """Name, e-mail, phone and organization never leave the back office."""
    question = answered(publish=True)
    for url in public_urls(question):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for value in PRIVATE.values():
            assert value not in content, (url, value)
        assert "Zyxwa" not in content, url
    assert question.get_absolute_url() in client.get(public_urls(question)[-1]).content.decode()


@pytest.mark.parametrize("state", ["new", "answered_unpublished", "unpublished", "spam"])
def test_unpublished_questions_are_not_public(client, keeper, state):
    question = (
        answered(publish=state == "unpublished")
        if "answered" in state or state == "unpublished"
        else ask()
    )
    if state == "unpublished":
        workflow.unpublish_question(question=question, actor=keeper)
    if state == "spam":
        workflow.mark_spam(question=question, actor=keeper)
    assert client.get(question.get_absolute_url()).status_code == 404
    for url in public_urls(question)[:3] + public_urls(question)[4:]:
        assert question.title not in client.get(url).content.decode(), url


def test_topic_filter(client):
    first = answered(publish=True)
    other_topic = Topic.objects.exclude(pk=first.topic_id).first()
    second = answered(publish=True, topic=other_topic, title="Đoàn viên công đoàn Zyx-two")
    content = client.get(
        reverse("questions:topic", kwargs={"topic": other_topic.slug})
    ).content.decode()
    assert second.title in content
    assert first.title not in content
    assert client.get(reverse("questions:topic", kwargs={"topic": "khong-co"})).status_code == 404


@pytest.mark.parametrize("query", ["chuyen sinh hoat", "CHUYỂN SINH HOẠT", "Ban Tổ chức"])
def test_search_ignores_accents_and_covers_the_answer(client, query):
    found = answered(publish=True)
    answered(publish=True, title="Đóng đảng phí Zyx-other", body="Mức đóng đảng phí?")
    content = client.get(reverse("questions:list"), {"q": query}).content.decode()
    assert found.title in content
    if query != "Ban Tổ chức":
        assert "Zyx-other" not in content


def test_search_results_are_not_cached_copies_of_the_list(client):
    answered(publish=True)
    answered(publish=True, title="Đóng đảng phí Zyx-other", body="Mức đóng đảng phí?")
    client.get(reverse("questions:list"))  # fills the page cache
    content = client.get(reverse("questions:list"), {"q": "dang phi"}).content.decode()
    assert "Zyx-other" in content
    assert "Thủ tục chuyển sinh hoạt" not in content


def test_publishing_shows_at_once_on_a_cached_list(
    client, keeper, django_capture_on_commit_callbacks
):
    question = answered()
    assert question.title not in client.get(reverse("questions:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_question(question=question, actor=keeper)
    assert question.title in client.get(reverse("questions:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_question(question=question, actor=keeper)
    assert question.title not in client.get(reverse("questions:list")).content.decode()


def queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["questions:list", "questions:feed", "detail"])
def test_query_counts_pinned_and_constant(client, name):
    """The same number of queries for 1 and for 15 published answers."""
    first = answered(publish=True)
    url = first.get_absolute_url() if name == "detail" else reverse(name)
    one = queries(client, url)
    for n in range(14):
        answered(publish=True, title=f"Câu hỏi số {n}")
    many = queries(client, url)
    assert one == many
    # With an empty cache the notices' list is read once, for the banner and the page
    # cache's next change alike (docs/sections.md); the menu's second query brings the
    # introduction pages under "Giới thiệu".
    expected = {"questions:list": 8, "questions:feed": 3, "detail": 6}[name]
    assert many == expected


def test_feed_gives_titles_and_answers_as_text(client):
    """What an asker typed and what an answer shows as text stay text in feed readers:
    escaped for HTML, then for XML, as the news feeds do."""
    question = answered(publish=True, title='Hỏi "><img src=x onerror=alert(1)> & đáp')
    question.answer = "<p>Ghi &lt;b&gt;như chữ&lt;/b&gt; thôi.</p>"
    question.save()
    xml = client.get(reverse("questions:feed")).content.decode()
    assert "&amp;lt;img src=x onerror=alert(1)&amp;gt;" in xml  # text, escaped twice
    assert "&amp;lt;b&amp;gt;như chữ" in xml
    assert "<img" not in xml


def test_sitemap_lists_no_noindex_form_page(client):
    """The ask and look-up forms say noindex, so the sitemap leaves them out."""
    xml = client.get(reverse("portal:sitemap_section", args=["hoi-dap"])).content.decode()
    assert reverse("questions:list") in xml
    assert reverse("questions:ask") not in xml
    assert reverse("questions:lookup") not in xml


def test_topic_address_is_its_page(client):
    """A topic's address (the admin's "view on site") is its own list page."""
    topic = Topic.objects.first()
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert response.context["topic"] == topic


def test_site_search_has_a_questions_section(client):
    """/tim-kiem/ shows the published answers found (never an unpublished one), and its
    "Hỏi – đáp" section leads to the Q&A search with the words."""
    published = answered(publish=True, title="Chuyển sinh hoạt đảng tạm thời")
    answered(title="Chuyển sinh hoạt đảng chưa công khai")
    response = client.get(reverse("news:search"), {"q": "chuyen sinh hoat"})
    found = response.context["questions"]
    assert found["count"] == 1
    assert [question.pk for question in found["items"]] == [published.pk]
    html = response.content.decode()
    assert published.get_absolute_url() in html
    assert "chưa công khai" not in html
    assert '<option value="hoi-dap">Hỏi – đáp</option>' in html
    response = client.get(reverse("news:search"), {"q": "sinh hoạt", "muc": "hoi-dap"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('questions:list')}?q=sinh+ho%E1%BA%A1t"
