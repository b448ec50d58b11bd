"""Demo content of the standing sections: introduction pages, four weeks of the
schedule around the anchor date, related links, an upcoming downtime notice, ratings.

Idempotent like the rest of the demo: rows are found by their natural keys (slug,
Monday, URL, title), and ratings are added only when there are none.
"""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from documents.models import Document
from news.models import Article
from organizations.models import Organization, Position
from pages import workflow as page_workflow
from pages.models import CONTACT_SLUG, Department, Page
from portal.demo import images, text
from schedule import workflow as schedule_workflow
from schedule.models import Entry, Week, monday_of
from sitewide.models import Link, Notice, RatingTally, earliest_downtime_day
from sitewide.notices import notices_changed

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

PAGES = [  # (slug, title, parent slug, order, body)
    ("chuc-nang-nhiem-vu", "Chức năng, nhiệm vụ", None, 10, "duties"),
    ("lich-su-hinh-thanh-va-phat-trien", "Lịch sử hình thành và phát triển", None, 20, "history"),
    ("co-cau-to-chuc", "Cơ cấu tổ chức", None, 30, "structure"),
    ("cac-ban-tham-muu-giup-viec", "Các ban tham mưu, giúp việc", "co-cau-to-chuc", 10, "departments"),
    (CONTACT_SLUG, "Liên hệ", None, 90, "contact"),
]  # fmt: skip

DEPARTMENTS = [
    ("Văn phòng Đảng ủy Khối", "0235 3812 345", "vanphong"),
    ("Ban Tổ chức Đảng ủy Khối", "0235 3812 347", "bantochuc"),
    ("Ban Tuyên giáo và Dân vận Đảng ủy Khối", "0235 3812 348", "bantuyengiao"),
    ("Ủy ban Kiểm tra Đảng ủy Khối", "0235 3812 349", "ubkt"),
]

LINKS_WITH_LOGO = 6  # the others show how a link without a logo looks
LINKS = [
    ("Báo Điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/"),
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Tạp chí Cộng sản", "https://www.tapchicongsan.org.vn/"),
    ("Báo Nhân Dân", "https://nhandan.vn/"),
    ("Ban Tổ chức Trung ương", "https://xaydungdang.org.vn/"),
    ("Ủy ban Kiểm tra Trung ương", "https://ubkttw.vn/"),
    ("Ban Tuyên giáo và Dân vận Trung ương", "https://tuyengiao.vn/"),
    ("Cổng Thông tin điện tử Quốc hội", "https://quochoi.vn/"),
    ("Thông tấn xã Việt Nam", "https://www.vietnamplus.vn/"),
    ("Đài Truyền hình Việt Nam", "https://vtv.vn/"),
    ("Đài Tiếng nói Việt Nam", "https://vov.vn/"),
    ("Báo Quân đội nhân dân", "https://www.qdnd.vn/"),
]

# (hour or None for "cả ngày", content, participants, place, preparing department)
MEETINGS = [
    (7, "Chào cờ đầu tuần, giao ban Thường trực Đảng ủy Khối", "Thường trực Đảng ủy Khối, lãnh đạo các ban", "Phòng họp tầng 2", "Văn phòng"),
    (8, "Họp Ban Thường vụ Đảng ủy Khối cho ý kiến về công tác cán bộ", "Các đồng chí Ủy viên Ban Thường vụ", "Phòng họp số 1", "Ban Tổ chức"),
    (14, "Làm việc với Ban Thường vụ {org} về công tác xây dựng Đảng", "Lãnh đạo Ban Tổ chức, Ủy ban Kiểm tra", "Trụ sở {org}", "Ban Tổ chức"),
    (8, "Dự Hội nghị sơ kết công tác tuyên giáo, dân vận", "Lãnh đạo Ban Tuyên giáo và Dân vận", "Hội trường Đảng ủy Khối", "Ban Tuyên giáo và Dân vận"),
    (None, "Kiểm tra việc thực hiện Nghị quyết của Đảng ủy Khối tại {org}", "Đoàn kiểm tra số 2", "{org}", "Ủy ban Kiểm tra"),
    (15, "Tiếp công dân định kỳ", "Thường trực Đảng ủy Khối, đại diện Ủy ban Kiểm tra", "Phòng tiếp công dân", "Văn phòng"),
    (9, "Dự Lễ trao Huy hiệu Đảng tại {org}", "Lãnh đạo Văn phòng", "Hội trường {org}", "Văn phòng"),
    (14, "Nghe báo cáo kết quả thực hiện nhiệm vụ chính trị tháng", "Lãnh đạo các ban, Văn phòng", "Phòng họp số 1", "Văn phòng"),
]  # fmt: skip


