"""`pagecache.redis.RedisCache`: Django's Redis backend, one client per pool, one-trip incr.

Run against the Redis of `REDIS_URL` (skipped without it): `DATABASE_URL=… REDIS_URL=…
pytest tests/pagecache`.
"""

import pytest
from django.core.cache import caches

from pagecache.redis import RedisCache


@pytest.fixture
def redis_cache():
    if not isinstance(caches["default"], RedisCache):
        pytest.skip("this run has no Redis (REDIS_URL)")
    return caches["default"]


def test_the_settings_use_it_with_redis(redis_cache):
    assert isinstance(redis_cache, RedisCache)


def test_one_client_serves_every_operation(redis_cache):
    """Django's client makes a `redis.Redis` per operation; this one keeps one per pool."""
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client("k", write=True) is client


def test_incr_is_one_round_trip_and_keeps_djangos_rules(redis_cache):
    """A missing key raises ValueError (a counter then starts with add), an existing one
    is incremented and decremented atomically, by a single command."""
    redis_cache.delete("counter")
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("counter")
    assert redis_cache.get("counter") is None  # not created by the failed incr
    redis_cache.add("counter", 1)
    client = redis_cache._cache.get_client(write=True)
    sent = []
    real = client.execute_command

    def counted(*args, **kwargs):
        sent.append(args[0])
        return real(*args, **kwargs)

    client.execute_command = counted
    try:
        assert redis_cache.incr("counter", 4) == 5
    finally:
        del client.execute_command
    assert len(sent) == 1, sent
    assert redis_cache.decr("counter", 2) == 3
    assert redis_cache.get("counter") == 3


def test_get_many_and_incr_reads_and_counts_in_one_command(redis_cache):
    """The page cache's read of a counted hit: the entries found, and the counter
    incremented (created at 1 when missing, as `BufferedCounter.add` does); without a
    counter, a plain read. A Redis that lost its scripts (restarted) gets it again."""
    redis_cache.set_many({"a": ("page", b"body"), "b": 2})
    redis_cache.delete("views")
    client = redis_cache._cache.get_client(write=True)
    client.script_flush()
    assert redis_cache.get_many_and_incr(["a"], "views") == {"a": ("page", b"body")}
    before = client.info("commandstats")
    found = redis_cache.get_many_and_incr(["a", "b", "missing"], "views")
    plain = redis_cache.get_many_and_incr(["b", "missing"])
    after = client.info("commandstats")
    assert found == {"a": ("page", b"body"), "b": 2}
    assert plain == {"b": 2}

    def calls(name):
        return after.get(f"cmdstat_{name}", {}).get("calls", 0) - before.get(
            f"cmdstat_{name}", {}
        ).get("calls", 0)

    # Sent: one EVALSHA, then one MGET; the server also counts the script's own MGET, INCR.
    assert (calls("evalsha"), calls("mget"), calls("incr")) == (1, 2, 1)
    assert calls("get") == calls("script") == 0
    assert redis_cache.get("views") == 2
    assert redis_cache.incr("views") == 3  # an ordinary counter for the flush


def test_incr_and_add_counts_and_checks_the_flush_in_one_command(redis_cache):
    """A rendered page's view and its flush check (`BufferedCounter.count`): the counter
    incremented (created at 1 when missing), and whether the flag was added, as Django's
    `add` answers (a timeout of 0: added and gone at once). A Redis that lost its scripts
    gets it again."""
    redis_cache.delete_many(["views", "flushed"])
    client = redis_cache._cache.get_client(write=True)
    client.script_flush()
    assert redis_cache.incr_and_add("views", "flushed", 60) is True
    before = client.info("commandstats")
    assert redis_cache.incr_and_add("views", "flushed", 60) is False
    after = client.info("commandstats")
    assert redis_cache.get("views") == 2
    assert 0 < client.ttl(redis_cache.make_key("flushed")) <= 60
    sent = {
        name: stats["calls"] - before.get(name, {}).get("calls", 0)
        for name, stats in after.items()
        if name in ("cmdstat_evalsha", "cmdstat_get", "cmdstat_set", "cmdstat_incrby")
    }
    assert sent.get("cmdstat_evalsha") == 1
    assert sent.get("cmdstat_get", 0) == sent.get("cmdstat_incrby", 0) == 0
    redis_cache.delete("flushed")
    assert redis_cache.incr_and_add("views", "flushed", 0) is True
    assert redis_cache.incr_and_add("views", "flushed", 0) is True  # nothing kept
    assert redis_cache.get("flushed") is None
    assert redis_cache.incr("views") == 5  # an ordinary counter for the flush
