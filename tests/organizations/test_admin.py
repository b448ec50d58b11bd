import importlib
import io
import json
import os
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organizations import workflow
from organizations.models import Cadre, Organization, OrganizationEvent
from tests.organizations import factories as f

pytestmark = pytest.mark.django_db

K = Organization.Kind
E = OrganizationEvent.Kind
CHANGELIST = "admin:organizations_organization_changelist"
DECISION = {
    "date": "2025-03-01",
    "decision_number": "3120-QĐ/ĐUK",
    "decision_date": "2025-02-27",
    "decision_issuer": "Ban Thường vụ Đảng ủy Khối",
    "note": "",
}


@pytest.fixture
def keeper(client):
    """A staff member of the "Quản trị tổ chức" group, logged in."""
    user = User.objects.create_user("tochuc", password="mat-khau-dai-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Quản trị tổ chức"))
    client.force_login(user)
    return user


@pytest.fixture
def tree():
    root = f.bloc(name="Đảng bộ Khối")
    health = f.committee(root, name="Đảng bộ Sở Y tế", member_count=4)
    education = f.committee(root, name="Đảng bộ Sở Giáo dục")
    return {
        "root": root,
        "health": health,
        "education": education,
        "office": f.subcell(health, name="Chi bộ Văn phòng", member_count=9),
        "cell": f.cell(root, name="Chi bộ Sở Tư pháp", member_count=20),
        "other_cell": f.cell(root, name="Chi bộ Sở Xây dựng", member_count=10),
    }


def url(name, org=None):
    args = [org.pk] if org is not None else []
    return reverse(f"admin:organizations_organization_{name}", args=args)


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_group_has_the_organization_permissions_but_not_deletion():
    """The data migrations give "Quản trị tổ chức" every organizations permission but deleting:
    not organizations, events, cadres, terms or positions (the public record stays whole)."""
    codenames = set(
        Group.objects.get(name="Quản trị tổ chức").permissions.values_list("codename", flat=True)
    )
    assert {
        "add_organization",
        "change_organization",
        "view_organizationevent",
        "change_organizationevent",
        "add_cadre",
        "change_cadre",
        "add_position",
        "change_position",
        "add_term",
    } <= codenames
    assert not {codename for codename in codenames if codename.startswith("delete_")}
    assert codenames <= set(
        Permission.objects.filter(content_type__app_label="organizations").values_list(
            "codename", flat=True
        )
    )


def test_tree_changelist_is_indented_and_vietnamese(client, keeper, tree):
    """The changelist shows the whole tree, indented, with Vietnamese column names and our
    script (not django-tree-queries' English one)."""
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Chi bộ Văn phòng" in page
    assert 'class="box-drawing"><i class="l"></i><i class="a"></i>' in page  # depth 2
    assert "Tên tổ chức" in page
    assert 'aria-label="Chuyển «Chi bộ Văn phòng»"' in page
    assert "organizations/admin/tree.js" in page
    assert "tree_queries/tree_admin.js" not in page
    assert 'id="org-tree-context"' in page
    for english in [">title<", ">move<", "Move '", "Choose new location", "Show counts"]:
        assert english not in page


def test_changelist_filters_and_search(client, keeper, tree):
    """Filters by kind and status, and search by name, narrow the list."""
    page = client.get(reverse(CHANGELIST), {"kind": "grassroots_cell"}).content.decode()
    assert "Chi bộ Sở Tư pháp" in page
    assert "Đảng bộ Sở Y tế" not in page
    page = client.get(reverse(CHANGELIST), {"q": "Tư pháp"}).content.decode()
    assert "Chi bộ Sở Tư pháp" in page
    assert "Chi bộ Sở Xây dựng" not in page
    assert client.get(reverse(CHANGELIST), {"status": "dissolved"}).status_code == 200


def test_change_page_shows_operations_and_the_timeline(client, keeper, tree):
    """The change page offers the history operations and lists the events."""
    client.post(url("rename", tree["cell"]), {**DECISION, "name": "Chi bộ Sở Tư pháp tỉnh"})
    page = client.get(url("change", tree["cell"])).content.decode()
    for label in [
        "Đổi tên",
        "Nâng cấp",
        "Chuyển trực thuộc",
        "Hợp nhất vào tổ chức khác",
        "Giải thể",
    ]:
        assert f">{label}</a>" in page
    assert "Lịch sử tổ chức" in page
    assert "Đổi tên từ «Chi bộ Sở Tư pháp» thành «Chi bộ Sở Tư pháp tỉnh»" in page
    assert "Quyết định số 3120-QĐ/ĐUK ngày 27/02/2025" in page


