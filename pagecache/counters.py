"""Counters buffered in the cache: a view, a download, a vote without a write per request.

One `UPDATE ... SET n = n + 1` per request makes every reader of a popular row queue for
the same row lock. Instead each event increments a counter in the shared cache (Redis in
production: an atomic INCR), and a flush moves the pending number into the database with
the app's own atomic update (an `F()` expression). The flush subtracts exactly what it
read, so events counted meanwhile stay pending.

If the cache is wiped, the events not yet flushed are lost; with the local-memory cache
each worker keeps its own pending counts, which all reach the database the same way.
A counter is not worth an error page: when the cache fails, the event is not counted.
See docs/performance.md.
"""

from collections.abc import Callable, Iterable

from django.core.cache import cache

from pagecache import outage

# Keys read per get_many when a flush walks every row.
BATCH = 500


class BufferedCounter:
    """Pending counts per row id under `<name>:pending:<id>`, written by `write(id, amount)`."""

    def __init__(self, name: str, write: Callable[[int, int], object]):
        self.name = name
        self.write = write

    def key(self, pk: int) -> str:
        return f"{self.name}:pending:{pk}"

    def add(self, pk: int) -> None:
        """Count one event: one cache operation in the usual case."""
        key = self.key(pk)
        try:
            try:
                cache.incr(key)
            except ValueError:  # the first event since the last flush, or evicted
                if not cache.add(key, 1, timeout=None):
                    cache.incr(key)
        except Exception:  # Redis down or any cache backend error
            outage.failed(f"counter {self.name}")

    def count(self, pk: int, interval: int) -> int:
        """`add(pk)`, then `flush_due(pk, interval)`: one cache round trip on Redis (a
        script, `pagecache.redis`) unless a flush is due; returns how many moved."""
        if not hasattr(cache, "incr_and_add"):
            self.add(pk)
            return self.flush_due(pk, interval)
        try:
            due = cache.incr_and_add(self.key(pk), self._flushed_key(pk), interval)
            return self.flush(pk) if due else 0
        except Exception:  # Redis down or any cache backend error
            outage.failed(f"counter {self.name}")
            return 0

    def withdraw(self, pk: int) -> None:
        """Take back one event counted ahead of knowing it happened: the page cache counts
        a view in the read of a hit (one round trip), and withdraws it when that read turns
        out a miss, which goes on to the view and is counted there (`pagecache.middleware`)."""
        try:
            cache.decr(self.key(pk))
        except Exception:  # evicted meanwhile, Redis down: one view too many at most
            outage.failed(f"counter {self.name}")

    def pending(self, pk: int) -> int:
        try:
            return max(cache.get(self.key(pk)) or 0, 0)
        except Exception:  # Redis down: show the stored count alone
            outage.failed(f"counter {self.name}")
            return 0

    def flush(self, pk: int) -> int:
        """Move the pending count of one row into the database; returns how many moved."""
        key = self.key(pk)
        pending = cache.get(key) or 0
        if pending <= 0:
            return 0
        cache.decr(key, pending)
        self.write(pk, pending)
        return pending

    def flush_due(self, pk: int, interval: int) -> int:
        """Flush one row at most once per `interval` seconds (0: every time)."""
        try:
            if cache.add(self._flushed_key(pk), 1, timeout=interval):
                return self.flush(pk)
        except Exception:
            outage.failed(f"counter {self.name}")
        return 0

    def _flushed_key(self, pk: int) -> str:
        return f"{self.name}:flushed:{pk}"

    def flush_all(self, pks: Iterable[int]) -> int:
        """Flush every row of `pks` with pending counts, reading them in batches."""
        moved = 0
        batch = []
        for pk in pks:
            batch.append(pk)
            if len(batch) == BATCH:
                moved += self._flush_batch(batch)
                batch = []
        if batch:
            moved += self._flush_batch(batch)
        return moved

    def _flush_batch(self, pks: list[int]) -> int:
        found = cache.get_many([self.key(pk) for pk in pks])
        moved = 0
        for pk in pks:
            if (found.get(self.key(pk)) or 0) > 0:
                moved += self.flush(pk)
        return moved
