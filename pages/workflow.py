"""Saving an introduction page: one function, used by the admin, the demo and the tests.

It keeps what is replaced (title and body) as a `PageRevision`, records an old slug as
a `PageSlugRedirect`, and tells the page cache once the change has committed.
"""

from django.db import transaction

from pagecache import content_changed
from pages.models import Page, PageRevision, PageSlugRedirect
from richtext.sanitize import clean_html


def pages_changed():
    """Every page shows the menu of introduction pages: none cached may outlive a change."""
    content_changed()


@transaction.atomic
def save_page(*, page: Page, actor=None) -> Page:
    page.full_clean()
    if page.pk is None:
        page.save()
        pages_changed()
        return page
    before = Page.objects.select_for_update().get(pk=page.pk)
    if (before.title, before.body) != (page.title, clean_html(page.body)):
        PageRevision.objects.create(
            page=before,
            version=before.version,
            title=before.title,
            body=before.body,
            created_by=actor if actor is not None and actor.pk else None,
        )
        page.version = before.version + 1
    page.save()
    if before.slug != page.slug:
        PageSlugRedirect.objects.filter(old_slug=page.slug).delete()  # the slug is live again
        PageSlugRedirect.objects.update_or_create(old_slug=before.slug, defaults={"page": page})
    pages_changed()
    return page
