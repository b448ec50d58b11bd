from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organizations.models import Cadre, Organization, Position, Term, roman
from tests.organizations import factories as f

pytestmark = pytest.mark.django_db

K = Organization.Kind
ALLOWED = {
    (K.BLOC, None),
    (K.GRASSROOTS_COMMITTEE, K.BLOC),
    (K.GRASSROOTS_CELL, K.BLOC),
    (K.INTERMEDIATE_COMMITTEE, K.GRASSROOTS_COMMITTEE),
    (K.SUBORDINATE_CELL, K.GRASSROOTS_COMMITTEE),
    (K.SUBORDINATE_CELL, K.INTERMEDIATE_COMMITTEE),
}
PARENT_KINDS = [None, *K.values]


@pytest.fixture
def parents():
    """One active organization of every kind, to place things under."""
    root = f.bloc()
    committee = f.committee(root)
    return {
        None: None,
        K.BLOC: root,
        K.GRASSROOTS_COMMITTEE: committee,
        K.GRASSROOTS_CELL: f.cell(root),
        K.INTERMEDIATE_COMMITTEE: f.intermediate(committee),
        K.SUBORDINATE_CELL: f.subcell(committee),
    }


@pytest.mark.parametrize("parent_kind", PARENT_KINDS)
@pytest.mark.parametrize("kind", K.values)
def test_placement_rules(parents, kind, parent_kind):
    """Every kind validates under exactly the parents docs/organizations.md allows, and no other."""
    if kind == K.BLOC:
        # The fixture already holds the one active bloc; a second one is a separate rule.
        parents[K.BLOC].status = Organization.Status.DISSOLVED
        parents[K.BLOC].ended_on = date(2020, 1, 1)
        Organization.objects.filter(pk=parents[K.BLOC].pk).update(
            status="dissolved", ended_on=date(2020, 1, 1)
        )
        if parent_kind is not None:
            parents[parent_kind].refresh_from_db()
    candidate = Organization(name="Tổ chức mới", kind=kind, parent=parents[parent_kind])
    if (kind, parent_kind) in ALLOWED:
        candidate.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            candidate.full_clean()
        assert "parent" in error.value.message_dict


def test_refused_placement_message_is_vietnamese(parents):
    """The refusal names both kinds and what the parent should be."""
    candidate = Organization(name="X", kind=K.SUBORDINATE_CELL, parent=parents[K.BLOC])
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    assert error.value.message_dict["parent"] == [
        "Chi bộ trực thuộc không thể trực thuộc Đảng bộ Khối; phải trực thuộc "
        "Đảng bộ cơ sở hoặc Đảng bộ bộ phận."
    ]


def test_active_organization_needs_active_parent(parents):
    """Nothing new may be placed under a dissolved organization."""
    committee = parents[K.GRASSROOTS_COMMITTEE]
    committee.status, committee.ended_on = Organization.Status.DISSOLVED, date(2022, 1, 1)
    committee.save()
    with pytest.raises(ValidationError, match="không còn hoạt động"):
        Organization(name="X", kind=K.SUBORDINATE_CELL, parent=committee).full_clean()


def test_ended_organization_keeps_its_ended_parent(parents):
    """A dissolved chi bộ under a dissolved đảng bộ still validates (it is history)."""
    committee = parents[K.GRASSROOTS_COMMITTEE]
    sub = parents[K.SUBORDINATE_CELL]
    for row in (sub, committee):
        row.status, row.ended_on = Organization.Status.DISSOLVED, date(2022, 1, 1)
        row.save()
    sub.refresh_from_db()
    sub.full_clean()  # raises if the rule for active rows misfired on history
    # The same row made active again under its dissolved parent is what the rule refuses.
    sub.status, sub.ended_on = Organization.Status.ACTIVE, None
    with pytest.raises(ValidationError, match="không còn hoạt động"):
        sub.full_clean()


def test_organization_cannot_be_its_own_parent(parents):
    """Choosing itself as parent is refused by clean()."""
    committee = parents[K.GRASSROOTS_COMMITTEE]
    committee.parent = committee
    with pytest.raises(ValidationError) as error:
        committee.full_clean()
    assert "nằm bên dưới nó" in error.value.message_dict["parent"][0]


