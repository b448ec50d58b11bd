"""A rendition asked for before it exists is made on that first request (docs/images.md).

In production nginx serves `/media/` itself and passes a missing file under
`/media/renditions/` here (`try_files $uri @portal`, docs/deploy.md); in development the
route comes before Django's media serving. Only the names `Picture.renditions()` lists
for a stored original are made, so nobody can ask for arbitrary sizes. While another
request is making them (the cache lock in `renditions.make`), the original is sent
instead, so a burst of readers never encodes the same picture twice.
"""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from safeimage import renditions


@require_safe
def rendition(request, name):
    original = posixpath.dirname(name)
    stored = f"{renditions.PREFIX}/{name}"
    picture = renditions.describe(original)
    wanted = {r.name: r for r in picture.renditions()} if picture else {}
    if stored not in wanted:
        raise Http404("Không có ảnh này.")
    if not default_storage.exists(stored):
        renditions.make(original)
    if not default_storage.exists(stored):  # being made by another request right now
        response = HttpResponseRedirect(picture.url)
        add_never_cache_headers(response)
        return response
    response = FileResponse(
        default_storage.open(stored, "rb"), content_type=wanted[stored].mime_type
    )
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response
