from datetime import UTC, datetime

import pytest
from django.test import override_settings

from news import cards
from news.search import parse_query
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db


def test_a_cover_written_once_per_picture_follows_the_media_url_and_the_picture():
    """A described cover's markup is written once per picture and options, yet a new
    media URL or another picture under the same article gives new markup."""
    article = make_published(make_category(), with_cover=True)
    cards.describe_covers([article])
    plain = cards.card(article)
    assert plain == cards.card(article)
    assert "/media/" in plain
    with override_settings(MEDIA_URL="/anh/"):
        moved = cards.card(article)
    assert "/anh/" in moved
    assert "/media/" not in moved
    large = cards.card(article, large=True)
    assert 'sizes="(min-width: 900px) 440px, 100vw"' in large
    assert 'loading="lazy"' not in large
    other = make_published(article.category, with_cover=True)
    cards.describe_covers([other])
    assert other.cover_image.name != article.cover_image.name
    assert other.cover_image.name in cards.card(other)


def test_a_list_card_writes_the_markup_of_its_template_with_every_value_escaped():
    """The card written in Python is the markup its template wrote, byte for byte: the
    title, sapo and category escaped as `{{ }}` escapes them, a highlighted title's
    <mark> kept, the modifiers of a large card without a picture."""
    category = make_category("Tin & <b>ảnh</b>", slug="tin-anh")
    article = make_published(
        category,
        title='Hội nghị "A" & <i>B</i>',
        sapo="Sáng 1/12 <script>",
        published_at=datetime(2026, 11, 27, 1, 5, tzinfo=UTC),
    )
    url = article.get_absolute_url()
    assert cards.card(article, level=2, large=True, show_category=True) == (
        '\n<article class="card card--large card--text">\n  \n'
        '  <div class="card__body">\n'
        f'    <h2 class="card__title"><a href="{url}">Hội nghị &quot;A&quot; &amp; '
        "&lt;i&gt;B&lt;/i&gt;</a></h2>\n"
        '    <p class="card__meta">\n'
        '      <time datetime="2026-11-27T08:05:00+07:00">8:05, Thứ Sáu, 27-11-2026</time>\n'
        '      <span class="card__category"><a href="/chuyen-muc/tin-anh/">Tin &amp; '
        "&lt;b&gt;ảnh&lt;/b&gt;</a></span>\n"
        "    </p>\n"
        '    <p class="card__sapo">Sáng 1/12 &lt;script&gt;</p>\n'
        "  </div>\n"
        "</article>\n"
    )
    highlighted = cards.card(article, query=parse_query("hội nghị"))
    assert '<h3 class="card__title"><a href="' in highlighted
    assert (
        "<mark>Hội</mark> <mark>nghị</mark> &quot;A&quot; &amp; &lt;i&gt;B&lt;/i&gt;" in highlighted
    )
    assert "card__category" not in highlighted
