"""What an uploaded video may be, decided by its content, never its name.

`ffprobe` (Debian's ffmpeg) reads the container and streams: MP4 with H.264 video and
AAC audio, or WebM with VP8/VP9/AV1 and Vorbis/Opus; the first bytes must agree (an
MP4 `ftyp` box that is not QuickTime's, or WebM's EBML header). Without ffprobe nothing
is accepted, with a message that says what to install. `ffmpeg` takes the poster frame.
Captions must be WebVTT. docs/gallery.md, "Video".
"""

import json
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PROBE_SECONDS = 60

FFPROBE_MISSING = (
    "Máy chủ chưa cài ffmpeg (thiếu lệnh ffprobe) nên chưa kiểm tra được video: chưa có "
    "gì được lưu. Hãy báo quản trị hệ thống cài gói ffmpeg (apt-get install ffmpeg) rồi "
    "tải lên lại."
)
NOT_A_VIDEO = (
    "Chỉ nhận video MP4 (hình H.264, tiếng AAC) hoặc WebM (hình VP8, VP9 hoặc AV1, tiếng "
    "Vorbis hoặc Opus). Tệp này không phải video thuộc các loại đó, dù tên tệp là gì."
)
NOT_WEBVTT = (
    "Phụ đề phải là tệp WebVTT (.vtt, mã UTF-8, dòng đầu «WEBVTT», mỗi câu có mốc thời "
    "gian dạng 00:00:01.000 --> 00:00:04.000)."
)
CAPTIONS_MAX_BYTES = 512 * 1024


class VideoRefused(Exception):
    """A file we will not store, with the message the person uploading it sees."""


@dataclass(frozen=True)
class Container:
    extension: str
    mime_type: str
    video_codecs: frozenset
    audio_codecs: frozenset


MP4 = Container("mp4", "video/mp4", frozenset({"h264"}), frozenset({"aac"}))
WEBM = Container(
    "webm", "video/webm", frozenset({"vp8", "vp9", "av1"}), frozenset({"vorbis", "opus"})
)


@dataclass(frozen=True)
class VideoInfo:
    container: Container
    duration: float  # seconds
    width: int
    height: int


def max_bytes() -> int:
    return settings.GALLERY_VIDEO_MAX_BYTES


def too_big_message(size: int) -> str:
    return (
        f"Video quá lớn ({size / 1024 / 1024:.0f} MB): tối đa "
        f"{max_bytes() // 1024 // 1024} MB. Hãy nén lại hoặc cắt ngắn rồi tải lên."
    )


def tools_present() -> bool:
    return bool(shutil.which("ffprobe") and shutil.which("ffmpeg"))


@contextmanager
def local_path(upload):
    """A path on disk for `upload` (its temporary file, or a copy of a small one)."""
    path = getattr(upload, "temporary_file_path", None)
    if path:
        yield Path(path())
        return
    with tempfile.NamedTemporaryFile(prefix="video-check-") as copy:
        upload.seek(0)
        shutil.copyfileobj(upload, copy)
        copy.flush()
        upload.seek(0)
        yield Path(copy.name)


def _container_by_magic(path: Path) -> Container | None:
    with path.open("rb") as handle:
        head = handle.read(64)
    if head[4:8] == b"ftyp" and head[8:12] != b"qt  ":
        return MP4
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head:
        return WEBM
    return None


def run_limited(args: list[str], *, seconds: int = PROBE_SECONDS) -> subprocess.CompletedProcess:
    """Run a fixed program, killed after `seconds` by coreutils' `timeout` when it is there.

    Python's own `timeout=` waits in a sleep loop, which fails with EINVAL under the
    shifted clock CI runs (libfaketime, docs/testing.md); a blocking wait does not.
    """
    limiter = shutil.which("timeout")
    if limiter is None:
        return subprocess.run(args, capture_output=True, timeout=seconds, check=False)  # noqa: S603
    run = subprocess.run(  # noqa: S603 - a fixed program, the path as one argument
        [limiter, "--kill-after=5", str(seconds), *args], capture_output=True, check=False
    )
    if run.returncode in (124, 137):  # timed out (TERM), or killed after the grace period
        raise subprocess.TimeoutExpired(args, seconds)
    return run


def inspect(path: Path) -> VideoInfo:
    """What the file at `path` is; `VideoRefused` unless an MP4 or WebM we accept."""
    ffprobe = shutil.which("ffprobe")
    if not ffprobe:
        raise VideoRefused(FFPROBE_MISSING)
    container = _container_by_magic(path)
    if container is None:
        raise VideoRefused(NOT_A_VIDEO)
    try:
        run = run_limited(
            [ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
             str(path)]
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise VideoRefused(NOT_A_VIDEO) from None
    try:
        probe = json.loads(run.stdout or b"{}")
    except ValueError:
        probe = {}
    streams = probe.get("streams") or []
    video = [s for s in streams if s.get("codec_type") == "video"]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    format_name = (probe.get("format") or {}).get("format_name", "")
    expected = "mp4" if container is MP4 else "webm"
    if (
        run.returncode != 0
        or expected not in format_name.split(",")
        or not video
        or any(s.get("codec_name") not in container.video_codecs for s in video)
        or any(s.get("codec_name") not in container.audio_codecs for s in audio)
    ):
        raise VideoRefused(NOT_A_VIDEO)
    try:
        duration = float((probe.get("format") or {}).get("duration") or 0)
    except ValueError:
        duration = 0.0
    if duration <= 0:
        raise VideoRefused(NOT_A_VIDEO)
    return VideoInfo(
        container=container,
        duration=duration,
        width=int(video[0].get("width") or 0),
        height=int(video[0].get("height") or 0),
    )


def poster_jpeg(path: Path, duration: float) -> bytes | None:
    """One frame (a second in, or a third of a short video) as JPEG; None if ffmpeg fails."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        return None
    at = f"{min(1.0, duration / 3):.3f}"
    try:
        run = run_limited(
            [ffmpeg, "-v", "error", "-ss", at, "-i", str(path), "-frames:v", "1",
             "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "-"]
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    return run.stdout if run.returncode == 0 and run.stdout else None


_TIMING = re.compile(r"^(\d{2,}:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(\d{2,}:)?\d{2}:\d{2}\.\d{3}")


def check_webvtt(upload) -> None:
    """`VideoRefused` unless `upload` is a WebVTT file of reasonable size."""
    if upload.size > CAPTIONS_MAX_BYTES:
        raise VideoRefused("Tệp phụ đề quá lớn (tối đa 512 KB).")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VideoRefused(NOT_WEBVTT) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))) or "\0" in text:
        raise VideoRefused(NOT_WEBVTT)
    if not any(_TIMING.match(line.strip()) for line in lines[1:]):
        raise VideoRefused(NOT_WEBVTT)


_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|live/)|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})(?:[?&#].*)?$"
)


def youtube_id(url: str) -> str:
    """The video id of a YouTube address, or "" when `url` is not one."""
    match = _YOUTUBE.match(url or "")
    return match["id"] if match else ""
