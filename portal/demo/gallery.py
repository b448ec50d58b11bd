"""Demo albums of drawn photos (Pillow, portal.demo.images) and, when ffmpeg is
installed, one short generated video (ffmpeg's test pattern and a tone).

Nothing is downloaded; the same seed gives the same pictures. docs/gallery.md, "Demo".
"""

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from gallery import videos
from portal.demo import images

ALBUMS = [
    (
        "Đại hội đại biểu Đảng bộ Khối lần thứ VIII, nhiệm kỳ 2025–2030",
        "Quang cảnh phiên khai mạc, phiên làm việc và lễ bế mạc Đại hội.",
        [
            "Quang cảnh phiên khai mạc",
            "Đoàn Chủ tịch điều hành Đại hội",
            "Đại biểu biểu quyết",
            "Đại biểu thảo luận tại hội trường",
            "Ban Chấp hành khóa mới ra mắt",
            "Tặng hoa chúc mừng",
            "Đại biểu chụp ảnh lưu niệm",
            "Lễ bế mạc Đại hội",
        ],
    ),
    (
        "Hội nghị học tập, quán triệt Nghị quyết Trung ương",
        "Hội nghị trực tuyến đến các tổ chức cơ sở đảng trực thuộc.",
        [
            "Báo cáo viên truyền đạt chuyên đề",
            "Điểm cầu Đảng ủy Khối",
            "Đảng viên ghi chép",
            "Điểm cầu cơ sở",
            "Thảo luận tổ",
            "Tổng kết hội nghị",
        ],
    ),
    (
        "Lễ kết nạp đảng viên mới năm 2025",
        "Chi bộ cơ sở tổ chức kết nạp đảng viên mới là đoàn viên ưu tú.",
        [
            "Đọc quyết định kết nạp",
            "Đảng viên mới tuyên thệ",
            "Trao quyết định kết nạp",
            "Chi bộ chúc mừng đảng viên mới",
            "Chụp ảnh lưu niệm",
        ],
    ),
    (
        "Hành trình về nguồn của Đoàn Thanh niên Khối",
        "Dâng hương tại khu di tích, thăm gia đình chính sách và trồng cây.",
        [
            "Dâng hương tưởng niệm",
            "Thăm gia đình chính sách",
            "Tặng quà gia đình chính sách",
            "Trồng cây xanh",
            "Đoàn viên trên đường về nguồn",
            "Sinh hoạt truyền thống",
            "Đoàn viên tại khu di tích",
        ],
    ),
    (
        "Hội thao truyền thống chào mừng ngày thành lập Đảng bộ Khối",
        "Các môn kéo co, bóng chuyền, cầu lông giữa các đảng bộ cơ sở.",
        [
            "Lễ khai mạc hội thao",
            "Thi kéo co",
            "Trận chung kết bóng chuyền",
            "Thi cầu lông",
            "Cổ động viên",
            "Trao giải hội thao",
        ],
    ),
]
PHOTOGRAPHERS = ["Minh Tâm", "Thu Hà", "Văn Sơn", "Ban Tuyên giáo Đảng ủy Khối"]


# What make_video can make: (ffmpeg options, file suffix). "mov" and "mpeg4" are what the
# gallery refuses (a QuickTime movie, another codec), for the tests.
VIDEO_KINDS = {
    "mp4": (["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-c:a", "aac",
             "-b:a", "64k", "-movflags", "+faststart"], "mp4"),
    "webm": (["-c:v", "libvpx", "-b:v", "300k", "-c:a", "libopus", "-b:a", "48k"], "webm"),
    "mov": (["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-c:a", "aac",
             "-f", "mov"], "mov"),
    "mpeg4": (["-c:v", "mpeg4", "-c:a", "aac", "-f", "mp4"], "mp4"),
}  # fmt: skip
VIDEO_TRANSCRIPT = (
    "Đây là đoạn video mẫu được tạo tự động bằng ffmpeg: hình kiểm tra màu và một âm thanh "
    "440 Hz. Trên trang thật, phần lời thoại ghi lại toàn văn lời nói trong video cho người "
    "không nghe được hoặc không bật được âm thanh."
)
VIDEO_CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:02.500
Video mẫu của Trang thông tin điện tử Đảng ủy Khối.

