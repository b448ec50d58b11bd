from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from news.models import Category
from sitewide import notices
from sitewide.models import Notice

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=HCM)


def downtime(announced: datetime, on: datetime) -> Notice:
    return Notice(
        title="Tạm ngừng hoạt động để nâng cấp hệ thống",
        level=Notice.Level.DOWNTIME,
        starts_at=announced,
        ends_at=on + timedelta(hours=6),
        downtime_starts_at=on,
        downtime_ends_at=on + timedelta(hours=4),
        restored_at=on + timedelta(hours=4),
    )


@pytest.mark.parametrize(
    ("announced", "too_early", "earliest"),
    [
        # Seven full working days between the notice's day and the downtime's day (neither
        # counts). Tết Đinh Mùi: Thu 4 to Wed 10 February 2027 off. From Monday 1 February:
        # Tue 2, Wed 3, Thu 11, Fri 12, Mon 15, Tue 16, Wed 17, so Thursday 18 at the earliest.
        (local(2027, 2, 1, 9), local(2027, 2, 17, 22), local(2027, 2, 18, 22)),
        # Quốc khánh 2/9/2026: Mon 31/8 (in lieu), Tue 1/9 and Wed 2/9 off. From Thursday
        # 27 August: Fri 28, Thu 3, Fri 4, Mon 7, Tue 8, Wed 9, Thu 10, so Friday 11.
        (local(2026, 8, 27, 9), local(2026, 9, 10, 22), local(2026, 9, 11, 22)),
    ],
)
def test_downtime_needs_seven_working_days_notice(announced, too_early, earliest):
    """Weekends and Vietnam's holidays do not count towards the 7 working days."""
    with time_machine.travel(announced, tick=False):
        with pytest.raises(ValidationError) as refused:
            downtime(announced, too_early).full_clean()
        assert "ít nhất 7 ngày làm việc" in str(refused.value)
        assert f"{earliest:%d/%m/%Y}" in str(refused.value)
        downtime(announced, earliest).full_clean()


@pytest.mark.parametrize(
    ("downtime_on", "latest_notice"),
    [
        # docs/working-days.md: downtime on Monday 7 September 2026 needs the notice up by
        # Sunday 23 August (7 full working days: 24–28 August, 3 and 4 September).
        (local(2026, 9, 7, 22), local(2026, 8, 23, 9)),
        # Monday 15 February 2027, after Tết Đinh Mùi: by Wednesday 27 January.
        (local(2027, 2, 15, 22), local(2027, 1, 27, 9)),
    ],
)
def test_the_rule_is_the_working_days_module_rule(downtime_on, latest_notice):
    """The notice leaves 7 FULL working days before the downtime's day, as
    `vntext.workdays.latest_notice_day` (the one home of the rule) says: a day later
    is refused."""
    with time_machine.travel(latest_notice, tick=False):
        downtime(latest_notice, downtime_on).full_clean()
    one_day_late = latest_notice + timedelta(days=1)
    refused = pytest.raises(ValidationError, match="ít nhất 7 ngày làm việc")
    with time_machine.travel(one_day_late, tick=False), refused:
        downtime(one_day_late, downtime_on).full_clean()


def test_a_downtime_notice_already_showing_can_still_be_corrected():
    """Three days after the banner went up, fixing its text or the restoration time
    counts from the day it went up, not from today."""
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        notice = downtime(local(2026, 12, 1, 9), local(2026, 12, 14, 22))
        notice.full_clean()
        notice.save()
    with time_machine.travel(local(2026, 12, 4, 9), tick=False):
        notice = Notice.objects.get(pk=notice.pk)
        notice.message = "Xin lỗi bạn đọc vì sự bất tiện này."
        notice.restored_at += timedelta(hours=1)
        notice.full_clean()
        # Moving its start back (a banner never shown then) does not make it older.
        notice.starts_at = local(2026, 11, 1, 9)
        notice.full_clean()
        # An information notice turned into a downtime notice counts from today.
        info = Notice.objects.create(
            title="Thông báo", starts_at=local(2026, 12, 2, 9), ends_at=local(2026, 12, 20, 9)
        )
        changed = downtime(info.starts_at, local(2026, 12, 14, 22))
        changed.pk = info.pk
        with pytest.raises(ValidationError, match="04/12/2026"):
            changed.full_clean()


def test_downtime_needs_its_window_and_restoration_time():
    """A downtime notice without its window or restoration time is refused, field by field."""
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        notice = downtime(local(2026, 12, 1, 9), local(2026, 12, 20, 22))
        notice.downtime_ends_at = notice.restored_at = None
        with pytest.raises(ValidationError) as refused:
            notice.full_clean()
    assert set(refused.value.message_dict) == {"downtime_ends_at", "restored_at"}