def _body(kind: str, builder) -> str:
    owner = f"{text.COMMITTEE} {text.PROVINCE}"
    bodies = {
        "duties": (
            f"<p>{owner} là cơ quan lãnh đạo của Đảng bộ Khối giữa hai kỳ đại hội, chịu sự "
            f"lãnh đạo trực tiếp, toàn diện của {text.PROVINCIAL_COMMITTEE}.</p>"
            "<h2>Chức năng</h2><p>Lãnh đạo thực hiện nhiệm vụ chính trị, công tác xây dựng "
            "Đảng, xây dựng hệ thống chính trị trong các cơ quan, doanh nghiệp thuộc Khối.</p>"
            "<h2>Nhiệm vụ</h2><ul><li>Quán triệt, tổ chức thực hiện các chủ trương, nghị "
            "quyết của Đảng.</li><li>Lãnh đạo công tác tư tưởng, tổ chức, cán bộ, kiểm tra, "
            "giám sát.</li><li>Lãnh đạo các đoàn thể chính trị – xã hội trong Khối.</li></ul>"
        ),
        "history": (
            f"<p>Đảng bộ Khối được thành lập theo quyết định của Ban Thường vụ "
            f"{text.PROVINCIAL_COMMITTEE} trên cơ sở hợp nhất Đảng bộ Khối các cơ quan và "
            "Đảng bộ Khối doanh nghiệp tỉnh.</p><p>Qua các kỳ đại hội, Đảng bộ không ngừng "
            "lớn mạnh về số lượng tổ chức cơ sở đảng và đảng viên.</p>"
        ),
        "structure": (
            "<p>Đảng bộ Khối gồm các đảng bộ cơ sở và chi bộ cơ sở trực thuộc; giúp việc "
            "Đảng ủy Khối có Văn phòng, các ban và Ủy ban Kiểm tra.</p>"
            '<p><a href="/to-chuc/">Xem sơ đồ tổ chức cơ sở đảng trực thuộc</a> và '
            '<a href="/lanh-dao/">lãnh đạo Đảng ủy Khối</a>.</p>'
        ),
        "departments": (
            "<ul><li>Văn phòng Đảng ủy Khối</li><li>Ban Tổ chức</li><li>Ban Tuyên giáo và "
            "Dân vận</li><li>Ủy ban Kiểm tra</li></ul>"
        ),
        "contact": "<p>Mọi ý kiến, thông tin xin gửi về địa chỉ dưới đây.</p>",
    }
    return bodies[kind]


def build(builder) -> None:
    """Called once from `DemoBuilder.build`."""
    _pages(builder)
    _schedule(builder)
    _links(builder)
    _notice(builder)
    _ratings(builder)


def _pages(builder):
    by_slug = {page.slug: page for page in Page.objects.all()}
    for slug, title, parent, order, kind in PAGES:
        if slug in by_slug:
            continue
        page = Page(
            slug=slug,
            title=title,
            parent=by_slug.get(parent),
            order=order,
            body=_body(kind, builder),
        )
        by_slug[slug] = page_workflow.save_page(page=page)
        builder.report.add("trang giới thiệu", 1)
    for order, (name, phone, mailbox) in enumerate(DEPARTMENTS, start=1):
        _, created = Department.objects.get_or_create(
            name=name,
            defaults={"phone": phone, "email": f"{mailbox}@dukhoi.example.vn", "order": order},
        )
        builder.report.add("liên hệ ban, phòng", int(created))


