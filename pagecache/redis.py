"""Django's Redis cache backend without its per-operation overhead (docs/performance.md).

Two costs measured in a gunicorn worker serving page-cache hits (bench/profile_worker.py):

- Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache
  operation, and redis-py's constructor copies its table of ~170 response callbacks each
  time: about a fifth of a hit's CPU. A `redis.Redis` is only a handle on its connection
  pool (thread-safe, no connection of its own), so one per pool is kept.
- Django's `incr` is two round trips (EXISTS, then INCRBY). Here it is one: a script
  that increments only an existing key, so a missing key still raises `ValueError` as
  Django's does (`pagecache.counters` relies on that to start a counter with `add`).

And two operations Django has not. The page cache's read (`pagecache._read_state`):
`get_many_and_incr`, its keys read with one MGET, or, with a counter, read and counted
in one script (a hit and the view it counts, one round trip). It sends its command on
a connection of the pool itself (`_send`), with keys made but not validated (they are the
page cache's own): Django's `get_many` and `make_and_validate_key`, redis-py's `Script`
and its per-command retries and instrumentation cost a hit more CPU than the round trip.
And `incr_and_add`, a rendered page's count and its flush check (`BufferedCounter.count`)
in one script, sent the same way.

Everything else is Django's `RedisCache`: `BACKEND: "pagecache.redis.RedisCache"`.
"""

import hashlib

from django.core.cache.backends import redis as django_redis
from redis.exceptions import NoScriptError, ResponseError

# Increments KEYS[1] by ARGV[1] if it exists; nil (None in Python) if it does not.
INCR_EXISTING = """
if redis.call('exists', KEYS[1]) == 1 then
  return redis.call('incrby', KEYS[1], ARGV[1])
end
return false
"""
# The values at KEYS[1..n-1] (false for a missing one: None in Python), and KEYS[n]
# incremented (created at 1 if missing, with no expiry, as `BufferedCounter.add` does).
MGET_INCR = """
local found = redis.call('mget', unpack(KEYS, 1, #KEYS - 1))
redis.call('incr', KEYS[#KEYS])
return found
"""
MGET_INCR_SHA = hashlib.sha1(MGET_INCR.encode(), usedforsecurity=False).hexdigest()
# KEYS[1] incremented (created at 1 if missing, with no expiry), and 1 if KEYS[2] was
# missing, then set for ARGV[1] seconds (0: not set), as Django's `add` would; else 0.
INCR_ADD = """
redis.call('incr', KEYS[1])
if redis.call('exists', KEYS[2]) == 1 then
  return 0
end
if tonumber(ARGV[1]) > 0 then
  redis.call('set', KEYS[2], 1, 'EX', ARGV[1])
end
return 1
"""
INCR_ADD_SHA = hashlib.sha1(INCR_ADD.encode(), usedforsecurity=False).hexdigest()


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

    def get_many_and_incr(self, keys, counter=None):
        if counter is None:
            values = _send(self.get_client(), "MGET", *keys)
        else:
            client = self.get_client(counter, write=True)
            values = _run_script(client, MGET_INCR, MGET_INCR_SHA, [*keys, counter])
        loads = self._serializer.loads
        return {
            key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }

    def incr_and_add(self, counter, flag, timeout):
        client = self.get_client(counter, write=True)
        return bool(_run_script(client, INCR_ADD, INCR_ADD_SHA, [counter, flag], int(timeout)))


def _run_script(client, script, sha, keys, *args):
    """`EVALSHA` through `_send`; a restarted or flushed Redis has the script loaded again."""
    command = ("EVALSHA", sha, len(keys), *keys, *args)
    try:
        return _send(client, *command)
    except NoScriptError:
        client.script_load(script)
        return _send(client, *command)


def _send(client, *command):
    """One command on a connection of `client`'s pool, without redis-py's per-command
    retries and instrumentation (a third of the read's CPU); a connection that failed is
    closed before it goes back to the pool, as redis-py does. No retry: the page cache
    answers a failed read by rendering (`pagecache._cache_call`)."""
    pool = client.connection_pool
    connection = pool.get_connection()
    try:
        connection.send_command(*command)
        return connection.read_response()
    except ResponseError:
        raise  # an answer (NOSCRIPT): the connection is fine
    except BaseException:
        connection.disconnect()
        raise
    finally:
        pool.release(connection)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def get_many_and_incr(self, keys, counter=None):
        """`get_many(keys)`, and `incr(counter)` (created at 1 if missing) in the same round
        trip when given. For the page cache's own keys only: they are not validated."""
        key_map = {self.make_key(key): key for key in keys}
        found = self._cache.get_many_and_incr(
            list(key_map), None if counter is None else self.make_key(counter)
        )
        return {key_map[key]: value for key, value in found.items()}

    def incr_and_add(self, counter, flag, timeout):
        """`incr(counter)` (created at 1 if missing), and `add(flag, 1, timeout)`, in one
        round trip: whether `flag` was added. For `pagecache.counters`' keys only."""
        return self._cache.incr_and_add(self.make_key(counter), self.make_key(flag), timeout)
