import hashlib
from datetime import date, datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from news.editors import category_scope
from news.forms import ArticleAdminForm
from news.models import (
    Article,
    ArticleAttachment,
    ArticleTransition,
    Category,
    PenName,
    Tag,
    Thread,
)
from organizations.models import Cadre, Organization, OrganizationEvent, Position, Term
from portal.models import SiteSettings
from richtext.sanitize import clean_html
from tests.news.test_membership import stored, truth

pytestmark = pytest.mark.django_db

ANCHOR = date(2026, 11, 27)

MODELS = [
    Article,
    ArticleTransition,
    Category,
    Organization,
    OrganizationEvent,
    Term,
    Cadre,
    Position,
    SiteSettings,
    PenName,
    Thread,
    Tag,
    ArticleAttachment,
]


@pytest.fixture(autouse=True)
def _on_the_anchor_day():
    """The demo is dated around its anchor (scheduled articles 2 and 5 days after it):
    seed on the anchor day itself, so "scheduled" means the same whatever today is."""
    morning = datetime.combine(ANCHOR, time(9), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(morning, tick=True):
        yield


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--anchor", ANCHOR.isoformat(), *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in [*MODELS, get_user_model()]}


def fingerprint() -> str:
    """Everything a reader sees of the demo, without database ids."""
    rows = list(
        Article.objects.order_by("published_at", "title", "status").values_list(
            "title", "slug", "sapo", "body", "status", "published_at", "category__slug", "author_name",
            "source_name", "cover_image", "is_featured", "view_count",
        )
    )  # fmt: skip
    for article in Article.objects.order_by("published_at", "title", "status").prefetch_related(
        "organizations", "related_articles"
    ):
        rows.append(sorted(o.slug for o in article.organizations.all()))
        rows.append(sorted(a.title for a in article.related_articles.all()))
    rows += list(
        Organization.objects.order_by("slug").values_list(
            "name", "slug", "kind", "parent__slug", "member_count"
        )
    )
    rows += list(
        Position.objects.order_by("cadre__full_name", "title", "term__start_year").values_list(
            "cadre__full_name", "title", "term__start_year"
        )
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_running_twice_creates_nothing_new():
    """The second run finds everything in place and adds no row anywhere."""
    seed()
    first = counts()
    assert first["Article"] >= 150
    assert first["Organization"] > 60
    output = seed()
    assert counts() == first
    assert "không tạo thêm gì" in output


def test_scaled_run_is_deterministic_for_a_seed():
    """--articles 500 with the same seed builds the same portal; another seed does not."""
    seed("--articles", "500", "--seed", "7")
    assert Article.objects.published().count() == 500
    first = fingerprint()
    seed("--reset", "--yes", "--articles", "500", "--seed", "7")
    assert fingerprint() == first
    seed("--reset", "--yes", "--articles", "500", "--seed", "8")
    assert fingerprint() != first


def test_scaled_organizations_reach_the_requested_count():
    """--organizations N builds exactly N organizations, placed by the rules."""
    seed("--articles", "0", "--organizations", "300")
    assert Organization.objects.count() == 300
    for org in Organization.objects.select_related("parent"):
        org.full_clean()


def test_generated_articles_pass_the_admins_validation_and_match_a_normal_save():
    """Bulk-created articles validate like admin input, and saving them again changes nothing."""
    seed("--articles", "60")
    fields = ["slug", "body", "search_title", "search_body", "published_at"]
    for article in Article.objects.all():
        article.full_clean()
        assert clean_html(article.body) == article.body
        stored = [getattr(article, name) for name in fields]
        article.slug = ""  # let save() derive it again, as it would for a new article
        article.save()
        article.refresh_from_db()
        assert [getattr(article, name) for name in fields] == stored


def test_generated_articles_are_valid_in_the_admin_form():
    """Each generated article, submitted unchanged through the admin's form, validates."""
    seed("--articles", "40")
    for article in Article.objects.all():
        unbound = ArticleAdminForm(instance=article)
        data = {}
        for name in unbound.fields:
            value = unbound[name].value()
            if value is not None and name != "cover_image":
                data[name] = value
        form = ArticleAdminForm(data=data, instance=article)
        assert form.is_valid(), (article.title, form.errors)


def test_demo_history_has_an_upgrade_a_merge_a_dissolution_and_a_founding():
    """The organization history was written through the workflow, each change with its decision."""
    seed("--articles", "0")
    kinds = set(OrganizationEvent.objects.values_list("kind", flat=True))
    assert {
        "upgraded",
        "merged",
        "absorbed",
        "dissolved",
        "established",
        "renamed",
        "moved",
    } <= kinds
    assert not OrganizationEvent.objects.filter(decision_number="").exists()
    upgraded = Organization.objects.get(name="Đảng bộ Sở Khoa học và Công nghệ")
    assert upgraded.kind == Organization.Kind.GRASSROOTS_COMMITTEE
    assert upgraded.children.count() == 4
    assert (
        Organization.objects.get(name="Đảng bộ Sở Kế hoạch và Đầu tư").merged_into.name
        == "Đảng bộ Sở Tài chính"
    )
    assert Organization.objects.filter(status="dissolved").count() == 1
    for org in Organization.objects.select_related("parent"):
        org.full_clean()


def test_demo_has_every_editorial_state_for_the_admin():
    """Drafts, pending, rejected (with a reason) and scheduled articles wait in the admin."""
    seed("--articles", "20")
    statuses = set(Article.objects.values_list("status", flat=True))
    assert statuses == {"draft", "pending", "rejected", "published"}
    assert Article.objects.scheduled().count() == 2
    rejection = ArticleTransition.objects.get(to_status="rejected")
    assert rejection.note


def test_no_demo_accounts_without_debug(settings):
    """With DEBUG off (production), seed_demo creates no account at all."""
    settings.DEBUG = False
    seed("--articles", "5")
    assert not get_user_model().objects.exists()


def test_demo_accounts_with_debug(settings):
    """With DEBUG on, one account per role is created and printed."""
    settings.DEBUG = True
    output = seed("--articles", "5")
    users = get_user_model().objects.all()
    assert {u.username for u in users} == {
        "admin",
        "bientapvien",
        "bientaptuyengiao",
        "truongban",
        "phongvien",
        "quantritochuc",
        "vanthu",
        "tiepnhan",
    }
    assert users.get(username="admin").is_superuser
    assert list(users.get(username="phongvien").groups.values_list("name", flat=True)) == [
        "Phóng viên"
    ]
    assert "phongvien-demo-2026" in output


def test_demo_newsroom_has_threads_tags_pen_names_and_attachments(settings):
    """Running and ended threads with banners and articles, tags in use, the demo writers'
    pen names on their own articles, checked attachments; and --reset removes them all."""
    settings.DEBUG = True
    seed("--articles", "60")
    running = [thread for thread in Thread.objects.all() if thread.is_active(ANCHOR)]
    assert len(running) == 2
    assert Thread.objects.featured(ANCHOR).count() == 2
    assert Thread.objects.count() == 3
    assert all(thread.banner for thread in Thread.objects.all())
    assert all(thread.articles.exists() for thread in Thread.objects.all())
    assert Tag.objects.filter(articles__isnull=False).distinct().count() >= 5
    signed = Article.objects.filter(pen_name__isnull=False).select_related("pen_name")
    assert signed.exists()
    for article in signed:
        article.full_clean()  # the pen name is its writer's own (Article.clean)
        assert article.author_name == article.pen_name.name
    assert Article.objects.filter(pen_name__isnull=True).exclude(author_name="").exists()
    types = set(ArticleAttachment.objects.values_list("file_type", flat=True))
    assert types == {"pdf", "docx"}
    seed("--reset", "--yes", "--articles", "0")
    assert not PenName.objects.exists()
    assert not Thread.objects.exists()


def test_demo_has_an_editor_limited_to_some_categories(settings):
    """`bientaptuyengiao` edits the Ban Tuyên giáo's three categories only, and reads the
    morning digest; `bientapvien` keeps every category."""
    settings.DEBUG = True
    seed("--articles", "5")
    users = get_user_model().objects
    limited = users.get(username="bientaptuyengiao")
    slugs = set(
        Category.objects.filter(pk__in=category_scope(limited)).values_list("slug", flat=True)
    )
    assert slugs == {
        "tuyen-giao-va-dan-van",
        "hoc-tap-va-lam-theo-bac",
        "bao-ve-nen-tang-tu-tuong",
    }
    assert limited.editor_profile.notify == "daily"
    assert category_scope(users.get(username="bientapvien")) is None
    seed("--articles", "5")  # a second run adds nothing
    assert limited.editor_profile.categories.count() == 3


def test_reset_needs_confirmation():
    """--reset without --yes, run without a terminal, refuses and deletes nothing."""
    seed("--articles", "5")
    before = counts()
    with pytest.raises(CommandError, match="--yes"):
        seed("--reset")
    assert counts() == before


def test_bad_arguments_give_clear_errors():
    """A malformed anchor date or a negative count is a Vietnamese error, not a traceback."""
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", "--anchor", "27/11/2026", stdout=StringIO())
    with pytest.raises(CommandError, match="số dương"):
        call_command("seed_demo", "--articles", "-1", stdout=StringIO())


def test_the_demo_has_three_months_of_royalty_sheets_and_daily_views():
    """August locked, September approved, October being made with a correction line for
    August and two articles still to grade; daily views behind "most read"."""
    from news.models import ArticleDailyViews, RoyaltySheet
    from news.royalties import sheets

    seed()
    found = {s.month: s for s in RoyaltySheet.objects.all()}
    assert sorted(found) == [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    assert found[date(2026, 8, 1)].is_locked()
    assert found[date(2026, 9, 1)].is_approved()
    october = sheets.read_sheet(found[date(2026, 10, 1)])
    assert len(october.ungraded) == 2
    corrections = [line for line in october.lines if line.is_correction()]
    assert len(corrections) == 1
    assert corrections[0].corrects.sheet.month == date(2026, 8, 1)
    assert all(sheets.read_sheet(s).amount > 0 for s in found.values())
    assert ArticleDailyViews.objects.filter(day__month=11).exists()
    seed()
    assert RoyaltySheet.objects.count() == 3


def test_the_demo_tags_some_articles_and_fills_the_category_membership_table():
    """seed_demo's bulk path files articles under extra categories too, and the category
    pages' membership table (news/membership.py) holds exactly what the articles say."""
    seed("--articles", "300")
    tagged = Article.objects.filter(extra_categories__isnull=False).distinct().count()
    assert 0 < tagged < 60
    assert stored() == truth()