def test_change_form_cannot_change_parent_kind_or_name(client, keeper, tree):
    """parent, kind, name and status are read-only: a crafted POST changes only the rest."""
    cell = tree["cell"]
    response = client.post(
        url("change", cell),
        {
            "name": "Tên lén đổi",
            "kind": K.GRASSROOTS_COMMITTEE,
            "parent": tree["health"].pk,
            "status": "dissolved",
            "host_unit": "Sở Tư pháp tỉnh",
            "member_count": 22,
            "order": 3,
            "terms-TOTAL_FORMS": 0,
            "terms-INITIAL_FORMS": 0,
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cell.refresh_from_db()
    assert (cell.name, cell.kind, cell.parent, cell.status) == (
        "Chi bộ Sở Tư pháp",
        K.GRASSROOTS_CELL,
        tree["root"],
        "active",
    )
    assert (cell.host_unit, cell.member_count) == ("Sở Tư pháp tỉnh", 22)
    assert not OrganizationEvent.objects.exists()


def test_add_is_the_establish_operation(client, keeper, tree):
    """Adding an organization founds it with its decision and writes the event."""
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            **DECISION,
            "name": "Chi bộ Ban Quản lý dự án",
            "kind": K.GRASSROOTS_CELL,
            "parent": tree["root"].pk,
            "member_count": 17,
        },
    )
    created = Organization.objects.get(name="Chi bộ Ban Quản lý dự án")
    assert response["Location"] == url("change", created)
    assert created.established_on == date(2025, 3, 1)
    assert created.events.get().decision_number == "3120-QĐ/ĐUK"
    assert created.events.get().created_by == keeper


def test_add_refuses_an_illegal_placement_in_vietnamese(client, keeper, tree):
    """A chi bộ trực thuộc under the Khối is refused on the form; nothing is created."""
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            **DECISION,
            "name": "Sai chỗ",
            "kind": K.SUBORDINATE_CELL,
            "parent": tree["root"].pk,
            "member_count": 0,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa có gì thay đổi." in page
    assert "Chi bộ trực thuộc không thể trực thuộc Đảng bộ Khối" in page
    assert not Organization.objects.filter(name="Sai chỗ").exists()


def test_move_through_the_form_writes_the_event(client, keeper, tree):
    """The move form (date and decision) moves the organization through the workflow."""
    office = tree["office"]
    form = client.get(url("move", office) + f"?parent={tree['education'].pk}").content.decode()
    assert f'<option value="{tree["education"].pk}" selected>' in form
    response = client.post(url("move", office), {**DECISION, "parent": tree["education"].pk})
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.parent == tree["education"]
    event = office.events.get()
    assert (event.kind, event.decision_number, event.created_by) == (E.MOVED, "3120-QĐ/ĐUK", keeper)
    assert (event.date, event.decision_date, event.decision_issuer) == (
        date(2025, 3, 1),
        date(2025, 2, 27),
        "Ban Thường vụ Đảng ủy Khối",
    )


def test_move_form_offers_only_legal_parents(client, keeper, tree):
    """A chi bộ trực thuộc may go under a Đảng bộ cơ sở, never under a chi bộ or the Khối."""
    page = client.get(url("move", tree["office"])).content.decode()
    assert f'value="{tree["education"].pk}"' in page
    assert f'value="{tree["cell"].pk}"' not in page
    assert f'value="{tree["root"].pk}"' not in page


def test_illegal_move_by_crafted_post_is_refused_and_changes_nothing(client, keeper, tree):
    """Even a POST naming an illegal parent changes nothing and explains in Vietnamese."""
    office = tree["office"]
    response = client.post(url("move", office), {**DECISION, "parent": tree["cell"].pk})
    assert response.status_code == 200
    assert "Chưa có gì thay đổi." in response.content.decode()
    office.refresh_from_db()
    assert office.parent == tree["health"]