def _schedule(builder):
    rng = random.Random(f"{builder.seed}:schedule")
    this_monday = monday_of(builder.anchor)
    leaders = list(
        Position.objects.filter(
            body=Position.Body.BTV, ended_on__isnull=True, organization__parent__isnull=True
        )
        .select_related("cadre")
        .order_by("order")[:3]
    )
    organizations = list(
        Organization.objects.active()
        .filter(parent__isnull=False, parent__parent__isnull=True)
        .order_by("pk")
        .values_list("name", flat=True)[:20]
    ) or [text.BLOC_NAME]
    for offset in (-2, -1, 0, 1, 2):
        monday = this_monday + timedelta(weeks=offset)
        if Week.objects.filter(monday=monday).exists():
            continue
        week = Week.objects.create(monday=monday)
        entries = []
        for day_number in range(5):
            day = monday + timedelta(days=day_number)
            for hour, content, participants, place, department in rng.sample(MEETINGS, 2):
                org = rng.choice(organizations)
                leader = rng.choice(leaders) if leaders else None
                entries.append(
                    Entry(
                        day=day,
                        start_time=time(hour, rng.choice((0, 30))) if hour is not None else None,
                        content=content.format(org=org),
                        presiding_cadre=leader.cadre if leader else None,
                        presiding_text="" if leader else "Thường trực Đảng ủy Khối",
                        participants=participants,
                        place=place.format(org=org),
                        preparing_department=department,
                    )
                )
        schedule_workflow.save_entries(week=week, entries=sorted(entries, key=_entry_order))
        builder.report.add("tuần lịch công tác", 1)
        if offset <= 1:  # the week after next is still a draft of the Văn phòng
            schedule_workflow.publish_week(week=week, actor=None, skip_permission_checks=True)
        if offset == 0:  # one change after publication, marked "Điều chỉnh"
            changed = entries[len(entries) // 2]
            changed.place = "Hội trường Đảng ủy Khối (thay đổi địa điểm)"
            schedule_workflow.save_entries(week=week, entries=[changed])


def _entry_order(entry):
    return (entry.day, entry.start_time or time(0))


def _links(builder):
    for order, (name, url) in enumerate(LINKS, start=1):
        link, created = Link.objects.get_or_create(url=url, defaults={"name": name, "order": order})
        if created and order <= LINKS_WITH_LOGO:
            logo = images.logo_png(builder.seed * 1000 + order)
            link.logo.save(f"lien-ket-{order}.png", ContentFile(logo))
        builder.report.add("liên kết website", int(created))


def _notice(builder):
    title = "Thông báo tạm ngừng hoạt động để nâng cấp hệ thống"
    if Notice.objects.filter(title=title).exists():
        return
    # The first Saturday the 7-working-day rule allows after the anchor, 22:00 to 02:00.
    day = earliest_downtime_day(builder.anchor)
    day += timedelta(days=(5 - day.weekday()) % 7)
    start = datetime.combine(day, time(22), tzinfo=TZ)
    Notice.objects.create(
        title=title,
        message="Trong thời gian này bạn đọc tạm thời không truy cập được trang. Mong bạn đọc thông cảm.",
        level=Notice.Level.DOWNTIME,
        starts_at=datetime.combine(builder.anchor - timedelta(days=1), time(8), tzinfo=TZ),
        ends_at=start + timedelta(hours=4),
        downtime_starts_at=start,
        downtime_ends_at=start + timedelta(hours=4),
        restored_at=start + timedelta(hours=4),
    )
    notices_changed()
    builder.report.add("thông báo", 1)


def _ratings(builder):
    if RatingTally.objects.exists():
        return
    rng = random.Random(f"{builder.seed}:ratings")
    this_month = builder.anchor.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    articles = list(
        Article.objects.published().order_by("-published_at").values_list("pk", flat=True)[:30]
    )
    pages = list(Page.objects.values_list("pk", flat=True))
    documents = list(Document.objects.public().values_list("pk", flat=True)[:20])
    rows = []
    for section, ids in (("news", articles), ("pages", pages), ("documents", documents)):
        for pk in ids:
            for month in (last_month, this_month):
                for score, weight in ((5, 6), (4, 5), (3, 2), (2, 1), (1, 1)):
                    votes = rng.randint(0, weight * 2)
                    if votes:
                        rows.append(
                            RatingTally(
                                section=section, object_id=pk, month=month, score=score, votes=votes
                            )
                        )
    RatingTally.objects.bulk_create(rows)
    builder.report.add("lượt đánh giá", sum(row.votes for row in rows))


def reset() -> None:
    """What `seed_demo --reset` removes of the sections (before the cadres they name)."""
    Entry.objects.all().delete()
    Week.objects.all().delete()
    while Page.objects.exists():  # children first: a parent is protected
        Page.objects.filter(children__isnull=True).delete()
    for model in (Department, Link, Notice, RatingTally):
        model.objects.all().delete()
    notices_changed()
