"""The development media view answers byte ranges (206, Content-Range), which Django's
own static view does not; the gzip middleware leaves video responses alone."""

from pathlib import Path

import pytest
from django.test import RequestFactory

from gallery import ranges
from portal.middleware import TextGZipMiddleware

DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def media(tmp_path: Path) -> Path:
    (tmp_path / "video").mkdir()
    (tmp_path / "video" / "clip.mp4").write_bytes(DATA)
    return tmp_path


def _get(media, **headers):
    request = RequestFactory().get("/media/video/clip.mp4", headers=headers)
    return ranges.serve(request, "video/clip.mp4", document_root=str(media))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_range_gets_206_with_content_range(media):
    response = _get(media, Range="bytes=100-1099")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-1099/{len(DATA)}"
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "video/mp4"
    assert _body(response) == DATA[100:1100]


def test_open_ended_and_suffix_ranges(media):
    assert _body(_get(media, Range="bytes=10000-")) == DATA[10000:]
    response = _get(media, Range="bytes=-240")
    assert response["Content-Range"] == f"bytes 10000-10239/{len(DATA)}"
    assert _body(response) == DATA[-240:]
    end_past = _get(media, Range="bytes=10200-99999")
    assert end_past["Content-Range"] == f"bytes 10200-10239/{len(DATA)}"


def test_an_impossible_range_is_416(media):
    response = _get(media, Range="bytes=20000-20100")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(DATA)}"


def test_no_range_is_the_whole_file_announcing_ranges(media):
    response = _get(media)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert _body(response) == DATA


def test_if_range_for_an_older_copy_gets_the_whole_file(media):
    response = _get(media, Range="bytes=0-9", **{"If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert response.status_code == 200


def test_gzip_never_touches_a_video_response(media):
    request = RequestFactory().get(
        "/media/video/clip.mp4", headers={"Range": "bytes=0-4999", "Accept-Encoding": "gzip"}
    )
    middleware = TextGZipMiddleware(
        lambda r: ranges.serve(r, "video/clip.mp4", document_root=str(media))
    )
    response = middleware(request)
    assert response.status_code == 206
    assert not response.has_header("Content-Encoding")
    assert _body(response) == DATA[:5000]
