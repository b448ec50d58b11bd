"""The organization chart, today or as it stood on any past date.

Both are built from a constant number of queries, whatever the size of the tree:

- today: every organization (one query) and the roll-ups of every active subtree
  (one recursive CTE, `OrganizationQuerySet.rollups()`);
- a past date: every organization and every event (two queries), then the tree is
  rebuilt in Python. An organization exists on day D when it was founded on or before
  D (`established_on`; always, when unknown) and had not yet ended (`ended_on` after D).
  Its name, kind and parent on D are today's values with every event dated after D
  undone, newest first, by taking that event's `before` values. Member counts are not
  part of the history (they are updated without decisions), so past charts show the
  structure only.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import formats, timezone

import vntext
from organizations.models import Organization, OrganizationEvent, Rollup

# What the chart reads of each organization.
CHART_FIELDS = (
    "id",
    "slug",
    "name",
    "short_name",
    "kind",
    "parent_id",
    "status",
    "established_on",
    "ended_on",
    "member_count",
    "order",
)
# Past-date inputs the public may type: the ISO form of <input type="date"> and the
# Vietnamese day/month/year forms.


@dataclass
class ChartNode:
    pk: int
    slug: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    status: str
    established_on: date | None
    ended_on: date | None
    order: int
    member_count: int | None = None  # None: not known for that date
    rollup: Rollup | None = None
    children: list["ChartNode"] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return Organization.Kind(self.kind).label

    @property
    def status_label(self) -> str:
        return Organization.Status(self.status).label

    @property
    def url(self) -> str:
        return reverse("organizations:organization_detail", kwargs={"slug": self.slug})

    @property
    def descendant_count(self) -> int:
        return sum(1 + child.descendant_count for child in self.children)

    def sort(self) -> None:
        # Folded names sort Vietnamese sensibly ("Đ" with "D", not after "Z").
        self.children.sort(key=lambda node: (node.order, vntext.fold(node.name), node.name))
        for child in self.children:
            child.sort()


@dataclass
class Chart:
    day: date
    is_today: bool
    root: ChartNode | None
    ended: list[ChartNode] = field(default_factory=list)  # today's chart only

    @property
    def committees(self) -> list[ChartNode]:
        """The Đảng bộ cơ sở directly under the Đảng bộ Khối."""
        return self._top(Organization.Kind.GRASSROOTS_COMMITTEE)

    @property
    def cells(self) -> list[ChartNode]:
        """The Chi bộ cơ sở directly under the Đảng bộ Khối."""
        return self._top(Organization.Kind.GRASSROOTS_CELL)

    @property
    def grassroots_count(self) -> int:
        return len(self.committees) + len(self.cells)

    def _top(self, kind) -> list[ChartNode]:
        return [node for node in self.root.children if node.kind == kind] if self.root else []


def parse_day(value: str) -> date:
    """A date typed by the public; ValueError (with a Vietnamese message) when it is not one."""
    value = (value or "").strip()
    for fmt in formats.get_format("DATE_INPUT_FORMATS"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    raise ValueError(
        f"«{value[:40]}» không phải là một ngày hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, "
        "ví dụ 15/10/2021."
    )


def current_chart() -> Chart:
    """Today's tree with roll-ups: two queries."""
    organizations = list(Organization.objects.only(*CHART_FIELDS))
    rollups = Organization.objects.rollups()
    nodes = {}
    ended = []
    for org in organizations:
        node = _node(org, org.name, org.short_name, org.kind, org.parent_id)
        if org.is_active():
            node.member_count = org.member_count
            node.rollup = rollups.get(org.pk, Rollup())
            nodes[org.pk] = node
        else:
            ended.append(node)
    ended.sort(key=lambda node: (node.ended_on, vntext.fold(node.name)), reverse=True)
    return Chart(day=timezone.localdate(), is_today=True, root=_assemble(nodes), ended=ended)


def chart_as_of(day: date) -> Chart:
    """The tree as it stood on `day`: two queries, then history is undone in Python."""
    if day >= timezone.localdate():
        return current_chart()
    organizations = list(Organization.objects.only(*CHART_FIELDS))
    states = {
        org.pk: {
            "name": org.name,
            "short_name": org.short_name,
            "kind": org.kind,
            "parent_id": org.parent_id,
        }
        for org in organizations
    }
    later = (
        OrganizationEvent.objects.filter(date__gt=day)
        .order_by("-date", "-pk")
        .values_list("organization_id", "before")
    )
    for organization_id, before in later:
        state = states.get(organization_id)
        if state is not None and before:
            state.update({key: before[key] for key in state if key in before})
    nodes = {}
    for org in organizations:
        founded = org.established_on is None or org.established_on <= day
        not_ended = org.ended_on is None or day < org.ended_on
        if founded and not_ended:
            state = states[org.pk]
            nodes[org.pk] = _node(
                org, state["name"], state["short_name"], state["kind"], state["parent_id"]
            )
    root = _assemble(nodes)
    if root is not None:
        _count_in_python(root)
    return Chart(day=day, is_today=False, root=root)


def _node(org, name, short_name, kind, parent_id) -> ChartNode:
    return ChartNode(
        pk=org.pk,
        slug=org.slug,
        name=name,
        short_name=short_name,
        kind=kind,
        parent_id=parent_id,
        status=org.status,
        established_on=org.established_on,
        ended_on=org.ended_on,
        order=org.order,
    )


def _assemble(nodes: dict[int, ChartNode]) -> ChartNode | None:
    """Hang every node under its parent; return the Đảng bộ Khối (the one root)."""
    root = None
    for node in nodes.values():
        if node.parent_id is None:
            if node.kind == Organization.Kind.BLOC and root is None:
                root = node
        elif node.parent_id in nodes:
            nodes[node.parent_id].children.append(node)
    if root is not None:
        root.sort()
    return root


def _count_in_python(node: ChartNode) -> None:
    """Sub-organizations by kind on a rebuilt past tree (members are not known then)."""
    rollup = Rollup(total_members=0)
    for child in node.children:
        _count_in_python(child)
        for kind, attribute in _KIND_COUNTERS.items():
            value = getattr(rollup, attribute) + getattr(child.rollup, attribute)
            setattr(rollup, attribute, value + (1 if child.kind == kind else 0))
    node.rollup = rollup


_KIND_COUNTERS = {
    Organization.Kind.GRASSROOTS_COMMITTEE: "committees",
    Organization.Kind.GRASSROOTS_CELL: "cells",
    Organization.Kind.INTERMEDIATE_COMMITTEE: "intermediate_committees",
    Organization.Kind.SUBORDINATE_CELL: "subordinate_cells",
}
