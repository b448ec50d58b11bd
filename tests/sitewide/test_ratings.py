import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.forms.models import model_to_dict
from django.urls import reverse

from documents.models import Document
from sitewide import views
from sitewide.models import RatingTally
from tests.documents import factories as docs
from tests.news.factories import make_category, make_draft, make_published

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ADDRESS = "203.0.113.45"
AGENT = "Mozilla/5.0 (Linux; Android 14) Chrome/131"
ORIGIN = "http://testserver"


@pytest.fixture
def article():
    """Published at 7:00 on 1 December 2026, before every time the tests travel to."""
    with time_machine.travel(datetime(2026, 12, 1, 8, tzinfo=HCM), tick=False):
        return make_published(make_category("Tin tức"), "Hội nghị Ban Chấp hành Đảng bộ Khối")


def vote(client, article, score=5, **headers):
    headers = {"HTTP_ORIGIN": ORIGIN, "REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT, **headers}
    data = {
        "section": "news",
        "object": article.pk,
        "score": score,
        "next": article.get_absolute_url(),
    }
    return client.post(reverse("sitewide:rate"), data, **headers)


def cache_contents() -> list[str]:
    """Every key and value the cache holds, as text (local memory or Redis)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
        return [f"{key} {value!r}" for key, value in cache._cache.items()]
    client = cache._cache.get_client()
    return [f"{key} {client.get(key)!r}" for key in client.keys("*")]


def test_the_widget_is_a_plain_form_on_the_cached_article_page(client, article):
    """Without JavaScript, the widget is a form posting to the rating endpoint, no token."""
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'action="{reverse("sitewide:rate")}" method="post"' in html
    assert "Thông tin này có hữu ích không?" in html
    assert 'name="score" value="5"' in html
    assert "csrfmiddlewaretoken" not in html


def test_a_vote_is_counted_anonymously(client, article):
    """A vote adds one to a tally that holds the page, month and score, and nothing else."""
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=HCM), tick=False):
        response = vote(client, article, score=4)
    assert response.status_code == 200
    assert "Cảm ơn bạn" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    row = RatingTally.objects.get()
    fields = model_to_dict(row)
    assert fields == {
        "id": row.pk,
        "section": "news",
        "object_id": article.pk,
        "month": date(2026, 12, 1),
        "score": 4,
        "votes": 1,
    }
    stored = " ".join(cache_contents())
    assert ADDRESS not in stored
    assert AGENT not in stored


def test_a_repeat_vote_the_same_day_is_refused(client, article):
    """The same reader (address and browser) votes once a day per page; tomorrow again."""
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=HCM), tick=False) as clock:
        vote(client, article, score=5)
        again = vote(client, article, score=1)
        assert "đã đánh giá thông tin này rồi" in again.content.decode()
        other = vote(client, article, score=3, REMOTE_ADDR="198.51.100.7")
        assert "Cảm ơn bạn" in other.content.decode()
        clock.move_to(datetime(2026, 12, 2, 0, 1, tzinfo=HCM))
        vote(client, article, score=4)
    assert dict(RatingTally.objects.values_list("score", "votes")) == {5: 1, 3: 1, 4: 1}


def test_posts_from_other_sites_are_refused(client, article):
    """Only the portal's own pages may post a vote (Origin / Sec-Fetch-Site)."""
    assert vote(client, article, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert vote(client, article, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    headers = {"REMOTE_ADDR": ADDRESS}
    data = {"section": "news", "object": article.pk, "score": 5}
    assert client.post(reverse("sitewide:rate"), data, **headers).status_code == 403
    assert client.get(reverse("sitewide:rate")).status_code == 405
    assert not RatingTally.objects.exists()


def test_only_public_content_can_be_rated(client, article):
    """An unpublished article, an unknown section or a score out of range add nothing."""
    draft = make_draft(category=article.category, title="Bản nháp")
    assert vote(client, draft).status_code == 400
    assert vote(client, article, score=9).status_code == 400
    data = {"section": "khac", "object": article.pk, "score": 5}
    assert client.post(reverse("sitewide:rate"), data, HTTP_ORIGIN=ORIGIN).status_code == 400
    assert not RatingTally.objects.exists()


def test_votes_are_rate_limited_per_address(client, article, monkeypatch):
    """Past the limit, one address gets 429 whatever the page."""
    monkeypatch.setattr(views, "RATE_LIMIT", 2)
    vote(client, article)
    vote(client, article)
    assert vote(client, article).status_code == 429


def test_javascript_gets_json(client, article):
    response = vote(client, article, HTTP_ACCEPT="application/json")
    assert response.json() == {
        "counted": True,
        "message": "Cảm ơn bạn đã cho biết ý kiến về thông tin này.",
    }


def test_admin_shows_monthly_results_per_section_and_csv(admin_client, article):
    """The admin's list sums votes per month and section; the CSV holds the same rows."""
    for score, votes in ((5, 3), (4, 1)):
        RatingTally.objects.create(
            section="news",
            object_id=article.pk,
            month=date(2026, 11, 1),
            score=score,
            votes=votes,
        )
    RatingTally.objects.create(
        section="pages", object_id=1, month=date(2026, 11, 1), score=2, votes=2
    )
    page = admin_client.get(reverse("admin:sitewide_ratingtally_changelist"))
    assert page.status_code == 200
    rows = {row["section"]: row for row in page.context["results"]}
    assert rows["Bài viết"]["votes"] == 4
    assert rows["Bài viết"]["average"] == 4.75
    assert rows["Trang giới thiệu"]["counts"] == [0, 2, 0, 0, 0]
    response = admin_client.get(reverse("admin:sitewide_ratingtally_csv"))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:4] == ["Tháng", "Mục", "Số lượt", "Điểm trung bình"]
    assert ["11/2026", "Bài viết", "4", "4.75", "0", "0", "0", "1", "3"] in table


def test_documents_carry_the_widget_and_only_public_ones_take_votes(client):
    """The widget sits under a document; a vote counts for a public document, not a draft."""
    public = docs.document()
    draft = docs.document(status=Document.Status.DRAFT)
    html = client.get(public.get_absolute_url()).content.decode()
    assert 'name="section" value="documents"' in html
    assert f'name="object" value="{public.pk}"' in html
    headers = {"HTTP_ORIGIN": ORIGIN, "REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT}
    for document, status in ((public, 200), (draft, 400)):
        data = {"section": "documents", "object": document.pk, "score": 5}
        assert client.post(reverse("sitewide:rate"), data, **headers).status_code == status
    assert list(RatingTally.objects.values_list("section", "object_id")) == [
        ("documents", public.pk)
    ]


def test_a_vote_while_the_cache_is_down_is_refused_politely(client, article, monkeypatch):
    """Without the cache a repeat vote cannot be recognised: the vote is not counted, and
    the reader gets a message in Vietnamese instead of a server error."""
    from sitewide import ratings

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(ratings.cache, "add", down)
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=HCM), tick=False):
        response = vote(client, article)
    assert response.status_code == 503
    assert "thử lại sau" in response.content.decode()
    assert not RatingTally.objects.exists()
