"""Byte ranges for media files in development (`make run`, DEBUG): Django serves none.

Browsers ask for videos in ranges (Safari refuses to play without them; every browser
needs them to seek). `serve` wraps `django.views.static.serve` (same path checks, 404s
and If-Modified-Since) and answers `Range: bytes=a-b` with 206 and `Content-Range`, an
impossible range with 416. One range only: a multi-range request gets the whole file,
as RFC 9110 allows. The responses are streamed, so the gzip middleware never touches
them. In production nginx serves /media/ and does all this itself (docs/deploy.md).
"""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import http_date
from django.views import static

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def serve(request, path, document_root=None, show_indexes=False):
    response = static.serve(request, path, document_root=document_root, show_indexes=False)
    if not isinstance(response, FileResponse) or response.status_code != 200:
        return response
    response["Accept-Ranges"] = "bytes"
    header = request.headers.get("Range", "").strip()
    if not header or request.method not in ("GET", "HEAD"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range != response.get("Last-Modified"):
        return response  # the file changed since the client's first part: send it whole
    handle = response.file_to_stream
    size = int(response["Content-Length"])
    match = _RANGE.match(header)
    if not match or not any(match.groups()):
        return response  # several ranges or another unit: the whole file
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    else:  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(last), 0), size - 1
    if start >= size or start > end:
        handle.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    partial = StreamingHttpResponse(
        _read(handle, start, end - start + 1), status=206, content_type=response["Content-Type"]
    )
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    partial["Content-Length"] = str(end - start + 1)
    partial["Accept-Ranges"] = "bytes"
    partial["Last-Modified"] = response.get("Last-Modified", http_date())
    return partial


def _read(handle, start: int, length: int):
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()
