from collections import defaultdict
from datetime import date

import pytest

from organizations.models import Organization, Rollup
from tests.organizations import factories as f

pytestmark = pytest.mark.django_db

K = Organization.Kind
COUNTERS = {
    K.GRASSROOTS_COMMITTEE: "committees",
    K.GRASSROOTS_CELL: "cells",
    K.INTERMEDIATE_COMMITTEE: "intermediate_committees",
    K.SUBORDINATE_CELL: "subordinate_cells",
}


def expected_rollups():
    """The same totals, walked in Python over every active row: the reference."""
    rows = list(Organization.objects.active().values("pk", "parent_id", "kind", "member_count"))
    parent = {row["pk"]: row["parent_id"] for row in rows}
    result = defaultdict(Rollup)
    for row in rows:
        node = row["pk"]
        result[node].total_members += row["member_count"]
        ancestor = parent[node]
        while ancestor in parent:
            result[ancestor].total_members += row["member_count"]
            counter = COUNTERS[row["kind"]]
            setattr(result[ancestor], counter, getattr(result[ancestor], counter) + 1)
            ancestor = parent[ancestor]
    return dict(result)


@pytest.mark.parametrize(
    ("committees", "cells", "size"),
    [(4, 6, 1 + 4 + 6 + 4 * (1 + 2 + 2)), (40, 60, 1 + 40 + 60 + 40 * (1 + 2 + 2))],
)
def test_rollups_in_one_query_at_any_size(django_assert_num_queries, committees, cells, size):
    """Every organization's totals come from one recursive query, small tree or a few hundred nodes."""
    root = f.tree(committees=committees, cells=cells)
    assert Organization.objects.count() == size
    with django_assert_num_queries(1):
        rollups = Organization.objects.rollups()
    assert rollups == expected_rollups()
    whole = rollups[root.pk]
    assert whole.committees == committees
    assert whole.cells == cells
    assert whole.grassroots == committees + cells
    assert whole.intermediate_committees == committees
    assert whole.subordinate_cells == committees * 4
    # 1 per committee and per đảng bộ bộ phận, 10 per chi bộ of either kind.
    assert whole.total_members == committees * (1 + 1 + 4 * 10) + cells * 10


def test_rollup_of_a_committee_counts_its_own_members_and_its_subtree():
    """A đảng bộ cơ sở's total = its direct members + everything below it; nothing twice."""
    root = f.bloc()
    committee = f.committee(root, member_count=3)
    mid = f.intermediate(committee, member_count=2)
    f.subcell(mid, member_count=11)
    f.subcell(committee, member_count=7)
    rollup = Organization.objects.rollups([committee.pk])[committee.pk]
    assert rollup == Rollup(
        total_members=23, committees=0, cells=0, intermediate_committees=1, subordinate_cells=2
    )
    assert rollup.descendants == 3


def test_rollups_leave_out_ended_organizations():
    """Dissolved and merged organizations (and their members) are not counted."""
    root = f.bloc()
    committee = f.committee(root, member_count=5)
    f.subcell(committee, member_count=10)
    f.subcell(committee, member_count=99, status="dissolved", ended_on=date(2022, 1, 1))
    gone = f.cell(root, member_count=50, status="dissolved", ended_on=date(2022, 1, 1))
    rollups = Organization.objects.rollups()
    assert rollups[committee.pk].total_members == 15
    assert rollups[committee.pk].subordinate_cells == 1
    assert rollups[root.pk].total_members == 15
    assert gone.pk not in rollups


def test_rollups_for_chosen_organizations_only():
    """Given ids, only those organizations are answered (their subtrees still counted)."""
    root = f.tree(committees=3, cells=2)
    first = Organization.objects.filter(kind=K.GRASSROOTS_COMMITTEE).first()
    rollups = Organization.objects.rollups([first.pk])
    assert set(rollups) == {first.pk}
    assert rollups[first.pk].total_members == 1 + 1 + 4 * 10
    assert Organization.objects.rollups([]) == {}
    assert root.pk not in rollups
