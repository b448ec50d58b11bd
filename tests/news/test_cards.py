import pytest
from django.test import override_settings

from news import cards
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
