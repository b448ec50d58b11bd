"""Django's Redis cache backend without its per-operation overhead (docs/performance.md).

Two costs measured in a gunicorn worker serving page-cache hits (bench/profile_worker.py):

- Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache
  operation, and redis-py's constructor copies its table of ~170 response callbacks each
  time: about a fifth of a hit's CPU. A `redis.Redis` is only a handle on its connection
  pool (thread-safe, no connection of its own), so one per pool is kept.
- Django's `incr` is two round trips (EXISTS, then INCRBY). Here it is one: a script
  that increments only an existing key, so a missing key still raises `ValueError` as
  Django's does (`pagecache.counters` relies on that to start a counter with `add`).

Everything else is Django's `RedisCache`: `BACKEND: "pagecache.redis.RedisCache"`.
"""

from django.core.cache.backends import redis as django_redis

# Increments KEYS[1] by ARGV[1] if it exists; nil (None in Python) if it does not.
INCR_EXISTING = """
if redis.call('exists', KEYS[1]) == 1 then
  return redis.call('incrby', KEYS[1], ARGV[1])
end
return false
"""


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._incr_scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # the pool lives in self._pools: ids stay unique
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        script = self._incr_scripts.get(id(client))
        if script is None:
            script = self._incr_scripts[id(client)] = client.register_script(INCR_EXISTING)
        value = script(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
