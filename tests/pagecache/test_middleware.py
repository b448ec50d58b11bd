"""`pagecache.middleware`: a hit answered before the inner middleware, exactly as the
whole stack would answer it; everything else goes on through the stack."""

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, override_settings
from django.urls import reverse

from news import counters, workflow
from pagecache import content_changed, middleware
from tests.news.factories import EDITOR, make_category, make_published, make_user
from tests.pagecache import urls as test_urls

pytestmark = pytest.mark.django_db

EARLY = "pagecache.middleware.PageCacheMiddleware"
# Production's security headers, so that the comparison covers them (HTTPS requests).
PRODUCTION_HEADERS = {"SECURE_HSTS_SECONDS": 3600, "SECURE_HSTS_PRELOAD": True}


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng", show_on_home=True)


@pytest.fixture
def article(party):
    return make_published(party, "Hội nghị Ban Chấp hành", view_count=100)


def went_through_the_stack(response) -> bool:
    """SessionMiddleware, the first middleware a hit skips, gives every request it sees a
    session."""
    return hasattr(response.wsgi_request, "session")


def answer(response):
    headers = [(name, value) for name, value in response.headers.items() if name != "Date"]
    return response.status_code, headers, response.content


def test_the_middleware_a_hit_skips_are_those_it_stands_in_for():
    """Whatever follows it in MIDDLEWARE adds nothing to a hit but what it adds itself: a
    middleware added there must be looked at (and added to `INNER`) before it is skipped."""
    after = settings.MIDDLEWARE[settings.MIDDLEWARE.index(EARLY) + 1 :]
    assert tuple(after) == middleware.INNER


