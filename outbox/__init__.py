"""One outbox for the portal's e-mail (docs/outbox.md).

    import outbox
    outbox.enqueue(to="ban@example.vn", subject="...", body="...", html=None)

A row per recipient is written in the caller's transaction; it is sent once that
transaction commits, and retried by `manage.py send_outbox` until it goes.
"""


def enqueue(**kwargs):
    """See `outbox.delivery.enqueue` (imported here lazily: this package loads first)."""
    from outbox.delivery import enqueue as _enqueue

    return _enqueue(**kwargs)