def test_announcing_later_than_now_counts_from_the_banners_start():
    """A banner set to start later must still come 7 working days before the downtime."""
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        notice = downtime(local(2026, 12, 10, 9), local(2026, 12, 15, 22))
        with pytest.raises(ValidationError, match="10/12/2026"):
            notice.full_clean()


@pytest.fixture
def category():
    return Category.objects.create(name="Tin tức")


def saved(notice: Notice, capture) -> Notice:
    """Saved as the admin saves it: the cached list of notices is dropped on commit."""
    with capture(execute=True):
        notice.save()
        notices.notices_changed()
    return notice


def test_banner_appears_and_disappears_at_its_times_with_the_page_cache_on(
    client, category, settings, django_capture_on_commit_callbacks
):
    """A cached page gains the banner when the notice starts and loses it when it ends."""
    settings.PAGE_CACHE_SECONDS = 300
    with time_machine.travel(local(2026, 12, 1, 9), tick=False) as clock:
        notice = downtime(local(2026, 12, 2, 8), local(2026, 12, 20, 22))
        notice.ends_at = local(2026, 12, 2, 8, 10)
        notice.full_clean()
        saved(notice, django_capture_on_commit_callbacks)
        assert [n.title for n in notices.upcoming()] == [notice.title]
        home = reverse("portal:home")
        before = client.get(home)
        assert "Tạm ngừng hoạt động" not in before.content.decode()
        # Cached, and for no longer than until the notice starts.
        assert "s-maxage=300" in before["Cache-Control"]
        clock.move_to(local(2026, 12, 2, 7, 58))
        near = client.get(home)
        assert "Tạm ngừng hoạt động" not in near.content.decode()
        assert "s-maxage=120" in near["Cache-Control"]
        clock.move_to(local(2026, 12, 2, 8, 0))
        during = client.get(home).content.decode()
        assert "Tạm ngừng hoạt động để nâng cấp hệ thống" in during
        assert "dự kiến hoạt động trở lại lúc 02:00 ngày 21/12/2026" in during
        assert (
            client.get(reverse("schedule:current"))
            .content.decode()
            .count("notice-banner--downtime")
            == 1
        )  # on every public page
        clock.move_to(local(2026, 12, 2, 8, 10))
        assert "Tạm ngừng hoạt động" not in client.get(home).content.decode()


def test_saving_a_notice_refreshes_the_cached_list(
    client, category, django_capture_on_commit_callbacks
):
    """The banner's list lives in the cache; a saved notice drops it once committed."""
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        assert notices.active() == []
        assert cache.get(notices.KEY) == []
        with django_capture_on_commit_callbacks(execute=True):
            Notice.objects.create(
                title="Chào mừng Đại hội",
                starts_at=local(2026, 12, 1, 8),
                ends_at=local(2026, 12, 9),
            )
            notices.notices_changed()
        assert [n.title for n in notices.active()] == ["Chào mừng Đại hội"]


def test_a_cached_page_with_notices_costs_no_extra_query(
    client, category, django_assert_num_queries
):
    """Served from the page cache, a page reads the notices from the cache, not the database."""
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        Notice.objects.create(
            title="Chào mừng Đại hội", starts_at=local(2026, 12, 1, 8), ends_at=local(2026, 12, 9)
        )
        client.get(reverse("portal:home"))
        with django_assert_num_queries(0):  # a hit runs no SQL
            client.get(reverse("portal:home"))


def test_the_page_cache_next_change_comes_from_the_cached_list(django_assert_num_queries):
    """The next start or end is read from the banner's list: no query while it is cached,
    so a page miss reads the notices at most once for both."""
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        Notice.objects.create(
            title="Chào mừng Đại hội", starts_at=local(2026, 12, 2, 8), ends_at=local(2026, 12, 9)
        )
        notices.remember(notices._load())
        with django_assert_num_queries(0):
            assert notices.next_change() == local(2026, 12, 2, 8)
        with django_assert_num_queries(0):
            assert notices.next_change(now=local(2026, 12, 3)) == local(2026, 12, 9)
            assert notices.next_change(now=local(2026, 12, 10)) is None


def test_the_admin_drops_the_list_before_it_moves_the_generation(
    admin_user, rf, django_capture_on_commit_callbacks
):
    """On-commit hooks run in order: the list goes first, so no reader can store the old
    list's next change under the new generation."""
    from django.contrib import admin

    import pagecache

    model_admin = admin.site.get_model_admin(Notice)
    request = rf.post("/")
    request.user = admin_user
    notice = Notice(
        title="Chào mừng Đại hội", starts_at=local(2026, 12, 2), ends_at=local(2026, 12, 9)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        model_admin.save_model(request, notice, form=None, change=False)
    assert [c.__qualname__ for c in callbacks] == [
        "notices_changed.<locals>.drop",
        pagecache.move_generation.__qualname__,
    ]
