"""Production settings inside this process, for the in-process bench scripts.

    sys.path.insert(0, str(ROOT))
    from bench import inprocess
    inprocess.start_django(PAGE_CACHE_SECONDS="0")

Sets what `portal.settings` needs with DEBUG off (a throw-away SECRET_KEY, the test
client's host, no HTTPS redirect, a cache key prefix of this process), then `extra`, each
only where the environment does not say otherwise, and starts Django. How the figures
are read: docs/performance.md.
"""

import os


def start_django(**extra: str) -> None:
    defaults = {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "SECRET_KEY": "bench-only-not-a-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        **extra,
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)

    import django

    django.setup()
