"""Videos: checked by their content with ffprobe (a renamed file, a QuickTime movie or
another codec is refused, a real MP4 or WebM accepted with its poster frame), refused
with a clear message when ffprobe is missing or the file too big; WebVTT captions;
YouTube links only; editors publish; the public pages, feed and sitemap."""

import os
import shutil

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gallery import videos, workflow
from gallery.models import Video
from portal.demo.gallery import make_video
from tests.gallery import factories

if not videos.tools_present() and os.environ.get("REQUIRE_FFMPEG"):
    pytest.fail("ffmpeg is not installed (apt-get install ffmpeg)", pytrace=False)
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not videos.tools_present(), reason="ffmpeg is not installed"),
]

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nK\xc3\xadnh th\xc6\xb0a c\xc3\xa1c \xc4\x91\xe1\xba\xa1i bi\xe1\xbb\x83u\n"
LIST = reverse("gallery:video_list")
# page-cache state (news), count, videos, footer, menu (2); then a video: the state, the
# video, organizations, menu (2) (the footer's settings already cached)
LIST_QUERIES = 6
DETAIL_QUERIES = 5
# The chrome (footer settings, menu: 3 queries) is built by the first page of a content
# state and read from the cache by the next ones (portal/chrome.py).
CHROME_QUERIES = 3


@pytest.fixture(scope="module")
def mp4():
    return make_video("mp4", seconds=2, size="320x180")


def _upload(data: bytes, name="video.mp4"):
    return SimpleUploadedFile(name, data)


def _video(file=None, **fields) -> Video:
    fields.setdefault("title", "Phóng sự Đại hội Đảng bộ Khối")
    fields.setdefault("date", "2025-10-15")
    video = Video(file=file, **fields) if file is not None else Video(**fields)
    video.full_clean()
    video.save()
    return video


def _refusal(file, **fields) -> str:
    with pytest.raises(ValidationError) as error:
        _video(file, **fields)
    return " ".join(error.value.message_dict.get("file", error.value.messages))


def test_a_real_mp4_is_accepted_with_its_poster_frame(mp4):
    video = _video(_upload(mp4, "phong su.MOV"))
    assert video.mime_type == "video/mp4"
    assert video.file.name.endswith(".mp4")  # the name the content proved, not the one given
    assert (video.width, video.height) == (320, 180)
    assert 1.9 < video.duration < 2.2
    assert video.size == len(mp4)
    assert video.poster
    assert (video.poster_width, video.poster_height) == (320, 180)
    assert video.poster.name.endswith(".jpg")


def test_a_webm_is_accepted():
    video = _video(_upload(make_video("webm", seconds=1), "clip.webm"))
    assert video.mime_type == "video/webm"
    assert video.file.name.endswith(".webm")


def test_a_renamed_non_video_is_refused():
    pdf = b"%PDF-1.4\n" + b"0" * 4000
    assert videos.NOT_A_VIDEO in _refusal(_upload(pdf, "video.mp4"))
    assert not Video.objects.exists()


def test_a_quicktime_movie_and_another_codec_are_refused():
    assert videos.NOT_A_VIDEO in _refusal(_upload(make_video("mov", seconds=1), "a.mp4"))
    assert videos.NOT_A_VIDEO in _refusal(_upload(make_video("mpeg4", seconds=1), "b.mp4"))


def test_a_truncated_mp4_is_refused(mp4):
    assert videos.NOT_A_VIDEO in _refusal(_upload(mp4[:600], "cut.mp4"))


def test_without_ffprobe_nothing_is_accepted_and_the_message_says_why(mp4, monkeypatch):
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "ffprobe" else real(name))
    message = _refusal(_upload(mp4))
    assert "chưa cài ffmpeg" in message
    assert "apt-get install ffmpeg" in message


def test_a_video_over_the_size_cap_is_refused(mp4, settings):
    settings.GALLERY_VIDEO_MAX_BYTES = 10_000
    assert "Video quá lớn" in _refusal(_upload(mp4))


def test_an_uploaded_poster_is_kept(mp4):
    video = _video(_upload(mp4), poster=factories.jpeg(size=(160, 90)))
    assert (video.poster_width, video.poster_height) == (160, 90)


def test_webvtt_captions_are_accepted_and_other_files_refused(mp4):
    video = _video(_upload(mp4), captions=_upload(VTT, "phu-de.vtt"))
    assert video.captions.name.endswith(".vtt")
    srt = b"1\n00:00:00,000 --> 00:00:01,500\nXin chao\n"
    with pytest.raises(ValidationError) as error:
        _video(_upload(mp4), captions=_upload(srt, "phu-de.vtt"))
    assert "WebVTT" in " ".join(error.value.message_dict["captions"])