def test_organization_cannot_move_below_its_descendant(parents):
    """A cycle through a descendant is refused, whatever the kinds say."""
    committee = parents[K.GRASSROOTS_COMMITTEE]
    committee.parent = parents[K.INTERMEDIATE_COMMITTEE]  # its own child
    with pytest.raises(ValidationError) as error:
        committee.full_clean()
    assert "là chính nó hoặc nằm bên dưới nó" in error.value.message_dict["parent"][0]
    deeper = Organization.objects.create(
        name="Chi bộ cháu",
        kind=K.SUBORDINATE_CELL,
        parent=parents[K.INTERMEDIATE_COMMITTEE],
        slug="chi-bo-chau",
    )
    committee.parent = deeper  # its grandchild
    with pytest.raises(ValidationError, match="nằm bên dưới nó"):
        committee.validate_no_cycle(deeper)


def test_database_refuses_own_parent(parents):
    """Even an UPDATE that skips clean() cannot make a row its own parent."""
    committee = parents[K.GRASSROOTS_COMMITTEE]
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=committee.pk).update(parent=committee)


def test_database_holds_a_single_active_bloc(parents):
    """A second active Đảng bộ Khối is refused by a unique constraint; a dissolved one is not."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="Khối hai", kind=K.BLOC, slug="khoi-hai")
    Organization.objects.create(
        name="Khối cũ", kind=K.BLOC, slug="khoi-cu", status="dissolved", ended_on=date(2019, 1, 1)
    )


def test_second_bloc_refused_in_vietnamese_by_full_clean(parents):
    """full_clean() reports the single-bloc constraint in Vietnamese, before the database."""
    with pytest.raises(ValidationError) as error:
        Organization(name="Khối hai", kind=K.BLOC).full_clean()
    assert "Đã có một Đảng bộ Khối đang hoạt động." in error.value.messages


@pytest.mark.parametrize(("kind", "with_parent"), [(K.BLOC, True), (K.GRASSROOTS_CELL, False)])
def test_database_keeps_bloc_the_only_root(parents, kind, with_parent):
    """Only a bloc may lack a parent, and a bloc may not have one."""
    parent = parents[K.GRASSROOTS_COMMITTEE] if with_parent else None
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(
            name="X",
            kind=kind,
            parent=parent,
            slug="x",
            status="dissolved",
            ended_on=date(2020, 1, 1),
        )


@pytest.mark.parametrize(
    ("status", "ended_on"),
    [("active", date(2020, 1, 1)), ("dissolved", None), ("merged", None)],
)
def test_database_ties_ended_on_to_status(parents, status, ended_on):
    """An active organization has no end date; an ended one must have one."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=parents[K.GRASSROOTS_CELL].pk).update(
            status=status, ended_on=ended_on
        )