def test_tree_move_endpoint_goes_through_the_workflow(client, keeper, tree):
    """django-tree-queries' move-node endpoint moves through workflow.move and its event."""
    office = tree["office"]
    response = client.post(
        reverse(CHANGELIST) + "move-node/",
        {"move": office.pk, "relative_to": tree["education"].pk, "position": "child"},
    )
    assert response.content == b"ok"
    office.refresh_from_db()
    assert office.parent == tree["education"]
    event = office.events.get()
    assert event.kind == E.MOVED
    assert event.after["parent_name"] == "Đảng bộ Sở Giáo dục"
    assert "Đã chuyển «Chi bộ Văn phòng» về trực thuộc «Đảng bộ Sở Giáo dục»." in message_texts(
        response
    )


@pytest.mark.parametrize(
    ("moving", "data"),
    [
        ("office", {"relative_to": "cell", "position": "child"}),  # under a chi bộ cơ sở
        ("office", {"relative_to": "root", "position": "child"}),  # under the Khối
        ("health", {"relative_to": "office", "position": "child"}),  # under its own child
        ("cell", {"position": "root"}),  # to the top
    ],
)
def test_tree_move_endpoint_refuses_illegal_moves(client, keeper, tree, moving, data):
    """Illegal drags answer "error" with a Vietnamese message, and nothing moves."""
    org = tree[moving]
    before = org.parent_id
    post = {"move": org.pk, **data}
    if "relative_to" in post:
        post["relative_to"] = tree[post["relative_to"]].pk
    response = client.post(reverse(CHANGELIST) + "move-node/", post)
    assert response.content == b"error"
    messages = " ".join(message_texts(response))
    assert "Không thể chuyển" in messages or "Chỉ Đảng bộ Khối" in messages
    org.refresh_from_db()
    assert org.parent_id == before
    assert not OrganizationEvent.objects.exists()


def test_rename_form(client, keeper, tree):
    """Renaming through the form records the decision; the same name is refused."""
    cell = tree["cell"]
    same = client.post(url("rename", cell), {**DECISION, "name": "Chi bộ Sở Tư pháp"})
    assert "Tên mới trùng với tên hiện tại." in same.content.decode()
    client.post(url("rename", cell), {**DECISION, "name": "Chi bộ Sở Tư pháp tỉnh"})
    cell.refresh_from_db()
    assert cell.name == "Chi bộ Sở Tư pháp tỉnh"


def test_upgrade_form_founds_cells(client, keeper, tree):
    """The upgrade form takes the new chi bộ trực thuộc in a formset."""
    cell = tree["cell"]
    page = client.get(url("upgrade", cell)).content.decode()
    assert 'value="Đảng bộ Sở Tư pháp"' in page  # the usual new name, suggested
    response = client.post(
        url("upgrade", cell),
        {
            **DECISION,
            "name": "Đảng bộ Sở Tư pháp",
            "short_name": "",
            "chi-bo-TOTAL_FORMS": 4,
            "chi-bo-INITIAL_FORMS": 0,
            "chi-bo-0-name": "Chi bộ Văn phòng Sở",
            "chi-bo-0-member_count": 8,
            "chi-bo-1-name": "Chi bộ Thanh tra",
            "chi-bo-1-member_count": 5,
            "chi-bo-2-name": "",
            "chi-bo-2-member_count": 0,
            "chi-bo-3-name": "",
            "chi-bo-3-member_count": 0,
        },
    )
    assert response.status_code == 302
    cell.refresh_from_db()
    assert cell.kind == K.GRASSROOTS_COMMITTEE
    assert cell.member_count == 7
    assert sorted(cell.children.values_list("name", flat=True)) == [
        "Chi bộ Thanh tra",
        "Chi bộ Văn phòng Sở",
    ]


def test_upgrade_is_not_offered_for_a_committee(client, keeper, tree):
    """A đảng bộ cơ sở has no upgrade: the URL sends back with an error."""
    response = client.get(url("upgrade", tree["health"]))
    assert response.status_code == 302
    assert "Không thể nâng cấp «Đảng bộ Sở Y tế»." in message_texts(response)


