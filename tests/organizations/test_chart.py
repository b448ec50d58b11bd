from datetime import date

import pytest

from organizations import chart as charts
from organizations.models import Organization
from tests.organizations import factories as f
from tests.organizations import ops as wf

pytestmark = pytest.mark.django_db

K = Organization.Kind
UPGRADE_DAY = date(2021, 9, 20)
MERGE_DAY = date(2022, 3, 1)
DISSOLUTION_DAY = date(2023, 5, 10)


@pytest.fixture
def history():
    """A small Khối whose tree changed three times: an upgrade, a merger, a dissolution.

    Plus a rename, a move and a late founding, so that names and parents must be rebuilt too.
    """
    root = wf.establish(
        name="Đảng bộ Khối", kind=K.BLOC, parent=None, date=date(2019, 6, 26), short_name="ĐBK"
    )
    school = wf.establish(
        name="Chi bộ Trường Cao đẳng",
        kind=K.GRASSROOTS_CELL,
        parent=root,
        date=date(2019, 7, 15),
        member_count=30,
    )
    health = wf.establish(
        name="Đảng bộ Sở Y tế", kind=K.GRASSROOTS_COMMITTEE, parent=root, date=date(2019, 7, 15)
    )
    education = wf.establish(
        name="Đảng bộ Sở Giáo dục",
        kind=K.GRASSROOTS_COMMITTEE,
        parent=root,
        date=date(2019, 7, 15),
    )
    office = wf.establish(
        name="Chi bộ Văn phòng", kind=K.SUBORDINATE_CELL, parent=health, date=date(2019, 7, 15)
    )
    info = wf.establish(
        name="Chi bộ Sở Thông tin", kind=K.GRASSROOTS_CELL, parent=root, date=date(2019, 7, 15)
    )
    science = wf.establish(
        name="Chi bộ Sở Khoa học", kind=K.GRASSROOTS_CELL, parent=root, date=date(2019, 7, 15)
    )
    fund = wf.establish(
        name="Chi bộ Quỹ Đầu tư", kind=K.GRASSROOTS_CELL, parent=root, date=date(2019, 7, 15)
    )
    labour = wf.establish(
        name="Chi bộ Sở Lao động", kind=K.GRASSROOTS_CELL, parent=root, date=date(2019, 7, 15)
    )
    wf.upgrade(
        organization=school,
        name="Đảng bộ Trường Cao đẳng",
        date=UPGRADE_DAY,
        new_cells=[wf.NewCell(name="Chi bộ Khoa Cơ khí", member_count=10)],
    )
    wf.rename(organization=labour, name="Chi bộ Sở Nội vụ", date=date(2022, 1, 5))
    wf.merge(sources=[info], into=science, date=MERGE_DAY)
    wf.move(organization=office, parent=education, date=date(2022, 8, 1))
    wf.dissolve(organization=fund, date=DISSOLUTION_DAY)
    wf.establish(
        name="Chi bộ Ban Quản lý dự án", kind=K.GRASSROOTS_CELL, parent=root, date=date(2024, 1, 2)
    )
    return root


def names(chart):
    """{name: (kind, parent name)} of every organization in a chart."""
    found = {}

    def walk(node, parent):
        found[node.name] = (node.kind, parent.name if parent else None)
        for child in node.children:
            walk(child, node)

    walk(chart.root, None)
    return found


def test_chart_around_the_upgrade(history):
    """The day before, the school is a chi bộ cơ sở without cells; on the day, a đảng bộ with one."""
    before = names(charts.chart_as_of(date(2021, 9, 19)))
    assert before["Chi bộ Trường Cao đẳng"] == (K.GRASSROOTS_CELL, "Đảng bộ Khối")
    assert "Đảng bộ Trường Cao đẳng" not in before
    assert "Chi bộ Khoa Cơ khí" not in before
    on = names(charts.chart_as_of(UPGRADE_DAY))
    assert on["Đảng bộ Trường Cao đẳng"] == (K.GRASSROOTS_COMMITTEE, "Đảng bộ Khối")
    assert on["Chi bộ Khoa Cơ khí"] == (K.SUBORDINATE_CELL, "Đảng bộ Trường Cao đẳng")
    assert "Chi bộ Trường Cao đẳng" not in on
    after = names(charts.chart_as_of(date(2021, 12, 31)))
    assert after["Đảng bộ Trường Cao đẳng"][0] == K.GRASSROOTS_COMMITTEE


def test_chart_around_the_merger(history):
    """Before the merger both cells exist; from its day only the receiving one."""
    before = names(charts.chart_as_of(date(2022, 2, 28)))
    assert "Chi bộ Sở Thông tin" in before
    assert "Chi bộ Sở Khoa học" in before
    on = names(charts.chart_as_of(MERGE_DAY))
    assert "Chi bộ Sở Thông tin" not in on
    assert on["Chi bộ Sở Khoa học"] == (K.GRASSROOTS_CELL, "Đảng bộ Khối")
    after = names(charts.chart_as_of(date(2023, 1, 1)))
    assert "Chi bộ Sở Thông tin" not in after