00:00:02.500 --> 00:00:05.000
Hình kiểm tra màu và âm thanh 440 Hz, tạo bằng ffmpeg.
"""


def make_video(kind: str = "mp4", *, seconds: int = 5, size: str = "640x360") -> bytes:
    """A short video of ffmpeg's test pattern and a 440 Hz tone (ffmpeg must be installed)."""
    options, suffix = VIDEO_KINDS[kind]
    with tempfile.TemporaryDirectory(prefix="demo-video-") as folder:
        out = Path(folder) / f"video.{suffix}"
        # A blocking wait under coreutils' timeout: Python's own fails under faketime.
        made = videos.run_limited(
            [shutil.which("ffmpeg") or "ffmpeg", "-v", "error", "-y",
             "-f", "lavfi", "-i", f"testsrc=size={size}:rate=25:duration={seconds}",
             "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
             *options, "-shortest", str(out)],
            seconds=120,
        )  # fmt: skip
        made.check_returncode()
        return out.read_bytes()


def build(builder) -> None:
    from gallery.models import Album, Video

    if not Album.objects.exists():
        build_albums(builder)
    if not Video.objects.exists():
        build_video(builder)


def build_video(builder) -> None:
    """One short generated video; without ffmpeg, a message and no video."""
    from gallery import videos, workflow
    from gallery.models import Video

    if not videos.tools_present():
        builder.out.write(
            "Không có ffmpeg: bỏ qua video mẫu (cài gói ffmpeg rồi chạy lại seed_demo).\n"
        )
        return
    video = Video(
        title="Video mẫu: hình kiểm tra và âm thanh thử",
        description="Đoạn video ngắn tạo tự động để xem thử trang video, phụ đề và lời thoại.",
        date=builder.anchor - timedelta(days=12),
        file=SimpleUploadedFile("video-mau.mp4", make_video("mp4", seconds=5)),
        captions=SimpleUploadedFile("video-mau.vtt", VIDEO_CAPTIONS.encode()),
        transcript=VIDEO_TRANSCRIPT,
    )
    video.full_clean()
    video.save()
    workflow.publish_video(video=video, actor=_nobody(), skip_permission_checks=True)
    builder.report.add("video", 1)


def build_albums(builder) -> None:
    from gallery import workflow
    from gallery.models import Album, Photo
    from organizations.models import Organization

    organizations = list(
        Organization.objects.active()
        .filter(kind=Organization.Kind.GRASSROOTS_COMMITTEE)
        .order_by("pk")[:6]
    )
    for index, (title, description, captions) in enumerate(ALBUMS):
        rng = builder.rng("album", index)
        album = Album.objects.create(
            title=title,
            description=description,
            date=builder.anchor - timedelta(days=20 + index * 47 + rng.randrange(0, 20)),
        )
        if organizations:
            album.organizations.set(rng.sample(organizations, min(2, len(organizations))))
        photographer = rng.choice(PHOTOGRAPHERS)
        for order, caption in enumerate(captions):
            seed = builder.seed * 10_000 + index * 100 + order
            photo = Photo(
                album=album,
                image=SimpleUploadedFile(f"anh-{index}-{order}.jpg", images.cover_jpeg(seed)),
                caption=caption,
                alt=f"{caption} (ảnh minh họa vẽ tự động)",
                photographer=photographer,
                order=order * 10,
            )
            photo.full_clean()
            photo.save()
        # The demo publishes as the editors would; it says so by name.
        workflow.publish_album(album=album, actor=_nobody(), skip_permission_checks=True)
        builder.report.add("album ảnh", 1)
        builder.report.add("ảnh", len(captions))


def _nobody():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
