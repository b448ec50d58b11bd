from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from organizations import chart as charts
from organizations import workflow
from organizations.models import Organization, OrganizationEvent, Position
from tests.organizations import factories as f
from tests.organizations import ops as wf

pytestmark = pytest.mark.django_db

K = Organization.Kind
E = OrganizationEvent.Kind
DECISION = wf.Decision(number="1405-QĐ/ĐUK", signed_on=date(2021, 9, 15), issuer="Ban Thường vụ")


@pytest.fixture
def root():
    return f.bloc(established_on=date(2019, 6, 26))


def snapshot_of(org):
    org.refresh_from_db()
    return org.snapshot()


def test_establish_creates_the_organization_and_its_event(root):
    """Founding writes the row (active, established that day) and an event with no "before"."""
    cell = wf.establish(
        name="  Chi bộ Sở Tư pháp ",
        kind=K.GRASSROOTS_CELL,
        parent=root,
        date=date(2021, 5, 12),
        decision=DECISION,
        host_unit="Sở Tư pháp",
        member_count=21,
        note="Thành lập mới.",
    )
    assert cell.name == "Chi bộ Sở Tư pháp"
    assert cell.established_on == date(2021, 5, 12)
    assert cell.is_active()
    event = cell.events.get()
    assert event.kind == E.ESTABLISHED
    assert event.before == {}
    assert event.after == cell.snapshot()
    assert (event.decision_number, event.decision_date, event.decision_issuer) == (
        "1405-QĐ/ĐUK",
        date(2021, 9, 15),
        "Ban Thường vụ",
    )
    assert event.note == "Thành lập mới."


def test_establish_refuses_an_illegal_placement_and_writes_nothing(root):
    """A chi bộ trực thuộc straight under the Đảng bộ Khối is refused; no row, no event."""
    with pytest.raises(ValidationError) as error:
        wf.establish(name="X", kind=K.SUBORDINATE_CELL, parent=root, date=date(2021, 1, 1))
    assert "parent" in error.value.message_dict
    assert Organization.objects.count() == 1
    assert not OrganizationEvent.objects.exists()


def test_establish_refuses_a_future_date(root):
    """History is recorded when it happened, not ahead of time."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="không thể sau hôm nay"):
        wf.establish(name="X", kind=K.GRASSROOTS_CELL, parent=root, date=tomorrow)


def test_establish_refuses_a_date_before_the_parent_was_founded(root):
    """A child cannot be older than its parent."""
    with pytest.raises(ValidationError) as error:
        wf.establish(name="X", kind=K.GRASSROOTS_CELL, parent=root, date=date(2018, 1, 1))
    assert "trước ngày thành lập" in error.value.message_dict["date"][0]


def test_establish_rejects_unknown_fields(root):
    """A misspelt detail is a programming error, not silently ignored."""
    with pytest.raises(TypeError, match="membercount"):
        wf.establish(
            name="X", kind=K.GRASSROOTS_CELL, parent=root, date=date(2021, 1, 1), membercount=3
        )


def test_actor_needs_the_change_permission(root):
    """A staff user outside "Quản trị tổ chức" may not change the tree; a member may; and
    leaving the actor out is refused, not a way around the check."""
    outsider = User.objects.create_user("phongvien", is_staff=True)
    with pytest.raises(PermissionDenied):
        workflow.establish(
            name="X",
            kind=K.GRASSROOTS_CELL,
            parent=root,
            change=workflow.Change(date=date(2021, 1, 1), actor=outsider),
        )
    with pytest.raises(PermissionDenied, match="skip_permission_checks"):
        workflow.establish(
            name="X", kind=K.GRASSROOTS_CELL, parent=root, change=workflow.Change(date(2021, 1, 1))
        )
    keeper = User.objects.create_user("tochuc", is_staff=True)
    keeper.groups.add(Group.objects.get(name="Quản trị tổ chức"))
    keeper = User.objects.get(pk=keeper.pk)  # fresh permission cache
    cell = workflow.establish(
        name="X",
        kind=K.GRASSROOTS_CELL,
        parent=root,
        change=workflow.Change(date=date(2021, 1, 1), actor=keeper),
    )
    assert cell.events.get().created_by == keeper
    assert not Organization.objects.filter(name="X").exclude(pk=cell.pk).exists()


def test_rename_keeps_the_address_and_records_both_names(root):
    """Renaming changes name and short name, keeps the slug, and records before/after."""
    cell = f.cell(root, name="Chi bộ Sở Lao động – Thương binh và Xã hội", short_name="Sở LĐTBXH")
    slug = cell.slug
    assert (
        wf.rename(
            organization=cell,
            name="Chi bộ Sở Nội vụ",
            short_name="Sở Nội vụ",
            date=date(2025, 3, 1),
            decision=DECISION,
        )
        is cell
    )
    event = cell.events.get(kind=E.RENAMED)
    assert (cell.name, cell.short_name, cell.slug) == ("Chi bộ Sở Nội vụ", "Sở Nội vụ", slug)
    assert event.kind == E.RENAMED
    assert event.before["name"] == "Chi bộ Sở Lao động – Thương binh và Xã hội"
    assert event.after["name"] == "Chi bộ Sở Nội vụ"
    assert event.describe() == (
        "Đổi tên từ «Chi bộ Sở Lao động – Thương binh và Xã hội» thành «Chi bộ Sở Nội vụ»"
    )


def test_rename_to_the_same_name_is_refused(root):
    """A rename that changes nothing is a mistake, not an event."""
    cell = f.cell(root, name="Chi bộ A")
    with pytest.raises(ValidationError, match="trùng với tên hiện tại"):
        wf.rename(organization=cell, name="Chi bộ A", date=date(2022, 1, 1))


def test_history_is_written_in_order(root):
    """An operation dated before the organization's latest event is refused."""
    cell = f.cell(root, name="Chi bộ A")
    wf.rename(organization=cell, name="Chi bộ B", date=date(2022, 6, 1))
    with pytest.raises(ValidationError) as error:
        wf.rename(organization=cell, name="Chi bộ C", date=date(2022, 5, 31))
    assert "trước sự kiện gần nhất" in error.value.message_dict["date"][0]
    wf.rename(organization=cell, name="Chi bộ C", date=date(2022, 6, 1))  # same day is fine