def test_merge_selected_action_leads_to_the_merge_form(client, keeper, tree):
    """Choosing organizations and "Hợp nhất" opens the form with them selected; submitting merges."""
    cell, other = tree["cell"], tree["other_cell"]
    response = client.post(
        reverse(CHANGELIST),
        {"action": "merge_selected", "_selected_action": [cell.pk, other.pk]},
    )
    assert response.status_code == 302
    form = client.get(response["Location"]).content.decode()
    assert f'<option value="{cell.pk}" selected>' in form
    response = client.post(
        response["Location"],
        {
            **DECISION,
            "sources": [cell.pk, other.pk],
            "mode": "new",
            "new_name": "Đảng bộ Khối Nội chính",
            "new_kind": K.GRASSROOTS_COMMITTEE,
            "new_parent": tree["root"].pk,
        },
    )
    new = Organization.objects.get(name="Đảng bộ Khối Nội chính")
    assert response["Location"] == url("change", new)
    assert new.member_count == 30
    cell.refresh_from_db()
    assert cell.merged_into == new


def test_merge_form_requires_a_target(client, keeper, tree):
    """Merging into "an existing organization" without choosing one is refused."""
    response = client.post(
        url("merge", tree["cell"]), {**DECISION, "sources": [tree["cell"].pk], "mode": "existing"}
    )
    assert "Chọn tổ chức tiếp nhận." in response.content.decode()
    tree["cell"].refresh_from_db()
    assert tree["cell"].is_active()


def test_dissolve_needs_confirmation_and_refuses_active_children(client, keeper, tree):
    """Dissolving asks for confirmation; with active children it is refused unless cascaded."""
    health = tree["health"]
    unconfirmed = client.post(url("dissolve", health), DECISION).content.decode()
    assert "Hãy đánh dấu ô này để xác nhận giải thể." in unconfirmed
    refused = client.post(url("dissolve", health), {**DECISION, "confirm": "on"}).content.decode()
    assert "còn 1 tổ chức trực thuộc đang hoạt động" in refused
    health.refresh_from_db()
    assert health.is_active()
    response = client.post(url("dissolve", health), {**DECISION, "confirm": "on", "cascade": "on"})
    assert response.status_code == 302
    health.refresh_from_db()
    tree["office"].refresh_from_db()
    assert health.status == tree["office"].status == "dissolved"


def test_operations_are_closed_to_ended_organizations(client, keeper, tree):
    """A dissolved organization offers no operations and its URLs refuse."""
    cell = tree["cell"]
    client.post(url("dissolve", cell), {**DECISION, "confirm": "on"})
    page = client.get(url("change", cell)).content.decode()
    assert "Thay đổi theo quyết định" not in page
    assert "Đã giải thể từ 01/03/2025." in page
    response = client.get(url("rename", cell))
    assert response.status_code == 302


def test_operation_on_a_missing_organization_goes_back_to_the_list(client, keeper, tree):
    """An operation URL with an id that names no organization says so, not a 500 or a blank."""
    response = client.get(
        reverse("admin:organizations_organization_rename", args=[987654]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:organizations_organization_changelist")
    assert "Không có tổ chức với mã «987654»" in response.content.decode()


def test_operations_need_the_change_permission(client, tree):
    """A staff member outside the group gets 403 on every operation and on the move endpoint."""
    outsider = User.objects.create_user("phongvien", password="x-mat-khau-dai", is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="view_organization"))
    client.force_login(outsider)
    for name in ["rename", "upgrade", "move", "merge", "dissolve"]:
        assert client.get(url(name, tree["cell"])).status_code == 403
    assert client.get(reverse("admin:organizations_organization_add")).status_code == 403
    response = client.post(
        reverse(CHANGELIST) + "move-node/",
        {"move": tree["office"].pk, "relative_to": tree["education"].pk, "position": "child"},
    )
    assert response.status_code == 403
    tree["office"].refresh_from_db()
    assert tree["office"].parent == tree["health"]


def test_nobody_in_the_group_can_delete_organizations(client, keeper, tree):
    """Organizations are never deleted by the group: the delete view is forbidden."""
    response = client.get(url("delete", tree["cell"]))
    assert response.status_code == 403


def test_events_are_read_only_in_the_admin(client, keeper, tree):
    """Events cannot be added or deleted by hand; only the decision details can be corrected."""
    client.post(url("rename", tree["cell"]), {**DECISION, "name": "Chi bộ mới"})
    event = OrganizationEvent.objects.get()
    assert client.get(reverse("admin:organizations_organizationevent_add")).status_code == 403
    assert (
        client.get(
            reverse("admin:organizations_organizationevent_delete", args=[event.pk])
        ).status_code
        == 403
    )
    client.post(
        reverse("admin:organizations_organizationevent_change", args=[event.pk]),
        {
            "decision_number": "3120-QĐ/ĐUK (sửa)",
            "decision_issuer": "",
            "note": "",
            "decision_date": "",
        },
    )
    event.refresh_from_db()
    assert event.decision_number == "3120-QĐ/ĐUK (sửa)"
    assert event.kind == E.RENAMED


def test_organizations_and_cadres_autocomplete(client, keeper, tree):
    """Organization and cadre pickers search by name (for positions, and for news too)."""
    f.cadre(full_name="Hoàng Thị Thu Hà")
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "organizations",
            "model_name": "position",
            "field_name": "organization",
            "term": "Y tế",
        },
    ).json()
    assert [item["text"] for item in found["results"]] == ["Đảng bộ Sở Y tế"]
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "organizations",
            "model_name": "position",
            "field_name": "cadre",
            "term": "Thu Hà",
        },
    ).json()
    assert [item["text"] for item in found["results"]] == ["Hoàng Thị Thu Hà"]