def test_database_allows_merged_into_only_when_merged(parents):
    """merged_into on an active organization is refused by the database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.filter(pk=parents[K.GRASSROOTS_CELL].pk).update(
            merged_into=parents[K.GRASSROOTS_COMMITTEE]
        )


def test_merged_status_needs_a_target(parents):
    """A merged organization must say where it went: the constraint, checked by full_clean()
    and by the database alike."""
    cell = parents[K.GRASSROOTS_CELL]
    cell.status, cell.ended_on = Organization.Status.MERGED, date(2022, 1, 1)
    with pytest.raises(ValidationError, match="phải cho biết hợp nhất vào đâu"):
        cell.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        cell.save()


@pytest.mark.parametrize(
    ("status", "ended_on", "message"),
    [
        ("active", date(2022, 1, 1), "Tổ chức đang hoạt động không có ngày kết thúc"),
        ("dissolved", None, "phải có ngày kết thúc"),
        ("dissolved", date(2000, 1, 1), "Ngày kết thúc không thể trước ngày thành lập"),
    ],
)
def test_status_and_end_date_agree(parents, status, ended_on, message):
    """The end date goes with the status and after the founding: full_clean() says so in
    Vietnamese, from the constraints that the database enforces too."""
    cell = parents[K.GRASSROOTS_CELL]
    cell.established_on = date(2010, 1, 1)
    cell.status, cell.ended_on = status, ended_on
    with pytest.raises(ValidationError, match=message):
        cell.full_clean()


def test_slug_is_ascii_and_unique():
    """Slugs fold Vietnamese (đ → d) and get a number when taken."""
    root = f.bloc()
    first = f.cell(root, name="Chi bộ Sở Tư pháp")
    second = f.cell(root, name="Chi bộ Sở Tư pháp")
    assert first.slug == "chi-bo-so-tu-phap"
    assert second.slug == "chi-bo-so-tu-phap-2"
    assert root.slug == "dang-bo-khoi-co-quan-va-doanh-nghiep-tinh"


def test_slug_prefers_the_short_name_and_never_changes():
    """The short name makes the address when there is one; a rename keeps the address."""
    root = f.bloc()
    cell = f.cell(root, name="Chi bộ Sở Tài nguyên và Môi trường", short_name="Chi bộ Sở TN&MT")
    assert cell.slug == "chi-bo-so-tn-mt"
    cell.name, cell.short_name = "Chi bộ Sở Nông nghiệp và Môi trường", ""
    cell.save()
    cell.refresh_from_db()
    assert cell.slug == "chi-bo-so-tn-mt"


def test_cadre_slugs_fold_the_name_and_count_up():
    """Two cadres of the same name get two addresses."""
    first = Cadre.objects.create(full_name="Nguyễn Văn Đức")
    second = Cadre.objects.create(full_name="Nguyễn Văn Đức")
    assert (first.slug, second.slug) == ("nguyen-van-duc", "nguyen-van-duc-2")


def test_snapshot_holds_the_tracked_values_as_json():
    """A snapshot is plain JSON: codes, not enum members, and the parent's name."""
    root = f.bloc()
    cell = f.cell(root, name="Chi bộ A", member_count=12)
    assert cell.snapshot() == {
        "name": "Chi bộ A",
        "short_name": "",
        "kind": "grassroots_cell",
        "parent_id": root.pk,
        "status": "active",
        "member_count": 12,
        "parent_name": root.name,
    }


def test_ended_label():
    """Ended organizations say since when; active ones say nothing."""
    root = f.bloc()
    cell = f.cell(root, status="dissolved", ended_on=date(2021, 10, 15))
    assert cell.ended_label() == "Đã giải thể từ 15/10/2021"
    assert root.ended_label() == ""


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (4, "IV"), (9, "IX"), (13, "XIII")])
def test_roman_numerals(number, numeral):
    """Congresses are numbered in Roman numerals."""
    assert roman(number) == numeral


def test_term_congress_label_and_validation():
    """A term reads "Đại hội lần thứ V" and cannot end before it starts."""
    root = f.bloc()
    assert f.term(root, congress_number=5).congress_label() == "Đại hội lần thứ V"
    with pytest.raises(ValidationError):
        Term(organization=root, start_year=2025, end_year=2020).full_clean()


def test_position_full_title_names_the_department():
    """ "Trưởng ban" alone says too little: the department is named."""
    root = f.bloc()
    head = f.position(root, body=Position.Body.BAN_TO_CHUC, title=Position.Title.TRUONG_BAN)
    deputy = f.position(
        root, body=Position.Body.BAN_TUYEN_GIAO_DAN_VAN, title=Position.Title.PHO_TRUONG_BAN
    )
    secretary = f.position(root, body=Position.Body.BTV, title=Position.Title.BI_THU)
    assert head.full_title() == "Trưởng Ban Tổ chức"
    assert deputy.full_title() == "Phó Trưởng Ban Tuyên giáo và Dân vận"
    assert secretary.full_title() == "Bí thư"


def test_current_positions_are_open_on_the_day():
    """Current = started on or before the day and not ended by it."""
    root = f.bloc()
    open_one = f.position(root, started_on=date(2020, 1, 1))
    f.position(root, started_on=date(2020, 1, 1), ended_on=date(2021, 1, 1))
    future = f.position(root, started_on=date(2099, 1, 1))
    assert list(Position.objects.current(on=date(2022, 1, 1))) == [open_one]
    assert open_one.is_current(date(2022, 1, 1))
    assert not future.is_current(date(2022, 1, 1))


def test_position_term_must_belong_to_the_organization():
    """A position cannot name another organization's term."""
    root = f.bloc()
    other = f.cell(root)
    position = Position(
        cadre=f.cadre(), organization=root, body="bch", title="uy_vien_bch", term=f.term(other)
    )
    with pytest.raises(ValidationError) as error:
        position.full_clean()
    assert "term" in error.value.message_dict