def test_ended_organization_cannot_change(root):
    """A dissolved organization is history: no rename, move or upgrade."""
    cell = f.cell(root, name="Chi bộ A")
    wf.dissolve(organization=cell, date=date(2022, 1, 1))
    with pytest.raises(ValidationError, match="«Chi bộ A» đã giải thể từ 01/01/2022"):
        wf.rename(organization=cell, name="Chi bộ B", date=date(2022, 2, 1))


def test_upgrade_founds_the_new_cells_under_the_same_decision(root):
    """ "Nâng cấp chi bộ cơ sở lên đảng bộ cơ sở gồm 4 chi bộ trực thuộc": one decision,
    the kind changes, four cells are founded, members move into them, the total stays."""
    cell = f.cell(root, name="Chi bộ Trường Cao đẳng Kỹ thuật", member_count=40)
    wf.upgrade(
        organization=cell,
        name="Đảng bộ Trường Cao đẳng Kỹ thuật",
        date=date(2021, 9, 20),
        decision=DECISION,
        new_cells=[
            wf.NewCell(name="Chi bộ Khoa Cơ khí", member_count=10),
            wf.NewCell(name="Chi bộ Khoa Điện", member_count=9),
            wf.NewCell(name="Chi bộ Khoa Kinh tế", member_count=8),
            wf.NewCell(name="Chi bộ Phòng Đào tạo", short_name="Phòng ĐT", member_count=7),
        ],
    )
    assert cell.kind == K.GRASSROOTS_COMMITTEE
    assert cell.name == "Đảng bộ Trường Cao đẳng Kỹ thuật"
    assert cell.member_count == 6
    event = cell.events.get(kind=E.UPGRADED)
    assert event.before["kind"] == K.GRASSROOTS_CELL
    assert event.after["kind"] == K.GRASSROOTS_COMMITTEE
    assert event.describe() == (
        "Nâng cấp từ Chi bộ cơ sở lên Đảng bộ cơ sở, đổi tên thành «Đảng bộ Trường Cao đẳng Kỹ thuật»"
    )
    children = list(cell.children.order_by("name"))
    assert [c.kind for c in children] == [K.SUBORDINATE_CELL] * 4
    assert all(c.established_on == date(2021, 9, 20) for c in children)
    new_events = OrganizationEvent.objects.filter(organization__in=children)
    assert {e.decision_number for e in new_events} == {"1405-QĐ/ĐUK"}
    assert all(e.kind == E.ESTABLISHED for e in new_events)
    assert Organization.objects.rollups([cell.pk])[cell.pk].total_members == 40


def test_upgrade_a_subordinate_cell_to_an_intermediate_committee(root):
    """A chi bộ trực thuộc of a đảng bộ cơ sở grows into a đảng bộ bộ phận."""
    committee = f.committee(root)
    sub = f.subcell(committee)
    wf.upgrade(organization=sub, date=date(2022, 1, 1))
    assert sub.kind == K.INTERMEDIATE_COMMITTEE


