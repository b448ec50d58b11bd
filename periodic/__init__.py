"""Periodic jobs: apps register them, `manage.py run_periodic` runs them (docs/deploy.md).

Production runs the command every minute (a systemd timer or cron). A job is registered
once, from its app's `AppConfig.ready()`, with the least interval between two runs;
running the command more often is harmless: a job whose interval has not passed is
skipped, and every job must be idempotent (run twice, it does the work once). One job
failing does not stop the others. `make run` needs none of it.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], object]
    every: int  # seconds


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # "ran", "skipped" or "failed"
    result: object = None
    seconds: float = 0.0


_jobs: dict[str, Job] = {}


def register(name: str, func: Callable[[], object], *, every: int = 60) -> None:
    """Run `func()` at most once per `every` seconds; what it returns is reported."""
    _jobs[name] = Job(name, func, every)


def jobs() -> tuple[Job, ...]:
    return tuple(_jobs[name] for name in sorted(_jobs))


def _due(job: Job) -> bool:
    """Whether the interval has passed; with the cache down, run (jobs are idempotent)."""
    try:
        return bool(cache.add(f"periodic:last-run:{job.name}", time.time(), timeout=job.every))
    except Exception:
        logger.warning("periodic: cache unavailable, running %s anyway", job.name, exc_info=True)
        return True


def run(names: list[str] | None = None, *, force: bool = False) -> list[Outcome]:
    outcomes = []
    for job in jobs():
        if names and job.name not in names:
            continue
        if not force and not _due(job):
            outcomes.append(Outcome(job.name, "skipped"))
            continue
        started = time.perf_counter()
        try:
            result = job.func()
        except Exception:
            logger.exception("periodic job %s failed", job.name)
            outcomes.append(Outcome(job.name, "failed", seconds=time.perf_counter() - started))
        else:
            outcomes.append(Outcome(job.name, "ran", result, time.perf_counter() - started))
    return outcomes
