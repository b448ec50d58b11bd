"""Cache round trips per rendered page (docs/performance.md, "Cache round trips of a
rendered page"): each costs a worker a tenth of a millisecond or more, so they are pinned.

Calls are counted on the cache object, outermost only (the `cache_calls` fixture,
tests/conftest.py).
"""

import pytest
from django.core.cache import caches
from django.test import override_settings

import pagecache
from pagecache.redis import RedisCache
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db

# A rendered article's, once its state's shared parts are stored: the chrome, "Các tin
# khác" (each read with the state), the cover's description, the pending views, and the
# view counted with its flush check (one script on Redis; incr, then add on other caches).
# In any order: the pin is on how many.
ARTICLE_CALLS = {
    "redis": ["get_many_and_incr", "get_many_and_incr", "get_many", "get", "incr_and_add"],
    "other": ["get_many", "get_many", "get_many", "get", "incr", "add"],
}


@override_settings(PAGE_CACHE_SECONDS=0)  # as the bench's rendered server: every page a miss
def test_a_rendered_article_makes_five_cache_calls_on_redis(client, cache_calls):
    article = make_published(make_category("Xây dựng Đảng"), with_cover=True)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200  # the first page of a state stores its parts
    cache_calls.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert "<picture" in response.content.decode()
    kind = "redis" if isinstance(caches["default"], RedisCache) else "other"
    assert sorted(cache_calls) == sorted(ARTICLE_CALLS[kind]), cache_calls


def test_a_derived_value_comes_in_the_content_states_own_cache_read(cache_calls):
    """`per_content_state` reads its value with the state (one `get_many`), computes it
    once per state, and again once the state moves."""
    computed = []

    def compute():
        computed.append(True)
        return {"counts": 3}

    assert pagecache.per_content_state("test", compute) == {"counts": 3}
    cache_calls.clear()
    assert pagecache.per_content_state("test", compute) == {"counts": 3}
    assert cache_calls in (["get_many"], ["get_many_and_incr"])
    assert len(computed) == 1
    assert pagecache.move_generation()
    assert pagecache.per_content_state("test", compute) == {"counts": 3}
    assert len(computed) == 2


def test_a_value_of_none_is_kept_too():
    """A derived value that is None is a value, not a miss."""
    computed = []

    def compute():
        computed.append(True)

    assert pagecache.per_content_state("none", compute) is None
    assert pagecache.per_content_state("none", compute) is None
    assert len(computed) == 1
