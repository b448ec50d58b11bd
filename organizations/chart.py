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

A page shows a chart as a `ChartPage`: the facts of its head and the tree already in
HTML, built in one pass in Python (`render()`: a template include per node cost most of
the page). Today's is kept in the cache until the content state moves
(`today_page()`); a past date's is built for each request. Figures:
docs/performance.md ("The organization chart and pages, rendered").
"""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import pagecache
import vntext
from organizations import models
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


# --- the chart as its page shows it ------------------------------------------------------


@dataclass(frozen=True)
class ChartPage:
    """What the chart page shows of a chart: the head's facts and the tree in HTML.

    Small and picklable, so that today's can be kept in the cache (`today_page()`).
    """

    day: date
    is_today: bool
    root: ChartNode | None  # without its children: they are in `tree`
    committee_count: int
    cell_count: int
    tree: SafeString  # the two groups (Đảng bộ cơ sở, Chi bộ cơ sở) and the ended list

    @property
    def grassroots_count(self) -> int:
        return self.committee_count + self.cell_count


def today_page() -> ChartPage:
    """Today's chart page, kept until the content state moves (a commit, midnight)."""
    key = f"organizations:chart:{_code_fingerprint()}"
    return pagecache.per_content_state(key, lambda: render(current_chart()))


@cache
def _code_fingerprint() -> str:
    """A digest of the code that makes a `ChartPage`: a deploy that changes the markup or
    the classes stored is never served a page made by the code before it."""
    template = get_template("organizations/includes/chart_tree.html").origin.name
    digest = hashlib.sha256()
    for path in (Path(__file__), Path(models.__file__), Path(template)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_as_of(day: date) -> ChartPage:
    """The chart page of `day`: a past date's is built for each request, never cached."""
    if day >= timezone.localdate():
        return today_page()
    return render(chart_as_of(day))


def render(chart: Chart) -> ChartPage:
    """The tree's HTML in one pass (docs/organizations.md, "The chart as of a date")."""
    show_members = chart.is_today
    url = _detail_url()
    tree = render_to_string(
        "organizations/includes/chart_tree.html",
        {
            "chart": chart,
            "committees": _items(chart.committees, url, show_members),
            "cells": _items(chart.cells, url, show_members),
        },
    )
    root = replace(chart.root, children=[]) if chart.root else None
    return ChartPage(
        day=chart.day,
        is_today=chart.is_today,
        root=root,
        committee_count=len(chart.committees),
        cell_count=len(chart.cells),
        tree=tree,
    )


def _detail_url():
    """`ChartNode.url` without a `reverse()` per node: slugs need no quoting."""
    placeholder = "slug-placeholder"
    head, tail = reverse("organizations:organization_detail", kwargs={"slug": placeholder}).split(
        placeholder
    )
    return lambda slug: f"{head}{slug}{tail}"


def _items(nodes: list[ChartNode], url, show_members: bool) -> SafeString:
    """The <li> of each Đảng bộ cơ sở or Chi bộ cơ sở, with everything below it."""
    out: list[str] = []
    for node in nodes:
        out.append(
            f'<li class="org-node org-node--{escape(node.kind)}">\n'
            '<div class="org-node__row">\n'
            f'<a class="org-node__name" href="{escape(url(node.slug))}">{escape(node.name)}</a>\n'
        )
        if show_members:
            out.append(_members(node))
        out.append("</div>\n")
        if node.children:
            rollup = node.rollup or Rollup()
            if rollup.intermediate_committees:
                summary = (
                    f"{len(node.children)} tổ chức trực thuộc ({rollup.intermediate_committees}"
                    f" đảng bộ bộ phận, {rollup.subordinate_cells} chi bộ)"
                )
            else:
                summary = f"{len(node.children)} chi bộ trực thuộc"
            _below(out, node, summary, url, show_members, badge=True)
        out.append("</li>\n")
    return mark_safe("".join(out))  # every value above is escaped


def _subnode(out: list[str], node: ChartNode, url, show_members: bool, badge: bool) -> None:
    """A node below a TCCS, at any depth, and its own sub-organizations."""
    out.append(
        f'<li class="org-subnode org-subnode--{escape(node.kind)}">\n'
        '<div class="org-node__row">\n'
        f'<a href="{escape(url(node.slug))}">{escape(node.name)}</a>\n'
    )
    if badge:
        out.append(f'<span class="org-badge">{escape(node.kind_label)}</span>\n')
    if show_members:
        out.append(_members(node))
    out.append("</div>\n")
    if node.children:
        summary = f"{len(node.children)} chi bộ trực thuộc"
        _below(out, node, summary, url, show_members, badge=False)
    out.append("</li>\n")


def _below(out, node, summary, url, show_members, badge) -> None:
    """The sub-organizations in <details>: they open with the keyboard, without script."""
    out.append(
        '<details class="org-node__more">\n'
        f'<summary class="org-node__toggle">{summary}</summary>\n'
        '<ul class="org-sublist">\n'
    )
    for child in node.children:
        _subnode(out, child, url, show_members, badge)
    out.append("</ul>\n</details>\n")


def _members(node: ChartNode) -> str:
    total = node.rollup.total_members if node.rollup else 0
    return f'<span class="org-node__members">{intcomma(total)} đảng viên</span>\n'
