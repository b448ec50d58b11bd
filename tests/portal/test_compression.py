"""Pages leave the app gzipped when nginx is not in front; files and streams do not."""

import gzip

import pytest
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.middleware import TextGZipMiddleware
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def article():
    return make_published(
        make_category("Tin tức", show_on_home=True), "Tin hoạt động", sapo="Sapo."
    )


@pytest.mark.parametrize(
    "url",
    [
        lambda a: reverse("portal:home"),
        lambda a: a.get_absolute_url(),
        lambda a: reverse("news:search") + "?q=tin",
        lambda a: reverse("news:feed"),
        lambda a: reverse("portal:sitemap"),
    ],
    ids=["home", "article", "search", "rss", "sitemap"],
)
def test_text_responses_are_gzipped_with_vary_and_csp_kept(client, article, url):
    """HTML, RSS and sitemap XML come gzipped, say Vary: Accept-Encoding, keep their headers."""
    plain = client.get(url(article))
    response = client.get(url(article), **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == plain.content
    assert int(response["Content-Length"]) < len(plain.content)
    assert response.get("Cache-Control") == plain.get("Cache-Control")
    assert response.get("Content-Security-Policy") == plain.get("Content-Security-Policy")


def test_without_accept_encoding_the_page_is_plain(client, article):
    """A client that does not ask for gzip gets the page as it is."""
    response = client.get(reverse("portal:home"))
    assert "Content-Encoding" not in response
    assert b"<!DOCTYPE html>" in response.content


def run(response):
    request = RequestFactory().get("/", **GZIP)
    return TextGZipMiddleware(lambda request: response)(request)


def test_file_responses_keep_their_length_and_ranges(tmp_path):
    """A PDF served as a file is not compressed: Content-Length stays for byte ranges."""
    pdf = tmp_path / "van-ban.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 5000)
    response = run(FileResponse(pdf.open("rb"), content_type="application/pdf"))
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == "5009"


def test_streams_and_binary_bodies_are_left_alone():
    """Streaming text and non-text bodies (images) are never gzipped by the app."""
    stream = run(StreamingHttpResponse(iter([b"a" * 5000]), content_type="text/csv"))
    assert "Content-Encoding" not in stream
    image = run(HttpResponse(b"\x89PNG" + b"0" * 5000, content_type="image/png"))
    assert "Content-Encoding" not in image
    json = run(HttpResponse(b'{"a": "' + b"b" * 5000 + b'"}', content_type="application/json"))
    assert json["Content-Encoding"] == "gzip"
