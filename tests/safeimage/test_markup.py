"""`{% picture %}` and `|body_pictures`: the markup browsers choose renditions from."""

import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template

from safeimage import markup, renditions
from tests.safeimage.test_renditions import jpeg, png


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield tmp_path
    cache.clear()


def store(name, data):
    return default_storage.save(name, ContentFile(data))


def render(source, **context):
    return Template("{% load pictures %}" + source).render(Context(context))


def attribute(html, tag, name):
    match = re.search(rf"<{tag}\b[^>]*\s{name}=\"([^\"]*)\"", html)
    return match.group(1) if match else None


def test_picture_tag_writes_sources_size_and_loading(media):
    """WebP source and JPEG img with srcset, sizes, width, height, lazy loading."""
    name = store("articles/a.jpg", jpeg(1600, 900))
    html = render(
        '{% picture name sizes="(min-width: 900px) 480px, 100vw" alt="Hội nghị" %}', name=name
    )
    assert html.startswith('<picture><source type="image/webp"')
    webp = attribute(html, "source", "srcset")
    assert webp.split(", ") == [
        f"/media/renditions/articles/a.jpg/{width}.webp {width}w"
        for width in (96, 320, 640, 800, 960, 1600)
    ]
    assert attribute(html, "img", "srcset").endswith("/media/articles/a.jpg 1600w")
    assert attribute(html, "img", "src") == "/media/renditions/articles/a.jpg/640.jpg"
    assert attribute(html, "img", "sizes") == "(min-width: 900px) 480px, 100vw"
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("1600", "900")
    assert attribute(html, "img", "alt") == "Hội nghị"
    assert attribute(html, "img", "loading") == "lazy"
    assert attribute(html, "img", "fetchpriority") is None


def test_high_priority_is_never_lazy(media):
    """The article's cover and the home lead: fetchpriority high, loaded at once."""
    name = store("articles/lead.jpg", jpeg(960, 540))
    html = render('{% picture name fetchpriority="high" %}', name=name)
    assert attribute(html, "img", "fetchpriority") == "high"
    assert "loading=" not in html


def test_webp_original_has_one_srcset(media):
    """A WebP original needs no <source>: its own format is WebP."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (900, 600), (1, 2, 3)).save(out, "WEBP")
    html = render("{% picture name %}", name=store("uploads/w.webp", out.getvalue()))
    assert html.startswith("<img")
    assert "<source" not in html
    assert attribute(html, "img", "srcset").endswith("/media/uploads/w.webp 900w")


def test_missing_file_gives_a_plain_img(media):
    """A cover whose file went missing still shows an <img> (without a size to give)."""
    html = render("{% picture name alt='x' %}", name="articles/gone.jpg")
    assert html == '<img src="/media/articles/gone.jpg" alt="x" decoding="async">'
    assert render("{% picture name %}", name="") == ""


def test_body_images_are_rewritten_and_others_kept(media):
    """Stored pictures in a body become <picture>; outside images and the text stay."""
    name = store("uploads/2026/11/b.png", png(1000, 800))
    body = (
        '<p>Trước</p><figure class="image"><img src="/media/uploads/2026/11/b.png" alt="Ảnh &quot;đẹp&quot;" '
        'style="width:500px"><figcaption>Chú thích</figcaption></figure>'
        '<p><img src="https://example.org/x.jpg" alt="ngoài"></p>'
        '<p><img src="/media/uploads/none.jpg" alt="thiếu"></p>'
    )
    html = markup.rewrite_body(body, sizes="(min-width: 900px) 800px, 100vw")
    assert html.count("<picture>") == 1
    assert '<img src="https://example.org/x.jpg" alt="ngoài">' in html
    assert '<img src="/media/uploads/none.jpg" alt="thiếu">' in html
    assert "<p>Trước</p>" in html
    assert "<figcaption>Chú thích</figcaption>" in html
    picture = re.search(r"<picture>.*?</picture>", html).group(0)
    assert attribute(picture, "img", "alt") == "Ảnh &quot;đẹp&quot;"
    assert attribute(picture, "img", "style") == "width:500px"
    assert attribute(picture, "img", "width") == "1000"
    assert attribute(picture, "img", "sizes") == "(min-width: 900px) 500px, min(500px, 100vw)"
    assert f"/media/renditions/{name}/640.webp 640w" in attribute(picture, "source", "srcset")
    assert attribute(picture, "img", "loading") == "lazy"


def test_stored_name_refuses_other_addresses(settings):
    """Only plain paths under MEDIA_URL name a stored file."""
    assert markup.stored_name("/media/uploads/a.jpg") == "uploads/a.jpg"
    assert markup.stored_name("/media/uploads/%C3%A2.jpg") == "uploads/â.jpg"
    for src in (
        "/static/a.jpg",
        "https://x/media/a.jpg",
        "/media/../etc/passwd",
        "/media/a.jpg?x=1",
    ):
        assert markup.stored_name(src) == ""


def test_describe_reads_each_file_once(media, monkeypatch):
    """Sizes come from the cache after the first read (and never from the database)."""
    name = store("articles/c.jpg", jpeg(700, 400))
    renditions.describe(name)
    monkeypatch.setattr(renditions, "_read_info", lambda *args: pytest.fail("read again"))
    assert renditions.describe(name).width == 700


@pytest.mark.django_db
def test_a_missing_rendition_is_made_on_first_request(media, client):
    """The first request makes the files and sends the one asked for; unknown sizes 404;
    while another request holds the lock, the original is sent instead."""
    name = store("articles/lazy.jpg", jpeg(1000, 500))
    url = f"/media/renditions/{name}/640.webp"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert default_storage.exists(f"renditions/{name}/320.jpg")
    assert client.get(f"/media/renditions/{name}/500.webp").status_code == 404
    assert client.get("/media/renditions/articles/none.jpg/640.webp").status_code == 404

    other = store("articles/busy.jpg", jpeg(1000, 500))
    cache.add(f"{renditions._info_key(default_storage, other)}:making", 1)
    response = client.get(f"/media/renditions/{other}/640.jpg")
    assert response.status_code == 302
    assert response["Location"] == f"/media/{other}"
    assert "no-cache" in response["Cache-Control"]