def test_upgrade_refused_where_the_result_could_not_sit(root):
    """A chi bộ trực thuộc of a đảng bộ bộ phận cannot become a đảng bộ bộ phận there."""
    mid = f.intermediate(f.committee(root))
    sub = f.subcell(mid)
    with pytest.raises(ValidationError, match="không thể trực thuộc Đảng bộ bộ phận"):
        wf.upgrade(organization=sub, date=date(2022, 1, 1))
    sub.refresh_from_db()
    assert sub.kind == K.SUBORDINATE_CELL
    assert not sub.events.exists()


def test_upgrade_refused_for_a_committee(root):
    """A đảng bộ cơ sở is as high as a TCCS goes."""
    committee = f.committee(root)
    with pytest.raises(ValidationError, match="không thể nâng cấp"):
        wf.upgrade(organization=committee, date=date(2022, 1, 1))


def test_upgrade_refuses_to_hand_out_more_members_than_it_has(root):
    """The new cells cannot receive more members than the upgraded cell holds; nothing changes."""
    cell = f.cell(root, member_count=10)
    with pytest.raises(ValidationError) as error:
        wf.upgrade(
            organization=cell,
            date=date(2022, 1, 1),
            new_cells=[wf.NewCell(name="A", member_count=6), wf.NewCell(name="B", member_count=6)],
        )
    assert "12 đảng viên" in error.value.message_dict["new_cells"][0]
    cell.refresh_from_db()
    assert (cell.kind, cell.member_count, cell.children.count()) == (K.GRASSROOTS_CELL, 10, 0)


def test_move_changes_the_parent_and_records_both(root):
    """Moving a chi bộ trực thuộc to another đảng bộ records both parents (ids and names)."""
    first, second = f.committee(root, name="Đảng bộ A"), f.committee(root, name="Đảng bộ B")
    sub = f.subcell(first)
    moved = wf.move(organization=sub, parent=second, date=date(2023, 1, 1), decision=DECISION)
    assert moved is sub
    event = sub.events.get(kind=E.MOVED)
    assert sub.parent == second
    assert (event.before["parent_id"], event.after["parent_id"]) == (first.pk, second.pk)
    assert event.describe() == "Chuyển từ trực thuộc Đảng bộ A sang trực thuộc Đảng bộ B"