def test_youtube_links_only_and_one_source_exactly(mp4):
    video = _video(external_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert video.youtube_id == "dQw4w9WgXcQ"
    with pytest.raises(ValidationError) as error:
        _video(external_url="https://vimeo.com/123456")
    assert "external_url" in error.value.message_dict
    with pytest.raises(ValidationError):
        _video(_upload(mp4), external_url="https://youtu.be/dQw4w9WgXcQ")
    with pytest.raises(ValidationError):
        _video()


def test_only_editors_publish_videos(mp4):
    video = _video(_upload(mp4))
    with pytest.raises(PermissionDenied):
        workflow.publish_video(video=video, actor=factories.make_user("pv", factories.AUTHOR))
    workflow.publish_video(video=video, actor=factories.make_user("btv", factories.EDITOR))
    assert list(Video.objects.published()) == [video]


def _published(**fields) -> Video:
    video = _video(**fields)
    workflow.publish_video(video=video, actor=None, skip_permission_checks=True)
    return video


def test_video_page_plays_our_file_with_captions_and_transcript(client, mp4):
    video = _published(
        file=_upload(mp4), captions=_upload(VTT, "p.vtt"), transcript="Kính thưa các đại biểu."
    )
    page = client.get(video.get_absolute_url()).content.decode()
    assert "<video" in page
    assert " controls" in page
    assert f'<source src="{video.file.url}" type="video/mp4">' in page
    assert f'<track kind="captions" src="{video.captions.url}" srclang="vi"' in page
    # The poster attribute takes one address: its WebP rendition (a 320 one, the poster
    # frame is 320 wide), fetched first (docs/gallery.md).
    poster = f"/media/renditions/{video.poster.name}/320.webp"
    assert f'poster="{poster}"' in page
    assert f'<link rel="preload" as="image" href="{poster}" fetchpriority="high">' in page
    assert "Kính thưa các đại biểu." in page
    assert '<meta property="og:type" content="video.other">' in page


def test_a_youtube_video_is_a_poster_linking_out_without_a_player(client):
    video = _published(
        external_url="https://youtu.be/dQw4w9WgXcQ", poster=factories.jpeg(size=(320, 180))
    )
    page = client.get(video.get_absolute_url()).content.decode()
    assert 'href="https://youtu.be/dQw4w9WgXcQ"' in page
    assert "<iframe" not in page
    assert "youtube.com/embed" not in page
    assert "<video" not in page
    assert f"/media/renditions/{video.poster.name}/320.webp 320w" in page  # {% picture %}
    listed = client.get(LIST).content.decode()
    assert f'href="{video.get_absolute_url()}"' in listed  # the list links to our own page


def test_drafts_are_nowhere(client, mp4):
    draft = _video(_upload(mp4), title="Video chưa duyệt")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Video chưa duyệt" not in client.get(LIST).content.decode()
    assert "Video chưa duyệt" not in client.get(reverse("gallery:video_feed")).content.decode()


def test_feed_and_sitemap_carry_the_video(client, mp4):
    video = _published(file=_upload(mp4), description="Toàn cảnh đại hội.")
    feed = client.get(reverse("gallery:video_feed")).content.decode()
    enclosure = f'length="{len(mp4)}" type="video/mp4" url="http://testserver{video.file.url}"'
    assert f"<enclosure {enclosure}/>" in feed
    xml = client.get(
        reverse("portal:sitemap_section", kwargs={"section": "video"})
    ).content.decode()
    assert f"<video:content_loc>http://testserver{video.file.url}</video:content_loc>" in xml
    assert f"<video:thumbnail_loc>http://testserver{video.poster.url}</video:thumbnail_loc>" in xml
    assert "<video:duration>2</video:duration>" in xml
    assert "<video:description>Toàn cảnh đại hội.</video:description>" in xml


@pytest.mark.parametrize("count", [2, 30])
def test_video_pages_run_fixed_queries(client, django_assert_num_queries, mp4, count):
    first = _published(file=_upload(mp4))
    Video.objects.bulk_create(
        Video(
            title=f"Video {i}",
            slug=f"video-{i}",
            date="2025-01-01",
            file=first.file.name,
            poster=first.poster.name,
            mime_type="video/mp4",
            status=Video.Status.PUBLISHED,
            published_at=first.published_at,
        )
        for i in range(count - 1)
    )
    with django_assert_num_queries(LIST_QUERIES):
        assert len(client.get(LIST).context["videos"]) == min(12, count)
    with django_assert_num_queries(DETAIL_QUERIES - CHROME_QUERIES):
        assert client.get(first.get_absolute_url()).status_code == 200
