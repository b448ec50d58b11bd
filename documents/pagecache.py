"""What moves pages showing documents in the page cache (the `pagecache` library).

No query: every write path of documents (the admin, the workflow, `import_documents`)
calls `pagecache.content_changed()`, and a document's validity changes by itself only
at the start of a day (it takes effect, or expires), so the token is the local date and
the next timed change is the next midnight. A change made with the plain ORM shows
within `PAGE_CACHE_SECONDS`. docs/documents.md, "Page cache".
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

MODELS = (
    "documents.Document",
    "documents.Kind",
    "documents.Subject",
    "documents.Issuer",
)


def next_change():
    """The next midnight: a validity may change by itself then."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
