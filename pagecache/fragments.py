"""Parts that every page repeats (the menu, the header, the footer), kept per content state.

A rendered page queries and renders its own content fresh; what it shares with every
other page need not be: `fragment(name, compute, *vary)` keeps `compute()` (a value or
a piece of HTML) in the cache for the current content state (`pagecache.per_content_state`:
tagged with the state's token and read in the same `get_many` as the state, one cache
round trip for both), as a cached page is. A fragment tagged with any other state is computed again and stored
over it, so it is never read after a committed change (the write paths move the
generation) nor past a timed change (the next midnight for the header's date, a
notice's start), exactly like a cached page; and where the state cannot be shared (the
cache is down, or each production worker has its own local memory) it is computed
every time.

`vary` names what the fragment depends on besides the content (the menu item a page
marks as current): a few values, never a reader's input, since each value is a cache
entry. See docs/performance.md, "Where rendering time goes".
"""

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.template.loader import get_template

import pagecache


def key(name: str, *vary) -> str:
    """The fragment's name and what it varies by, as one short cache key part."""
    if not vary:
        return f"fragment:{name}"
    varies = "\x1f".join(str(value) for value in vary)
    return f"fragment:{name}:{hashlib.sha256(varies.encode()).hexdigest()[:16]}"


def code_version(*, templates=(), modules=(), extra=()) -> str:
    """A digest of what a kept value is made with: its templates' sources, its modules'
    files and `extra` bytes. Part of the value's key, so that a deploy never reads what
    an older release stored under the same content state (it is kept for as long as the
    state lasts). Callers keep it for the process (`functools.cache`)."""
    sources = [get_template(name).template.source.encode() for name in templates]
    sources += [Path(module.__file__).read_bytes() for module in modules]
    sources += list(extra)
    return hashlib.sha256(b"\0".join(sources)).hexdigest()[:12]


def fragment(name: str, compute: Callable[[], object], *vary):
    """`compute()`, or what it returned for this content state and these `vary` values."""
    return pagecache.per_content_state(key(name, *vary), compute)