@pytest.mark.parametrize(
    ("moving", "target"),
    [
        ("sub", "cell"),  # a chi bộ cơ sở holds no sub-organizations
        ("sub", "root"),  # a chi bộ trực thuộc is never directly under the bloc
        ("cell", "committee"),  # a TCCS sits under the bloc only
        ("mid", "other_mid"),  # a đảng bộ bộ phận sits under a đảng bộ cơ sở only
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(root, moving, target):
    """Each refused move leaves the parent as it was and writes no event."""
    committee = f.committee(root)
    nodes = {
        "root": root,
        "committee": committee,
        "cell": f.cell(root),
        "mid": f.intermediate(committee),
        "other_mid": f.intermediate(f.committee(root)),
        "sub": f.subcell(committee),
    }
    before = snapshot_of(nodes[moving])
    with pytest.raises(ValidationError):
        wf.move(organization=nodes[moving], parent=nodes[target], date=date(2023, 1, 1))
    assert snapshot_of(nodes[moving]) == before
    assert not OrganizationEvent.objects.exists()


def test_move_below_its_own_descendant_is_refused(root):
    """A đảng bộ bộ phận cannot be moved under its own chi bộ (a cycle)."""
    mid = f.intermediate(f.committee(root))
    sub = f.subcell(mid)
    with pytest.raises(ValidationError, match="nằm bên dưới nó"):
        wf.move(organization=mid, parent=sub, date=date(2023, 1, 1))


def test_move_to_the_same_parent_is_refused(root):
    """Moving to where it already is is not an event."""
    cell = f.cell(root)
    with pytest.raises(ValidationError, match="đã trực thuộc"):
        wf.move(organization=cell, parent=root, date=date(2023, 1, 1))


def test_bloc_cannot_be_moved(root):
    """The Đảng bộ Khối is the root: there is nowhere to move it."""
    committee = f.committee(root)
    with pytest.raises(ValidationError):
        wf.move(organization=root, parent=committee, date=date(2023, 1, 1))


def test_merge_into_an_existing_organization(root):
    """Sáp nhập: sources end as merged into the target, which takes their members and
    sub-organizations; every change is an event under the same decision."""
    target = f.committee(root, name="Đảng bộ Sở Khoa học", member_count=20)
    source_a = f.committee(root, name="Đảng bộ Sở Thông tin", member_count=15)
    source_b = f.cell(root, name="Chi bộ Quỹ Khoa học", member_count=5)
    child = f.subcell(source_a, name="Chi bộ Báo chí", member_count=8)
    lead = f.position(source_a, started_on=date(2020, 1, 1))
    result = wf.merge(
        sources=[source_a, source_b], into=target, date=date(2025, 3, 1), decision=DECISION
    )
    assert result is target
    target.refresh_from_db()
    assert target.member_count == 40
    for source in (source_a, source_b):
        assert source.status == Organization.Status.MERGED
        assert source.merged_into == target
        assert source.ended_on == date(2025, 3, 1)
        merged = source.events.get(kind=E.MERGED)
        assert merged.related == target
        assert merged.before["status"] == "active"
        assert merged.after["status"] == "merged"
    child.refresh_from_db()
    assert child.parent == target
    moved = child.events.get()
    assert moved.kind == E.MOVED
    assert moved.before["parent_id"] == source_a.pk
    absorbed = list(target.events.filter(kind=E.ABSORBED).order_by("pk"))
    assert [e.related for e in absorbed] == [source_a, source_b]
    assert [(e.before["member_count"], e.after["member_count"]) for e in absorbed] == [
        (20, 35),
        (35, 40),
    ]
    assert {e.decision_number for e in OrganizationEvent.objects.all()} == {"1405-QĐ/ĐUK"}
    lead.refresh_from_db()
    assert lead.ended_on == date(2025, 3, 1)
    # Members are counted once: sources are left out of the roll-ups.
    assert Organization.objects.rollups([root.pk])[root.pk].total_members == 48


def test_merge_into_a_new_organization(root):
    """Hợp nhất: a new organization is founded and takes over the sources."""
    a = f.cell(root, name="Chi bộ Sở Kế hoạch và Đầu tư", member_count=24)
    b = f.cell(root, name="Chi bộ Sở Tài chính", member_count=23)
    new = wf.merge(
        sources=[a, b],
        name="Đảng bộ Sở Tài chính",
        kind=K.GRASSROOTS_COMMITTEE,
        parent=root,
        host_unit="Sở Tài chính",
        date=date(2025, 3, 1),
        decision=DECISION,
    )
    assert (new.name, new.kind, new.member_count, new.host_unit) == (
        "Đảng bộ Sở Tài chính",
        K.GRASSROOTS_COMMITTEE,
        47,
        "Sở Tài chính",
    )
    established = new.events.get(kind=E.ESTABLISHED)
    assert "Chi bộ Sở Kế hoạch và Đầu tư" in established.note
    assert a.merged_into == new
    assert b.merged_into == new


def test_merge_into_new_needs_two_sources(root):
    """One organization "merged" into a new one would be a rename."""
    with pytest.raises(ValidationError, match="ít nhất hai"):
        wf.merge(
            sources=[f.cell(root)],
            name="X",
            kind=K.GRASSROOTS_CELL,
            parent=root,
            date=date(2022, 1, 1),
        )


def test_merge_refused_when_target_cannot_hold_the_sub_organizations(root):
    """A đảng bộ with chi bộ cannot merge into a chi bộ cơ sở; nothing changes at all."""
    harmless = f.cell(root, name="Chi bộ B", member_count=3)
    committee = f.committee(root, name="Đảng bộ A", member_count=5)
    f.subcell(committee, name="Chi bộ con")
    target = f.cell(root, name="Chi bộ đích", member_count=7)
    with pytest.raises(ValidationError) as error:
        wf.merge(sources=[harmless, committee], into=target, date=date(2022, 1, 1))
    assert "«Chi bộ con»" in error.value.message_dict["into"][0]
    # The first source was merged before the second failed: the transaction undid it.
    harmless.refresh_from_db()
    target.refresh_from_db()
    assert harmless.is_active()
    assert target.member_count == 7
    assert not OrganizationEvent.objects.exists()


def test_merge_refused_into_itself_or_its_own_descendant(root):
    """Merging into itself or into something below it is refused."""
    committee = f.committee(root)
    mid = f.intermediate(committee)
    with pytest.raises(ValidationError, match="chính nó"):
        wf.merge(sources=[committee], into=committee, date=date(2022, 1, 1))
    with pytest.raises(ValidationError, match="tổ chức trực thuộc nó"):
        wf.merge(sources=[committee], into=mid, date=date(2022, 1, 1))


def test_bloc_cannot_be_merged(root):
    """The Đảng bộ Khối does not merge into an organization of its own tree."""
    with pytest.raises(ValidationError, match="Đảng bộ Khối không thể hợp nhất"):
        wf.merge(sources=[root], into=f.cell(root), date=date(2022, 1, 1))


def test_merge_needs_either_a_target_or_a_new_name(root):
    """Both or neither is refused."""
    cell = f.cell(root)
    with pytest.raises(ValidationError):
        wf.merge(sources=[cell], date=date(2022, 1, 1))
    with pytest.raises(ValidationError):
        wf.merge(sources=[cell], into=f.cell(root), name="X", date=date(2022, 1, 1))


def test_dissolve_a_leaf(root):
    """Dissolving ends the organization, its open positions, and records the event."""
    cell = f.cell(root, name="Chi bộ Quỹ Đầu tư")
    post = f.position(cell, started_on=date(2020, 1, 1))
    later = f.position(cell, started_on=date(2030, 1, 1))  # not yet begun: left alone
    assert wf.dissolve(organization=cell, date=date(2022, 12, 30), decision=DECISION) is cell
    events = list(cell.events.order_by("pk"))
    assert cell.status == Organization.Status.DISSOLVED
    assert cell.ended_on == date(2022, 12, 30)
    assert [e.kind for e in events] == [E.DISSOLVED]
    assert events[0].before["status"] == "active"
    assert events[0].after["status"] == "dissolved"
    post.refresh_from_db()
    later.refresh_from_db()
    assert post.ended_on == date(2022, 12, 30)
    assert later.ended_on is None
    assert Organization.objects.filter(pk=cell.pk).exists()  # nothing is deleted


def test_dissolve_refuses_an_organization_with_active_children(root):
    """Without cascade, active sub-organizations block the dissolution; nothing changes."""
    committee = f.committee(root, name="Đảng bộ A")
    f.subcell(committee, name="Chi bộ 1")
    f.subcell(committee, name="Chi bộ 2")
    with pytest.raises(ValidationError) as error:
        wf.dissolve(organization=committee, date=date(2022, 1, 1))
    message = error.value.message_dict["cascade"][0]
    assert "còn 2 tổ chức trực thuộc" in message
    assert "«Chi bộ 1»" in message
    assert Organization.objects.filter(status="dissolved").count() == 0


def test_dissolve_with_cascade_ends_the_whole_subtree(root):
    """With cascade every active organization below goes too, deepest first, same decision."""
    committee = f.committee(root)
    mid = f.intermediate(committee)
    leaf = f.subcell(mid)
    direct = f.subcell(committee)
    gone = f.subcell(committee, status="dissolved", ended_on=date(2020, 1, 1))
    wf.dissolve(organization=committee, date=date(2022, 1, 1), decision=DECISION, cascade=True)
    events = list(OrganizationEvent.objects.filter(kind=E.DISSOLVED).order_by("pk"))
    assert events[0].organization == leaf
    assert events[-1].organization == committee
    assert {e.organization for e in events} == {committee, mid, leaf, direct}
    assert all(e.decision_number == "1405-QĐ/ĐUK" for e in events)
    gone.refresh_from_db()
    assert gone.ended_on == date(2020, 1, 1)  # already dissolved, untouched
    assert not Organization.objects.active().exclude(pk=root.pk).exists()


def test_workflow_results_satisfy_the_model_rules(root):
    """After a mix of operations every row still passes full_clean()."""
    cell = f.cell(root, member_count=30)
    wf.upgrade(
        organization=cell, date=date(2021, 1, 1), new_cells=[wf.NewCell(name="C1", member_count=10)]
    )
    other = f.committee(root)
    wf.merge(sources=[other], into=cell, date=date(2022, 1, 1))
    wf.dissolve(organization=cell, date=date(2023, 1, 1), cascade=True)
    for row in Organization.objects.all():
        row.full_clean()
    assert Position.objects.count() == 0


# -- History written in order keeps every past chart consistent --------------------------


@pytest.fixture
def upgraded_committee(root):
    """ "Đảng bộ X": a chi bộ cơ sở from 2019, upgraded to a đảng bộ cơ sở on 12/03/2024."""
    x = wf.establish(name="Chi bộ X", kind=K.GRASSROOTS_CELL, parent=root, date=date(2019, 7, 1))
    wf.upgrade(organization=x, name="Đảng bộ X", date=date(2024, 3, 12))
    return x


def test_establish_refused_before_the_parent_took_its_kind(upgraded_committee):
    """A chi bộ trực thuộc cannot be founded under "Đảng bộ X" before X was upgraded: on
    that day X was a chi bộ cơ sở, which holds no sub-organizations."""
    with pytest.raises(ValidationError) as error:
        wf.establish(
            name="Chi bộ Y",
            kind=K.SUBORDINATE_CELL,
            parent=upgraded_committee,
            date=date(2023, 1, 1),
        )
    assert error.value.message_dict["date"] == [
        "Ngày thành lập không thể trước ngày 12/03/2024: «Đảng bộ X» là Đảng bộ cơ sở từ ngày đó "
        "(sự kiện «Nâng cấp từ Chi bộ cơ sở lên Đảng bộ cơ sở, đổi tên thành «Đảng bộ X»»)."
    ]
    assert not Organization.objects.filter(name="Chi bộ Y").exists()
    wf.establish(
        name="Chi bộ Y", kind=K.SUBORDINATE_CELL, parent=upgraded_committee, date=date(2024, 3, 12)
    )


def test_move_refused_before_the_new_parent_took_its_kind(root, upgraded_committee):
    """Moving a chi bộ trực thuộc under X is dated on or after X's upgrade."""
    sub = f.subcell(f.committee(root, established_on=date(2019, 7, 1)))
    with pytest.raises(ValidationError, match="không thể trước ngày 12/03/2024"):
        wf.move(organization=sub, parent=upgraded_committee, date=date(2024, 3, 11))
    assert not sub.events.exists()
    wf.move(organization=sub, parent=upgraded_committee, date=date(2024, 3, 12))


def test_a_renamed_parent_still_takes_older_sub_organizations(root):
    """Only a change of kind binds the date: a Khối renamed today does not stop recording
    the founding of a chi bộ cơ sở last month."""
    wf.rename(organization=root, name="Đảng bộ Khối (tên mới)", date=date(2025, 6, 1))
    wf.establish(name="Chi bộ Z", kind=K.GRASSROOTS_CELL, parent=root, date=date(2025, 5, 1))
    assert charts.chart_as_of(date(2025, 5, 15)).cells[0].name == "Chi bộ Z"


@pytest.fixture
def emptied_committee(root):
    """Đảng bộ A, whose two chi bộ moved to Đảng bộ B on 01/05/2025 and 01/06/2025."""
    a = wf.establish(
        name="Đảng bộ A", kind=K.GRASSROOTS_COMMITTEE, parent=root, date=date(2020, 1, 1)
    )
    b = wf.establish(
        name="Đảng bộ B", kind=K.GRASSROOTS_COMMITTEE, parent=root, date=date(2020, 1, 1)
    )
    for name, moved_on in [("Chi bộ 1", date(2025, 5, 1)), ("Chi bộ 2", date(2025, 6, 1))]:
        sub = wf.establish(name=name, kind=K.SUBORDINATE_CELL, parent=a, date=date(2020, 2, 1))
        wf.move(organization=sub, parent=b, date=moved_on)
    return a


def test_dissolve_refused_before_its_sub_organizations_left(emptied_committee):
    """Dissolving A on 01/01/2025 would say A ended while its chi bộ were still under it
    (and the chart of March 2025 would lose them): refused, naming the last to leave."""
    with pytest.raises(ValidationError) as error:
        wf.dissolve(organization=emptied_committee, date=date(2025, 1, 1))
    assert error.value.message_dict["date"] == [
        "Ngày hiệu lực không thể trước ngày 01/06/2025: đến ngày đó «Đảng bộ A» vẫn còn tổ chức "
        "trực thuộc («Chi bộ 2» chuyển sang trực thuộc «Đảng bộ B» ngày 01/06/2025)."
    ]
    emptied_committee.refresh_from_db()
    assert emptied_committee.is_active()
    wf.dissolve(organization=emptied_committee, date=date(2025, 6, 1))
    march = {node.name: node for node in charts.chart_as_of(date(2025, 3, 1)).committees}
    assert {node.name for node in march["Đảng bộ A"].children} == {"Chi bộ 1", "Chi bộ 2"}


def test_merge_refused_before_its_sub_organizations_left(root, emptied_committee):
    """A merger ends its sources: the same rule holds."""
    target = f.committee(root, name="Đảng bộ C", established_on=date(2020, 1, 1))
    with pytest.raises(ValidationError, match="«Chi bộ 2» chuyển sang trực thuộc «Đảng bộ B»"):
        wf.merge(sources=[emptied_committee], into=target, date=date(2025, 5, 31))


def test_dissolve_refused_before_a_sub_organization_ended(root):
    """A chi bộ dissolved on 01/06/2025 was under its đảng bộ until then."""
    committee = f.committee(root, name="Đảng bộ A", established_on=date(2020, 1, 1))
    sub = f.subcell(committee, name="Chi bộ 1", established_on=date(2020, 1, 1))
    wf.dissolve(organization=sub, date=date(2025, 6, 1))
    with pytest.raises(ValidationError) as error:
        wf.dissolve(organization=committee, date=date(2025, 1, 1))
    assert "(«Chi bộ 1» giải thể ngày 01/06/2025)" in error.value.message_dict["date"][0]


def test_cascade_checks_every_organization_it_ends(root):
    """A đảng bộ bộ phận dissolved with its đảng bộ is checked too: its chi bộ moved out
    later than the date given."""
    committee = f.committee(root, established_on=date(2020, 1, 1))
    other = f.committee(root, established_on=date(2020, 1, 1))
    mid = f.intermediate(committee, name="Đảng bộ bộ phận M", established_on=date(2020, 1, 1))
    sub = f.subcell(mid, name="Chi bộ S", established_on=date(2020, 1, 1))
    wf.move(organization=sub, parent=other, date=date(2025, 6, 1))
    with pytest.raises(ValidationError, match="«Đảng bộ bộ phận M» vẫn còn tổ chức trực thuộc"):
        wf.dissolve(organization=committee, date=date(2025, 1, 1), cascade=True)
    assert not OrganizationEvent.objects.filter(kind=E.DISSOLVED).exists()


def test_the_bloc_is_dissolved_only_when_the_caller_says_so(root):
    """Dissolving the Đảng bộ Khối ends the whole tree: refused unless allow_root=True."""
    f.cell(root)
    with pytest.raises(ValidationError, match="Đảng bộ Khối là gốc của cả cây tổ chức"):
        wf.dissolve(organization=root, date=date(2025, 1, 1), cascade=True)
    assert Organization.objects.ended().count() == 0
    wf.dissolve(organization=root, date=date(2025, 1, 1), cascade=True, allow_root=True)
    assert Organization.objects.active().count() == 0


HISTORY_START = date(2020, 1, 1)
OPERATIONS = ["establish", "rename", "upgrade", "move", "merge", "merge_new", "dissolve"]
PLACED_KINDS = [kind for kind in K.values if kind != K.BLOC]


@pytest.fixture
def founded_tree(root):
    """Two đảng bộ cơ sở (each with a đảng bộ bộ phận and chi bộ) and a chi bộ cơ sở,
    founded through the workflow in 2019; built once for all the examples of a test."""
    for n, kind in enumerate([K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL]):
        top = wf.establish(name=f"Gốc {n}", kind=kind, parent=root, date=date(2019, 7, 1))
        if kind == K.GRASSROOTS_COMMITTEE:
            mid = wf.establish(
                name=f"Gốc {n} bộ phận",
                kind=K.INTERMEDIATE_COMMITTEE,
                parent=top,
                date=date(2019, 7, 1),
            )
            for parent in (top, mid):
                wf.establish(
                    name=f"{parent.name} chi bộ",
                    kind=K.SUBORDINATE_CELL,
                    parent=parent,
                    date=date(2019, 8, 1),
                )
    return root


def _pick(candidates, index):
    return candidates[index % len(candidates)] if candidates else None


def _apply(operation, i, j, k, step, serial):
    """One operation on organizations chosen by index, mostly among those it could apply to
    (active, of a fitting kind) so that many succeed; the workflow decides what is allowed."""
    active = list(Organization.objects.active().order_by("pk"))
    placed = [org for org in active if org.kind != K.BLOC]
    org = _pick(placed, i)
    on = HISTORY_START + timedelta(days=45 * step)
    name = f"Tổ chức {serial}"
    parents = [other for other in active if other.can_have_children]
    if operation == "establish" and parents:
        parent = _pick(parents, j)
        kinds = [
            kind for kind in PLACED_KINDS if parent.kind in Organization.ALLOWED_PARENT_KINDS[kind]
        ]
        wf.establish(name=name, kind=_pick(kinds, k), parent=parent, date=on)
    elif org is None or operation in {"establish", "merge_new"}:
        return
    elif operation == "rename":
        wf.rename(organization=org, name=name, date=on)
    elif operation == "upgrade":
        cell = _pick([org for org in placed if org.upgrade_kind], i) or org
        wf.upgrade(
            organization=cell, date=on, new_cells=[wf.NewCell(name=name + " – chi bộ")] * (k % 2)
        )
    elif operation == "move":
        allowed = Organization.ALLOWED_PARENT_KINDS[org.kind]
        parent = _pick([other for other in active if other.kind in allowed], j) or org.parent
        wf.move(organization=org, parent=parent, date=on)
    elif operation == "merge":
        wf.merge(sources=[org], into=_pick(placed, j), date=on)
    elif operation == "merge_new" and parents:
        parent = _pick(parents, k)
        kinds = [
            kind for kind in PLACED_KINDS if parent.kind in Organization.ALLOWED_PARENT_KINDS[kind]
        ]
        wf.merge(
            sources=[org, _pick(placed, j)], name=name, kind=_pick(kinds, i), parent=parent, date=on
        )
    else:
        wf.dissolve(organization=org, date=on, cascade=bool(j % 2))


def chart_problems():
    """What is wrong with the chart of any day: an organization of that day missing from
    it, a root that is not the Đảng bộ Khối, anything placed under a kind that cannot hold it.

    A chart changes only on a day something happened (a founding, an ending, an event),
    so the charts of those days are all the charts there are.
    """
    orgs = list(Organization.objects.all())
    days = {day for org in orgs for day in (org.established_on, org.ended_on) if day}
    days |= set(OrganizationEvent.objects.values_list("date", flat=True))
    problems = []
    for day in sorted(days):
        alive = {
            org.pk: org.name
            for org in orgs
            if (org.established_on is None or org.established_on <= day)
            and (org.ended_on is None or day < org.ended_on)
        }
        shown = set()
        stack = [(charts.chart_as_of(day).root, None)]
        while stack:
            node, parent = stack.pop()
            if node is None:
                continue
            shown.add(node.pk)
            if parent is None and node.kind != K.BLOC:
                problems.append(f"{day}: gốc là {node.name}")
            if (
                parent is not None
                and parent.kind not in Organization.ALLOWED_PARENT_KINDS[node.kind]
            ):
                problems.append(
                    f"{day}: {node.name} ({node.kind}) dưới {parent.name} ({parent.kind})"
                )
            stack.extend((child, node) for child in node.children)
        missing = sorted(alive[pk] for pk in alive.keys() - shown)
        if missing:
            problems.append(f"{day}: thiếu {missing}")
    return problems


@pytest.mark.slow
def test_any_allowed_history_gives_past_charts_that_obey_the_placement_rules(founded_tree):
    """Whatever operations the workflow accepts, in whatever order of dates, the chart of
    every day keeps each organization of that day, under a parent that may hold it.

    Refused operations are expected (a move under a dissolved parent, a date before the
    founding), but a run in which the workflow refused almost everything would prove
    nothing: at least a third of the operations tried must have been applied (about 60%
    are, with the operations below).
    """
    tally = {"tried": 0, "applied": 0}

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(OPERATIONS),
                st.integers(0, 40),
                st.integers(0, 40),
                st.integers(0, 3),
                st.integers(0, 40),
            ),
            min_size=10,
            max_size=30,
        )
    )
    @settings(
        max_examples=100,
        deadline=None,
        # No shrinking: each example is a few hundred queries and the indices depend on
        # one another, so it would run for minutes and still print a long list.
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )
    def any_history(operations):
        # The tree is shared by the examples; each example's operations are rolled back.
        with transaction.atomic():
            for serial, operation in enumerate(operations):
                tally["tried"] += 1
                try:
                    with transaction.atomic():
                        _apply(*operation, serial)
                except ValidationError:
                    continue
                tally["applied"] += 1
            problems = chart_problems()
            transaction.set_rollback(True)
        assert problems == []

    any_history()
    assert tally["applied"] >= tally["tried"] / 3, tally