def test_a_hit_is_answered_before_sessions_and_the_view(client, article, django_assert_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        hit = client.get(article.get_absolute_url())
    assert hit.status_code == 200
    assert not went_through_the_stack(hit)
    assert hit.context is None


@override_settings(**PRODUCTION_HEADERS)
@pytest.mark.parametrize("encoding", ["gzip", ""])
def test_a_hit_answers_what_the_whole_stack_answers(article, encoding):
    """Status, body and headers, in their order (the date aside): the same as the miss that
    stored the page, and as a hit served through every middleware and the URL's wrappers."""
    urls = [
        reverse("portal:home"),
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("news:feed"),  # Last-Modified
        reverse("portal:sitemap"),  # X-Robots-Tag
        reverse("schedule:ical"),  # Content-Disposition
        reverse("organizations:chart"),
    ]
    headers = {"accept-encoding": encoding} if encoding else {}
    early, whole = Client(headers=headers), Client(headers=headers)
    without = [name for name in settings.MIDDLEWARE if name != EARLY]
    for url in urls:
        miss = early.get(url, secure=True)
        hit = early.get(url, secure=True)
        assert not went_through_the_stack(hit), url
        with override_settings(MIDDLEWARE=without):
            stack_hit = whole.get(url, secure=True)
        assert stack_hit.context is None, url  # a hit
        assert went_through_the_stack(stack_hit), url
        assert answer(hit) == answer(stack_hit), url
        assert answer(hit) == answer(miss), url
        if url == urls[0]:
            names = dict(hit.headers)
            assert "max-age=3600" in names["Strict-Transport-Security"]
            assert names["X-Frame-Options"] == "DENY"
            assert "frame-ancestors" in names["Content-Security-Policy"]
            assert names["Vary"] == "Accept-Encoding"
            assert names.get("Content-Encoding") == (encoding or None)


def test_a_head_request_is_answered_from_the_cache_and_not_counted(client, article):
    client.get(article.get_absolute_url())
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200
    assert not went_through_the_stack(head)
    assert counters.pending_views(article.pk) == 0


def messages_cookie():
    storage = CookieStorage(Client().request().wsgi_request)
    return storage._encode([])  # what MessageMiddleware reads back: no message, still a cookie


@pytest.mark.parametrize(
    "cookie",
    [
        pytest.param((settings.SESSION_COOKIE_NAME, "abc"), id="session"),
        pytest.param(("messages", None), id="messages"),
        pytest.param((settings.CSRF_COOKIE_NAME, "ngan"), id="malformed-csrf"),
    ],
)
def test_a_reader_with_an_inner_middlewares_cookie_goes_through_the_stack(client, article, cookie):
    name, value = cookie
    client.get(article.get_absolute_url())
    client.cookies[name] = value if value is not None else messages_cookie()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert went_through_the_stack(response)
    if name == settings.CSRF_COOKIE_NAME:
        # What CsrfViewMiddleware does to a malformed token, hit or not: a fresh cookie.
        assert len(response.cookies[settings.CSRF_COOKIE_NAME].value) == 32


def test_a_well_formed_csrf_cookie_does_not_stop_the_early_path(client, article):
    """A reader who once opened the question form keeps fast hits."""
    client.get(article.get_absolute_url())
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    response = client.get(article.get_absolute_url())
    assert not went_through_the_stack(response)
    assert not response.cookies


def test_a_post_goes_through_the_stack(client, article):
    client.get(reverse("portal:home"))
    response = client.post(reverse("portal:home"))
    assert response.status_code == 405
    assert went_through_the_stack(response)


def test_a_logged_in_editor_gets_pages_and_previews_rendered(client, article):
    """With a session, nothing is answered early: the public page is rendered for the
    editor (private), and the preview of an article taken off the site is the preview."""
    editor = make_user("bientap", EDITOR)
    client.get(article.get_absolute_url())
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert went_through_the_stack(response)
    assert response.context is not None
    assert "private" in response["Cache-Control"]
    workflow.unpublish_article(article=article, actor=editor)
    preview = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert preview.status_code == 200
    assert "Bản xem trước" in preview.content.decode()


@pytest.mark.urls("tests.pagecache.urls")
@pytest.mark.parametrize("path", ["/rieng/", "/cookie/"])
def test_a_page_that_marks_itself_private_is_rendered_every_time(client, path):
    test_urls.rendered.clear()
    first, second = client.get(path), client.get(path)
    assert test_urls.rendered == [path, path]
    assert "private" in second["Cache-Control"]
    assert answer(second) == answer(first)


@pytest.mark.urls("tests.pagecache.urls")
def test_a_stored_page_of_any_cached_url_is_answered_early(client):
    test_urls.rendered.clear()
    first, second = client.get("/cong-khai/"), client.get("/cong-khai/")
    assert test_urls.rendered == ["/cong-khai/"]
    assert not went_through_the_stack(second)
    assert answer(second) == answer(first)


def test_an_unknown_path_and_a_url_not_cached_go_through_the_stack(client, article):
    for _ in range(2):
        missing = client.get(article.get_absolute_url() + "khong-co/")
        search = client.get(reverse("news:search"), {"q": "hội nghị"})
    assert missing.status_code == 404
    assert went_through_the_stack(missing)
    assert search.status_code == 200
    assert went_through_the_stack(search)


def test_a_hit_counts_the_view_once(client, article):
    client.get(article.get_absolute_url())  # a miss: counted, and written at once
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    assert counters.pending_views(article.pk) == 2


def test_a_stale_page_counts_its_view_once(client, article, django_capture_on_commit_callbacks):
    """Read as a hit and found stale, the page is rendered and counted by the view: the
    count taken with the read (on Redis) is withdrawn."""
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
    response = client.get(article.get_absolute_url())
    assert response.context is not None  # rendered again
    assert counters.pending_views(article.pk) == 2


def test_a_robot_served_from_the_cache_is_not_counted(client, article):
    robot = {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}
    client.get(article.get_absolute_url())
    hit = client.get(article.get_absolute_url(), headers=robot)
    assert not went_through_the_stack(hit)
    assert counters.pending_views(article.pk) == 0
