"""A cache outage is logged once per process, not once per request (docs/performance.md).

When Redis stops, every page would otherwise log a warning with a traceback, several
per request, and bury the log. The first failure is logged with its traceback; then
nothing until a cache call succeeds again, which is logged once too.
"""

import logging

logger = logging.getLogger("pagecache")

_down = False


def failed(what: str) -> None:
    global _down
    if not _down:
        _down = True
        logger.warning(
            "cache unavailable (%s): pages are served uncached and views are not counted "
            "until it answers again",
            what,
            exc_info=True,
        )


def answered() -> None:
    global _down
    if _down:
        _down = False
        logger.warning("cache available again")
