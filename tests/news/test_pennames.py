"""Bút danh: a writer signs with their own pen names only; the list filters by them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from news import workflow
from news.models import Article, PenName
from tests.news.factories import make_draft, make_published
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

ADD = "admin:news_article_add"


@pytest.fixture
def pen_names(author, other_author):
    return {
        "mine": PenName.objects.create(name="Xuân Hiền", owner=author),
        "mine_too": PenName.objects.create(name="Hải Đăng", owner=author),
        "retired": PenName.objects.create(name="Hồng Lam", owner=author, is_active=False),
        "theirs": PenName.objects.create(name="Minh Đức", owner=other_author),
    }


def new_article_data(category, **changes):
    data = {
        "title": "Hội nghị học tập Nghị quyết",
        "slug": "",
        "sapo": "Sáng 20/11, Đảng ủy Khối tổ chức hội nghị.",
        "body": "<p>Nội dung.</p>",
        "category": category.pk,
        "author_name": "",
        "source_name": "",
        "source_url": "",
        "cover_caption": "",
        "cover_alt": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    return data | changes


def test_pen_names_are_one_however_accented(author, other_author):
    """ "Xuân Hiền" and "xuan  hien" are the same pen name: the second is refused."""
    PenName.objects.create(name="Xuân Hiền", owner=author)
    duplicate = PenName(name="xuan  hien", owner=other_author)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Bút danh này đã có" in str(error.value)


def test_writer_signs_a_new_article_with_own_pen_name(client, author, category, pen_names):
    """The byline is the chosen pen name's, whatever was typed beside it."""
    client.force_login(author)
    data = new_article_data(category, pen_name=pen_names["mine_too"].pk, author_name="gõ tay")
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.pen_name == pen_names["mine_too"]
    assert article.author_name == "Hải Đăng"


def test_writer_cannot_post_someone_elses_pen_name(client, author, category, pen_names):
    """A crafted POST with a colleague's pen name id is refused and nothing is saved."""
    client.force_login(author)
    response = client.post(
        reverse(ADD), new_article_data(category, pen_name=pen_names["theirs"].pk)
    )
    assert response.status_code == 200
    assert "pen_name" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_writer_cannot_pick_a_retired_pen_name_for_a_new_article(
    client, author, category, pen_names
):
    """A pen name its owner no longer uses is not offered, nor accepted when posted."""
    client.force_login(author)
    form = client.get(reverse(ADD)).context["adminform"].form
    assert {p.name for p in form.fields["pen_name"].queryset} == {"Xuân Hiền", "Hải Đăng"}
    response = client.post(
        reverse(ADD), new_article_data(category, pen_name=pen_names["retired"].pk)
    )
    assert "pen_name" in response.context["adminform"].form.errors


def test_editor_picks_from_the_writers_pen_names(client, editor, author, category, pen_names):
    """Editing an author's article, the editor chooses among the author's pen names, not their own."""
    PenName.objects.create(name="Biên Tập", owner=editor)
    article = make_draft(category=category, created_by=author, status=Article.Status.PENDING)
    client.force_login(editor)
    url = reverse("admin:news_article_change", args=[article.pk])
    form = client.get(url).context["adminform"].form
    assert {p.name for p in form.fields["pen_name"].queryset} == {"Xuân Hiền", "Hải Đăng"}
    refused = client.post(url, form_data(article, pen_name=PenName.objects.get(name="Biên Tập").pk))
    assert "pen_name" in refused.context["adminform"].form.errors
    accepted = client.post(url, form_data(article, pen_name=pen_names["mine"].pk))
    assert accepted.status_code == 302
    article.refresh_from_db()
    assert article.author_name == "Xuân Hiền"


def test_workflow_refuses_another_writers_pen_name(author, category, pen_names):
    """The rule is the model's: a save through the workflow (no form) refuses it too."""
    article = Article(
        title="Tin mới", category=category, body="<p>x</p>", pen_name=pen_names["theirs"]
    )
    with pytest.raises(ValidationError) as error:
        workflow.save_article(article=article, actor=author)
    assert "pen_name" in error.value.message_dict
    assert not Article.objects.exists()


def test_outside_contributor_byline_is_typed(client, author, category, pen_names):
    """Without a pen name the typed byline stays: an outside contributor's name."""
    client.force_login(author)
    client.post(reverse(ADD), new_article_data(category, author_name="Cộng tác viên Lê Na"))
    article = Article.objects.get()
    assert article.pen_name is None
    assert article.author_name == "Cộng tác viên Lê Na"


def test_retired_pen_name_stays_on_old_articles(client, editor, author, category, pen_names):
    """Retiring a pen name keeps it on the article that carries it; saving again works."""
    article = make_draft(category=category, created_by=author, pen_name=pen_names["retired"])
    client.force_login(editor)
    url = reverse("admin:news_article_change", args=[article.pk])
    response = client.post(url, form_data(article, pen_name=pen_names["retired"].pk))
    assert response.status_code == 302


def test_article_list_filters_by_pen_name_account_and_month(
    client, editor, author, other_author, category, pen_names
):
    """NukeViet #3078: the list narrows to one pen name, one account, one month."""
    with time_machine.travel(datetime(2026, 11, 30, 10, tzinfo=VIETNAM), tick=False):
        november = datetime(2026, 11, 3, 23, 30, tzinfo=VIETNAM)
        october = datetime(2026, 10, 31, 23, 30, tzinfo=VIETNAM)  # 16:30 UTC: still October
        make_published(
            category,
            "Bài tháng 11 của Xuân Hiền",
            created_by=author,
            pen_name=pen_names["mine"],
            published_at=november,
        )
        make_published(
            category,
            "Bài tháng 10 của Hải Đăng",
            created_by=author,
            pen_name=pen_names["mine_too"],
            published_at=october,
        )
        make_published(
            category,
            "Bài tháng 11 của Minh Đức",
            created_by=other_author,
            pen_name=pen_names["theirs"],
            published_at=november,
        )
        client.force_login(editor)
        changelist = reverse("admin:news_article_changelist")

        def titles(**params):
            response = client.get(changelist, params)
            assert response.status_code == 200
            return {a.title for a in response.context["cl"].result_list}

        page = client.get(changelist).content.decode()
        assert "tháng xuất bản" in page
        assert "Tháng 11/2026" in page
        assert "Tháng 10/2026" in page
        assert titles(pen_name__id__exact=pen_names["mine"].pk) == {"Bài tháng 11 của Xuân Hiền"}
        assert titles(created_by__id__exact=author.pk) == {
            "Bài tháng 11 của Xuân Hiền",
            "Bài tháng 10 của Hải Đăng",
        }
        assert titles(thang="2026-10") == {"Bài tháng 10 của Hải Đăng"}
        assert titles(thang="2026-11", created_by__id__exact=other_author.pk) == {
            "Bài tháng 11 của Minh Đức"
        }
        assert len(titles(thang="rác")) == 3


def test_author_sees_only_own_pen_names_and_cannot_add(client, author, pen_names):
    """Pen names are given by the Ban Biên tập; a writer sees their own, read-only."""
    client.force_login(author)
    response = client.get(reverse("admin:news_penname_changelist"))
    names = {p.name for p in response.context["cl"].result_list}
    assert names == {"Xuân Hiền", "Hải Đăng", "Hồng Lam"}
    assert client.get(reverse("admin:news_penname_add")).status_code == 403
    theirs = reverse("admin:news_penname_change", args=[pen_names["theirs"].pk])
    assert client.get(theirs).status_code in (302, 403, 404)