def test_cascade_dissolves_what_moved_in_while_the_subtree_was_being_locked(root):
    """A move into the subtree that commits after dissolve() listed the subtree, before it
    locked it, is not left behind: the chi bộ moved in is dissolved with its new parent,
    never left active under a dissolved one."""
    committee = f.committee(root, name="Đảng bộ A", established_on=date(2020, 1, 1))
    mid = f.intermediate(committee, name="Đảng bộ bộ phận M", established_on=date(2020, 1, 1))
    f.subcell(mid, established_on=date(2020, 1, 1))
    elsewhere = f.committee(root, name="Đảng bộ B", established_on=date(2020, 1, 1))
    newcomer = f.subcell(elsewhere, name="Chi bộ chuyển đến", established_on=date(2020, 1, 1))
    listed = moved = False

    def concurrent_move(execute, sql, params, many, context):
        # The statement after the first subtree listing (django-tree-queries' CTE is
        # "__tree") is where another transaction's move would land.
        nonlocal listed, moved
        if listed and not moved:
            moved = True
            wf.move(organization=newcomer, parent=mid, date=date(2024, 12, 1))
        if "__tree" in sql:
            listed = True
        return execute(sql, params, many, context)

    with connection.execute_wrapper(concurrent_move):
        wf.dissolve(organization=committee, date=date(2025, 1, 1), cascade=True)
    assert moved
    newcomer.refresh_from_db()
    assert newcomer.parent == mid
    assert newcomer.status == Organization.Status.DISSOLVED
    assert not Organization.objects.active().filter(parent__status="dissolved").exists()
