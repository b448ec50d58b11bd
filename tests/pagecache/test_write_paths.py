"""Every write path moves the page cache: once the change commits, anonymous readers see it.

Each test fills the cache as an anonymous reader, makes the change the way staff or a
command make it, lets the transaction commit (its on-commit hooks run), and reads again.
"""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

import pagecache
from news.models import Article, Category
from organizations import register
from organizations import workflow as org_workflow
from organizations.models import Cadre, Organization
from pagecache.admin import PageCacheAdminMixin
from portal.models import SiteSettings
from tests.news.factories import make_category, make_published
from tests.organizations import factories as f
from tests.pagecache.forms import post_admin_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and its on-commit hooks, as a committed request would."""

    def run(change, /, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_model_on_cached_pages_has_an_admin_that_moves_the_cache():
    """Each model an app declares to the page cache is administered through the mixin: its
    own admin, or (a model edited only inline, like a week's entries) every admin whose
    inlines edit it, since the mixin's `save_related` saves the inlines."""
    declared = [label for source in pagecache.sources() for label in source.models]
    assert "news.Article" in declared
    assert "organizations.Cadre" in declared
    assert "portal.SiteSettings" in declared
    for label in declared:
        admins = _admins_editing(_model(label))
        assert admins, f"{label} has no admin"
        for model_admin in admins:
            assert isinstance(model_admin, PageCacheAdminMixin), (label, model_admin)


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _admins_editing(model):
    if admin.site.is_registered(model):
        return [admin.site.get_model_admin(model)]
    from django.apps import apps

    registered = [
        admin.site.get_model_admin(m) for m in apps.get_models() if admin.site.is_registered(m)
    ]
    return [
        model_admin
        for model_admin in registered
        if any(inline.model is model for inline in model_admin.inlines)
    ]


@pytest.mark.parametrize("hook", ["save_model", "save_related", "delete_model", "delete_queryset"])
def test_each_admin_hook_moves_the_generation_on_commit(hook, commit):
    """save, related save, delete and bulk delete each move the generation once committed."""

    class Base:
        def save_model(self, *args):
            pass

        save_related = delete_model = delete_queryset = save_model

    class Admin(PageCacheAdminMixin, Base):
        pass

    before = pagecache.content_state().token
    args = {"save_model": 4, "save_related": 4, "delete_model": 2, "delete_queryset": 2}[hook]
    commit(getattr(Admin(), hook), *([None] * args))
    assert pagecache.content_state().token != before


def test_renaming_a_category_in_the_admin_shows_at_once(client, admin_client, commit):
    """The menu on every cached page follows a category saved in the admin."""
    category = make_category("Tin cũ tên", show_in_menu=True)
    make_published(category, "Tin")
    assert "Tin cũ tên" in page(client, reverse("portal:home"))
    url = reverse("admin:news_category_change", args=[category.pk])
    commit(post_admin_form, admin_client, url, name="Tin mới tên")
    html = page(client, reverse("portal:home"))
    assert "Tin mới tên" in html
    assert "Tin cũ tên" not in html


def test_deleting_a_category_in_the_admin_shows_at_once(client, admin_client, commit):
    """A category deleted in the admin leaves the menu of cached pages."""
    make_published(make_category("Thời sự", show_in_menu=True), "Tin")
    doomed = make_category("Sẽ bị xóa", show_in_menu=True)
    assert "Sẽ bị xóa" in page(client, reverse("portal:home"))
    url = reverse("admin:news_category_delete", args=[doomed.pk])
    response = commit(admin_client.post, url, {"post": "yes"})
    assert response.status_code == 302
    assert not Category.objects.filter(pk=doomed.pk).exists()
    assert "Sẽ bị xóa" not in page(client, reverse("portal:home"))


def test_editing_an_article_in_the_admin_shows_at_once(client, admin_client, commit):
    """An article's title saved in the admin's change form is on the cached home page at once."""
    article = make_published(make_category("Thời sự"), "Tiêu đề trước khi sửa")
    assert "Tiêu đề trước khi sửa" in page(client, reverse("portal:home"))
    url = reverse("admin:news_article_change", args=[article.pk])
    commit(post_admin_form, admin_client, url, title="Tiêu đề sau khi sửa")
    assert "Tiêu đề sau khi sửa" in page(client, reverse("portal:home"))


def test_deleting_an_article_in_the_admin_shows_at_once(client, admin_client, commit):
    """An article deleted from its admin page is gone from cached pages and its URL 404s."""
    article = make_published(make_category("Thời sự"), "Bài sẽ bị xóa")
    url = article.get_absolute_url()
    assert "Bài sẽ bị xóa" in page(client, reverse("portal:home"))
    page(client, url)
    commit(
        admin_client.post, reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert not Article.objects.filter(pk=article.pk).exists()
    assert client.get(url).status_code == 404
    assert "Bài sẽ bị xóa" not in page(client, reverse("portal:home"))


def test_deleting_articles_in_bulk_in_the_admin_shows_at_once(client, admin_client, commit):
    """The changelist's "delete selected" action takes the articles off cached pages."""
    category = make_category("Thời sự")
    doomed = [make_published(category, f"Bài xóa hàng loạt {i}") for i in range(2)]
    assert "Bài xóa hàng loạt 1" in page(client, reverse("portal:home"))
    data = {
        "action": "delete_selected",
        "post": "yes",
        "_selected_action": [article.pk for article in doomed],
    }
    commit(admin_client.post, reverse("admin:news_article_changelist"), data)
    assert not Article.objects.filter(pk__in=[a.pk for a in doomed]).exists()
    assert "Bài xóa hàng loạt" not in page(client, reverse("portal:home"))


def test_the_footer_settings_show_at_once(client, admin_client, commit):
    """The legal footer on every cached page follows the settings saved in the admin."""
    settings_row = SiteSettings.objects.create(address="Số 1 đường Cũ")
    assert "Số 1 đường Cũ" in page(client, reverse("portal:home"))
    url = reverse("admin:portal_sitesettings_change", args=[settings_row.pk])
    commit(post_admin_form, admin_client, url, address="Số 2 đường Mới")
    html = page(client, reverse("portal:home"))
    assert "Số 2 đường Mới" in html
    assert "Số 1 đường Cũ" not in html


def test_a_cadre_saved_in_the_admin_shows_at_once(client, admin_client, commit):
    """A cadre's public page (cached) shows the name saved in the admin."""
    khoi = f.bloc()
    person = f.cadre(full_name="Trần Văn Cũ")
    f.position(khoi, person)
    url = person.get_absolute_url()
    assert "Trần Văn Cũ" in page(client, url)
    commit(
        post_admin_form,
        admin_client,
        reverse("admin:organizations_cadre_change", args=[person.pk]),
        full_name="Trần Văn Mới",
    )
    assert Cadre.objects.get(pk=person.pk).full_name == "Trần Văn Mới"
    assert "Trần Văn Mới" in page(client, url)


def test_an_organization_saved_in_the_admin_shows_at_once(client, admin_client, commit):
    """An organization's address saved in its admin form is on its cached page at once."""
    khoi = f.bloc(address="Địa chỉ cũ")
    url = khoi.get_absolute_url()
    assert "Địa chỉ cũ" in page(client, url)
    change = reverse("admin:organizations_organization_change", args=[khoi.pk])
    commit(post_admin_form, admin_client, change, address="Địa chỉ mới")
    assert "Địa chỉ mới" in page(client, url)


def test_an_organization_operation_shows_at_once(client, admin_user, commit):
    """A rename through the organization workflow is on the cached chart at once."""
    khoi = f.bloc()
    cell = f.cell(khoi, name="Chi bộ Tên Cũ")
    assert "Chi bộ Tên Cũ" in page(client, reverse("organizations:chart"))
    commit(
        org_workflow.rename,
        organization=cell,
        name="Chi bộ Tên Mới",
        change=org_workflow.Change(
            date=cell.established_on.replace(year=2024),
            decision=org_workflow.Decision(number="12-QĐ/ĐUK"),
            actor=admin_user,
        ),
    )
    html = page(client, reverse("organizations:chart"))
    assert "Chi bộ Tên Mới" in html


def test_an_organization_import_shows_at_once(client, commit):
    """The CSV register's import is a write path: the organization page follows it."""
    khoi = f.bloc(description="Mô tả trước khi nhập")
    url = khoi.get_absolute_url()
    assert "Mô tả trước khi nhập" in page(client, url)
    exported = io.StringIO()
    register.export_csv(exported)
    raw = exported.getvalue().replace("Mô tả trước khi nhập", "Mô tả sau khi nhập")
    commit(register.import_csv, raw.encode())
    assert Organization.objects.get(pk=khoi.pk).description == "Mô tả sau khi nhập"
    assert "Mô tả sau khi nhập" in page(client, url)


def test_the_demo_builder_moves_the_cache(commit):
    """seed_demo writes articles with the plain ORM, so it moves the generation itself."""
    seed = ["seed_demo", "--organizations", "1", "--anchor", "2026-11-27"]
    commit(call_command, *seed, "--articles", "0", stdout=io.StringIO())
    before = pagecache.content_state().token
    commit(call_command, *seed, "--articles", "2", stdout=io.StringIO())  # articles only
    assert Article.objects.count() > 0
    assert pagecache.content_state().token != before