def test_cadre_photo_must_be_an_image(client, keeper):
    """A file that is not an image is refused with a message; no cadre is saved."""
    response = client.post(
        reverse("admin:organizations_cadre_add"),
        {
            "full_name": "Lê Văn Ảnh",
            "photo": SimpleUploadedFile("anh.jpg", b"not an image", content_type="image/jpeg"),
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "photo" in response.context["adminform"].form.errors
    assert not Cadre.objects.filter(full_name="Lê Văn Ảnh").exists()


def test_cadre_photo_has_the_portrait_size_cap(client, keeper):
    """A real picture over 5 MB is refused as a portrait (an article's cover may have 10)."""
    noise = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG", compress_level=0)
    assert 5 * 1024 * 1024 < buffer.tell() < 10 * 1024 * 1024
    response = client.post(
        reverse("admin:organizations_cadre_add"),
        {
            "full_name": "Lê Văn Lớn",
            "photo": SimpleUploadedFile("lon.png", buffer.getvalue()),
            "positions-TOTAL_FORMS": 0,
            "positions-INITIAL_FORMS": 0,
        },
    )
    assert "tối đa 5 MB" in response.content.decode()
    assert not Cadre.objects.filter(full_name="Lê Văn Lớn").exists()


def test_cadre_photo_format_is_checked(client, keeper):
    """A GIF is an image but not a portrait format: refused; a PNG is kept."""

    def upload(fmt, name):
        buffer = io.BytesIO()
        Image.new("RGB", (30, 40), (10, 10, 10)).save(buffer, format=fmt)
        return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")

    form = {"positions-TOTAL_FORMS": 0, "positions-INITIAL_FORMS": 0}
    response = client.post(
        reverse("admin:organizations_cadre_add"),
        {**form, "full_name": "Ảnh GIF", "photo": upload("GIF", "a.gif")},
    )
    assert "Chỉ nhận ảnh JPEG, PNG hoặc WebP." in response.content.decode()
    client.post(
        reverse("admin:organizations_cadre_add"),
        {**form, "full_name": "Ảnh PNG", "photo": upload("PNG", "a.png")},
    )
    assert Cadre.objects.get(full_name="Ảnh PNG").photo.name.startswith("cadres/")


def test_admin_pages_render(client, keeper, tree):
    """Smoke: every organizations admin page opens for the group."""
    pages = [
        reverse(CHANGELIST),
        reverse("admin:organizations_organization_add"),
        url("change", tree["health"]),
        url("rename", tree["health"]),
        url("move", tree["health"]),
        url("merge", tree["health"]),
        url("dissolve", tree["health"]),
        url("upgrade", tree["cell"]),
        reverse("admin:organizations_organization_merge_selected"),
        reverse("admin:organizations_organizationevent_changelist"),
        reverse("admin:organizations_cadre_changelist"),
        reverse("admin:organizations_cadre_add"),
        reverse("admin:organizations_position_changelist"),
        reverse("admin:organizations_position_add"),
        reverse("admin:organizations_term_changelist"),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_migration_0004_takes_deletion_away_from_an_existing_group():
    """On a database migrated before 0004, the group held delete_cadre, delete_term and
    delete_position: 0004 removes them, and its reverse gives them back."""
    migration = importlib.import_module(
        "organizations.migrations.0004_withhold_deletion_of_cadres_terms_positions"
    )
    group = Group.objects.get(name="Quản trị tổ chức")
    withheld = Permission.objects.filter(
        content_type__app_label="organizations", codename__in=migration.WITHHELD
    )
    migration.give_back(django_apps, None)
    assert set(group.permissions.filter(codename__startswith="delete_")) == set(withheld)
    migration.withhold(django_apps, None)
    assert not group.permissions.filter(codename__startswith="delete_").exists()


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("quantri", password="mat-khau-dai-123")
    client.force_login(user)
    return user


@pytest.fixture
def records(tree):
    """A cadre holding a position in a term, and an event."""
    person = f.cadre(full_name="Trần Văn Lưu Trữ")
    term = f.term(tree["health"])
    post = f.position(tree["health"], person, term=term, started_on=date(2020, 10, 1))
    event = OrganizationEvent.objects.create(
        organization=tree["health"], kind=E.RENAMED, date=date(2021, 1, 1)
    )
    return {
        "organization": tree["health"],
        "organizationevent": event,
        "cadre": person,
        "term": term,
        "position": post,
    }


@pytest.mark.parametrize(
    "model", ["organization", "organizationevent", "cadre", "term", "position"]
)
def test_the_group_deletes_nothing(client, keeper, records, model):
    """A keeper of the tree gets 403 on every delete page and no delete action."""
    obj = records[model]
    delete = reverse(f"admin:organizations_{model}_delete", args=[obj.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()
    changelist = client.get(reverse(f"admin:organizations_{model}_changelist")).content.decode()
    assert 'value="delete_selected"' not in changelist


@pytest.mark.parametrize("model", ["cadre", "term", "position"])
def test_a_superuser_may_delete_a_row_entered_by_mistake(client, superuser, records, model):
    """Deleting stays possible for superusers (a row entered by mistake)."""
    obj = records[model]
    response = client.post(
        reverse(f"admin:organizations_{model}_delete", args=[obj.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def test_a_position_is_ended_in_the_inline_not_deleted(client, keeper, records):
    """The organization's position inline offers no delete box but an end date, explained;
    a crafted DELETE is ignored and the end date is saved."""
    org, post = records["organization"], records["position"]
    page = client.get(url("change", org)).content.decode()
    assert "positions-0-DELETE" not in page
    assert 'name="positions-0-ended_on"' in page
    assert "nhập ngày kết thúc thay vì xóa" in page
    response = client.post(
        url("change", org),
        {
            "host_unit": "",
            "member_count": 4,
            "order": 0,
            "terms-TOTAL_FORMS": 1,
            "terms-INITIAL_FORMS": 1,
            "terms-0-id": records["term"].pk,
            "terms-0-organization": org.pk,
            "terms-0-start_year": 2020,
            "terms-0-end_year": 2025,
            "positions-TOTAL_FORMS": 1,
            "positions-INITIAL_FORMS": 1,
            "positions-0-id": post.pk,
            "positions-0-organization": org.pk,
            "positions-0-cadre": post.cadre_id,
            "positions-0-body": post.body,
            "positions-0-title": post.title,
            "positions-0-term": records["term"].pk,
            "positions-0-started_on": "2020-10-01",
            "positions-0-ended_on": "2025-10-15",
            "positions-0-method": post.method,
            "positions-0-order": post.order,
            "positions-0-DELETE": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    post.refresh_from_db()
    assert post.ended_on == date(2025, 10, 15)


def test_event_decision_date_cannot_be_in_the_future(client, keeper, records):
    """Correcting an event's decision is checked as the operations check it: 9999-12-31 is
    refused with the workflow's message, and nothing is saved."""
    event = records["organizationevent"]
    response = client.post(
        reverse("admin:organizations_organizationevent_change", args=[event.pk]),
        {
            "decision_number": "12-QĐ/ĐUK",
            "decision_date": "9999-12-31",
            "decision_issuer": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "Ngày quyết định không thể sau hôm nay." in response.content.decode()
    event.refresh_from_db()
    assert (event.decision_number, event.decision_date) == ("", None)


def test_event_form_edits_only_the_decision_and_note(client, keeper, records):
    """Date, kind, organization and values of an event are shown, not editable."""
    event = records["organizationevent"]
    page = client.get(
        reverse("admin:organizations_organizationevent_change", args=[event.pk])
    ).content.decode()
    for name in ["decision_number", "decision_date", "decision_issuer", "note"]:
        assert f'name="{name}"' in page
    for name in ["date", "kind", "organization", "before", "after", "related"]:
        assert f'name="{name}"' not in page


def test_dissolve_is_not_offered_for_the_bloc(client, keeper, tree):
    """The Đảng bộ Khối's page has no "Giải thể", and its URL sends back with an error."""
    page = client.get(url("change", tree["root"])).content.decode()
    assert "org-operation--dissolve" not in page
    assert "org-operation--rename" in page
    response = client.post(
        url("dissolve", tree["root"]), {**DECISION, "confirm": "on", "cascade": "on"}
    )
    assert response.status_code == 302
    assert "Không thể giải thể «Đảng bộ Khối»." in message_texts(response)
    assert not Organization.objects.ended().exists()


ESTABLISH = {
    **DECISION,
    "name": "Chi bộ Công ty Điện lực",
    "kind": K.GRASSROOTS_CELL,
    "member_count": 12,
}


def test_establish_opens_as_a_popup(client, keeper, tree):
    """Opened by a field's "+", the establish form carries the popup markers and no
    breadcrumbs or cancel link."""
    add = reverse("admin:organizations_organization_add")
    page = client.get(add, {"_to_field": "id", "_popup": 1}).content.decode()
    assert '<input type="hidden" name="_popup" value="1">' in page
    assert '<input type="hidden" name="_to_field" value="id">' in page
    assert 'class="breadcrumbs"' not in page
    assert "closelink" not in page


@pytest.mark.parametrize("where", ["query", "form"])
def test_establish_in_a_popup_answers_the_opener(client, keeper, tree, where):
    """Submitted in a popup (the markers in the URL, or in the form), the new organization
    goes back to the field that opened it instead of redirecting inside the popup."""
    add = reverse("admin:organizations_organization_add")
    data = {**ESTABLISH, "parent": tree["root"].pk}
    if where == "query":
        response = client.post(f"{add}?_to_field=id&_popup=1", data)
    else:
        response = client.post(add, {**data, "_to_field": "id", "_popup": "1"})
    created = Organization.objects.get(name="Chi bộ Công ty Điện lực")
    assert response.status_code == 200
    assert "admin/popup_response.html" in [t.name for t in response.templates]
    assert json.loads(response.context["popup_response_data"]) == {
        "value": str(created.pk),
        "obj": "Chi bộ Công ty Điện lực",
    }
    assert created.events.get().kind == E.ESTABLISHED


def test_establish_popup_refuses_a_field_it_may_not_reference(client, keeper, tree):
    """_to_field may only name a field other models point at: never a way to read others."""
    add = reverse("admin:organizations_organization_add")
    response = client.post(
        f"{add}?_to_field=email&_popup=1", {**ESTABLISH, "parent": tree["root"].pk}
    )
    assert response.status_code == 400
    assert not Organization.objects.filter(name="Chi bộ Công ty Điện lực").exists()


def test_not_even_a_superuser_deletes_an_event(client, tree):
    """An event records a numbered decision: no account may delete it from the history."""
    client.force_login(User.objects.create_superuser("sieuquantri", password="mat-khau-dai-123"))
    workflow.rename(
        organization=tree["cell"],
        name="Chi bộ đổi tên",
        change=workflow.Change(date=date(2024, 1, 2)),
        skip_permission_checks=True,
    )
    event = OrganizationEvent.objects.get()
    url_ = reverse("admin:organizations_organizationevent_delete", args=[event.pk])
    assert client.get(url_).status_code == 403
    assert client.post(url_, {"post": "yes"}).status_code == 403
    assert OrganizationEvent.objects.filter(pk=event.pk).exists()


def test_cadre_portrait_is_stored_without_camera_or_position_data(settings, tmp_path):
    """A portrait's EXIF (camera, GPS) never reaches the public media folder."""
    from io import BytesIO

    settings.MEDIA_ROOT = tmp_path
    image = Image.new("RGB", (60, 80), (200, 180, 160))
    exif = Image.Exif()
    exif[0x010F] = "SECRET-CAMERA"
    exif.get_ifd(0x8825).update({1: "N", 2: (16.0, 45.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    cadre = Cadre(full_name="Nguyễn Văn Ảnh")
    cadre.photo = SimpleUploadedFile("chan-dung.jpg", buffer.getvalue())
    cadre.full_clean()
    cadre.save()
    stored = cadre.photo.read()
    assert b"SECRET-CAMERA" not in stored
    assert not Image.open(BytesIO(stored)).getexif()