def test_chart_around_the_dissolution(history):
    """The fund's cell is there until the day before its dissolution, and gone from that day."""
    assert "Chi bộ Quỹ Đầu tư" in names(charts.chart_as_of(date(2021, 1, 1)))
    assert "Chi bộ Quỹ Đầu tư" in names(charts.chart_as_of(date(2023, 5, 9)))
    assert "Chi bộ Quỹ Đầu tư" not in names(charts.chart_as_of(DISSOLUTION_DAY))
    assert "Chi bộ Quỹ Đầu tư" not in names(charts.chart_as_of(date(2024, 6, 1)))


def test_chart_rebuilds_old_names_and_parents(history):
    """Before the rename the old name shows; before the move the old parent."""
    early = names(charts.chart_as_of(date(2021, 12, 31)))
    assert "Chi bộ Sở Lao động" in early
    assert "Chi bộ Sở Nội vụ" not in early
    assert early["Chi bộ Văn phòng"][1] == "Đảng bộ Sở Y tế"
    late = names(charts.chart_as_of(date(2022, 8, 1)))
    assert "Chi bộ Sở Nội vụ" in late
    assert late["Chi bộ Văn phòng"][1] == "Đảng bộ Sở Giáo dục"


def test_organizations_founded_later_are_absent(history):
    """The project board's cell (founded 2024) is not on the 2023 chart."""
    assert "Chi bộ Ban Quản lý dự án" not in names(charts.chart_as_of(date(2023, 12, 31)))
    assert "Chi bộ Ban Quản lý dự án" in names(charts.chart_as_of(date(2024, 1, 2)))


def test_no_chart_before_the_bloc_existed(history):
    """Before the Đảng bộ Khối was founded there is no tree."""
    assert charts.chart_as_of(date(2019, 1, 1)).root is None


def test_organization_without_events_lives_by_its_dates():
    """Imported rows with no history exist from established_on (always, when empty) to ended_on."""
    root = f.bloc(established_on=None)
    always = f.cell(root, name="Luôn có", established_on=None)
    f.cell(root, name="Từ 2020", established_on=date(2020, 1, 1))
    f.cell(
        root, name="Đến 2021", established_on=None, status="dissolved", ended_on=date(2021, 1, 1)
    )
    early = names(charts.chart_as_of(date(2000, 1, 1)))
    assert set(early) == {root.name, always.name, "Đến 2021"}
    late = names(charts.chart_as_of(date(2022, 1, 1)))
    assert set(late) == {root.name, always.name, "Từ 2020"}


def test_past_chart_counts_sub_organizations_but_not_members(history):
    """Kinds are rebuilt from history; member counts are not history, so they are not shown."""
    chart = charts.chart_as_of(date(2021, 10, 15))
    assert chart.root.member_count is None
    assert [node.name for node in chart.committees] == [  # alphabetical, diacritics aside
        "Đảng bộ Sở Giáo dục",
        "Đảng bộ Sở Y tế",
        "Đảng bộ Trường Cao đẳng",
    ]
    assert chart.root.rollup.committees == 3
    assert chart.root.rollup.cells == 4
    assert chart.root.rollup.subordinate_cells == 2


def test_current_chart_groups_tccs_and_lists_ended(history):
    """Today: TCCS by kind with member totals, and the ended organizations apart."""
    chart = charts.current_chart()
    assert chart.is_today
    assert {node.name for node in chart.committees} == {
        "Đảng bộ Sở Y tế",
        "Đảng bộ Sở Giáo dục",
        "Đảng bộ Trường Cao đẳng",
    }
    school = next(node for node in chart.committees if node.name == "Đảng bộ Trường Cao đẳng")
    assert school.rollup.total_members == 30
    assert school.member_count == 20
    assert {node.name for node in chart.ended} == {"Chi bộ Sở Thông tin", "Chi bộ Quỹ Đầu tư"}


@pytest.mark.parametrize("size", [5, 60])
def test_charts_take_a_constant_number_of_queries(django_assert_num_queries, size):
    """Today's chart and a past chart cost two queries each, whatever the size."""
    root = f.tree(committees=size, cells=size)
    for cell in Organization.objects.filter(kind=K.GRASSROOTS_CELL)[:3]:
        wf.rename(organization=cell, name=cell.name + " (mới)", date=date(2022, 1, 1))
    with django_assert_num_queries(2):
        today = charts.current_chart()
    with django_assert_num_queries(2):
        past = charts.chart_as_of(date(2021, 1, 1))
    assert today.root.pk == past.root.pk == root.pk
    assert len(today.committees) == len(past.committees) == size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-10-15", date(2021, 10, 15)),
        ("15/10/2021", date(2021, 10, 15)),
        ("15-10-2021", date(2021, 10, 15)),
        (" 5.1.2020 ", date(2020, 1, 5)),
    ],
)
def test_parse_day_reads_vietnamese_and_iso_dates(text, expected):
    """Day-first, as Vietnamese write dates, or ISO from a date picker."""
    assert charts.parse_day(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "31/02/2021", "2021-13-01", "15/10", "1" * 500])
def test_parse_day_refuses_in_vietnamese(text):
    """Anything else is a ValueError with a Vietnamese explanation."""
    with pytest.raises(ValueError, match="không phải là một ngày hợp lệ"):
        charts.parse_day(text)
