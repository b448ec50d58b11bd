"""History operations on the organization tree, each ordered by a numbered decision.

`establish`, `rename`, `upgrade`, `move`, `merge` and `dissolve` are the only ways the
admin, the CSV-less parts of the demo data and the tests change the shape of the tree.
Each is keyword-only, runs in one transaction on locked rows, calls `full_clean()` before
every save and writes one `OrganizationEvent` per organization it changes, with the
tracked values before and after (`Organization.snapshot()`). Nothing is deleted. They
speak the dialect of `news.workflow` (docs/architecture.md, "Workflows"): what every
event records besides the operation's own inputs comes as one `Change` (date, decision,
actor, note); each returns the organization it acted on (the one it founded, or merged
into), and the caller's instances are given the stored values.

Rules every operation shares (docs/organizations.md, "History operations"):

- only active organizations change; the Đảng bộ Khối is dissolved only by a caller that
  says so (`dissolve(allow_root=True)`, which the admin never passes);
- the effective date is not in the future, and history is written in order, which is
  what lets `organizations.chart` rebuild the tree, consistent with the placement rules,
  as of any date. The date is not earlier than
  1. the founding or latest recorded event of any organization the operation changes;
  2. the day a parent it places an organization under took its current kind (its
     founding or latest upgrade): establish, move, and the sub-organizations a merger
     hands over;
  3. for an organization it ends (merge, dissolve, each one of a cascade), the day the
     last of its sub-organizations, current or former, left it (moved out, dissolved,
     merged).
- the `actor` needs the `organizations.change_organization` permission; code that acts
  for no person (the demo, tests of the rules) passes `skip_permission_checks=True`
  instead, as Wagtail's actions do: leaving the actor out is refused, never a bypass.

Decisions about members, children and positions:

- `upgrade` may found the new chi bộ trực thuộc in the same decision; the members given
  to them leave the upgraded organization's direct count, so the total stays the same.
- `merge` adds each source's direct members to the target and moves the sources' active
  sub-organizations under the target (refused if the target cannot hold them). The
  source keeps its last member count as a record; roll-ups only count active
  organizations, so nobody is counted twice.
- `dissolve` refuses an organization that still has active sub-organizations unless
  `cascade=True`, which dissolves the whole subtree, deepest first, under the same
  decision.
- Ending an organization (merge, dissolve) ends its open positions on that date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from organizations.models import Organization, OrganizationEvent, Position
from pagecache import content_changed
from recording import recorded_user, stored_on

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    Actor = AbstractBaseUser

CHANGE_PERMISSION = "organizations.change_organization"
ENDING_VERBS = {
    Organization.Status.DISSOLVED: "giải thể",
    Organization.Status.MERGED: "hợp nhất",
}

# Fields `establish` accepts besides name, kind and parent.
DETAIL_FIELDS = frozenset(
    {
        "short_name",
        "slug",
        "host_unit",
        "description",
        "address",
        "phone",
        "email",
        "member_count",
        "order",
    }
)


@dataclass(frozen=True)
class Decision:
    """The decision that orders a change: "1405-QĐ/TU ngày 10/10/2021 của Tỉnh ủy"."""

    number: str = ""
    signed_on: Date | None = None
    issuer: str = ""


NO_DECISION = Decision()


@dataclass(frozen=True)
class Change:
    """What every operation records beside its own inputs, in each event it writes: the
    effective `date`, the `decision` that orders it, the `actor` who records it (None
    only with `skip_permission_checks=True`) and a `note`."""

    date: Date
    decision: Decision = NO_DECISION
    actor: Actor | None = None
    note: str = ""

    def noted(self, note: str) -> Change:
        """The same change with another note (the events an operation writes on the side)."""
        return replace(self, note=note)


@dataclass(frozen=True)
class NewCell:
    """A chi bộ trực thuộc founded together with an upgrade."""

    name: str
    short_name: str = ""
    member_count: int = 0


@transaction.atomic
def establish(
    *,
    name: str,
    kind: str,
    parent: Organization | None,
    change: Change,
    skip_permission_checks: bool = False,
    **details,
) -> Organization:
    """Found an organization under `parent`, effective `change.date` (its `established_on`)."""
    _check_actor(change, skip_permission_checks)
    unknown = set(details) - DETAIL_FIELDS
    if unknown:
        raise TypeError(f"establish() got unexpected fields: {', '.join(sorted(unknown))}")
    _check_decision(change)
    if parent is not None:
        parent = _lock(parent)
        _check_parent_date(parent, change.date, what="Ngày thành lập")
    organization = Organization(
        name=name.strip(), kind=kind, parent=parent, established_on=change.date, **details
    )
    _save(organization, OrganizationEvent.Kind.ESTABLISHED, change, before={})
    return organization


@transaction.atomic
def rename(
    *,
    organization: Organization,
    name: str,
    short_name: str | None = None,
    change: Change,
    skip_permission_checks: bool = False,
) -> Organization:
    """Give an organization a new name (and short name); its address (slug) stays."""
    org = _open(organization, change, skip_permission_checks)
    before = org.snapshot()
    org.name = name.strip()
    if short_name is not None:
        org.short_name = short_name.strip()
    if org.name == before["name"] and org.short_name == before["short_name"]:
        raise ValidationError({"name": "Tên mới trùng với tên hiện tại."})
    _save(org, OrganizationEvent.Kind.RENAMED, change, before=before)
    return _stored(organization, org)


@transaction.atomic
def upgrade(
    *,
    organization: Organization,
    name: str | None = None,
    short_name: str | None = None,
    new_cells: Sequence[NewCell] = (),
    change: Change,
    skip_permission_checks: bool = False,
) -> Organization:
    """Upgrade a chi bộ cơ sở to a đảng bộ cơ sở (or a chi bộ trực thuộc to a đảng bộ bộ phận).

    `new_cells` are founded under it by the same decision ("nâng cấp 01 chi bộ cơ sở lên
    thành Đảng bộ cơ sở gồm 4 chi bộ trực thuộc"); the members given to them leave the
    upgraded organization's own count. A new `name` often comes with the upgrade
    ("Chi bộ Sở Tài chính" → "Đảng bộ Sở Tài chính").
    """
    org = _open(organization, change, skip_permission_checks)
    new_kind = org.upgrade_kind
    if new_kind is None:
        raise ValidationError(
            {
                "kind": f"{org.get_kind_display()} không thể nâng cấp. Chỉ nâng cấp Chi bộ cơ sở "
                "lên Đảng bộ cơ sở, hoặc Chi bộ trực thuộc lên Đảng bộ bộ phận."
            }
        )
    given = sum(cell.member_count for cell in new_cells)
    if given > org.member_count:
        raise ValidationError(
            {
                "new_cells": f"Các chi bộ mới nhận tổng cộng {given} đảng viên, nhiều hơn "
                f"số đảng viên hiện có của «{org.name}» ({org.member_count})."
            }
        )
    before = org.snapshot()
    org.kind = new_kind
    if name:
        org.name = name.strip()
    if short_name is not None:
        org.short_name = short_name.strip()
    org.member_count -= given
    _save(org, OrganizationEvent.Kind.UPGRADED, change, before=before)
    for cell in new_cells:
        establish(
            name=cell.name,
            short_name=cell.short_name,
            member_count=cell.member_count,
            kind=Organization.Kind.SUBORDINATE_CELL,
            parent=org,
            change=change.noted(f"Thành lập khi nâng cấp {before['name']}."),
            skip_permission_checks=skip_permission_checks,
        )
    return _stored(organization, org)


@transaction.atomic
def move(
    *,
    organization: Organization,
    parent: Organization,
    change: Change,
    skip_permission_checks: bool = False,
) -> Organization:
    """Place an organization (with everything below it) under another parent."""
    org = _open(organization, change, skip_permission_checks)
    if parent is None:
        raise ValidationError({"parent": "Cần chọn tổ chức cấp trên mới."})
    new_parent = _lock(parent)
    if new_parent.pk == org.parent_id:
        raise ValidationError({"parent": f"«{org.name}» đã trực thuộc «{new_parent.name}»."})
    _check_parent_date(new_parent, change.date)
    _move(org, new_parent, change)
    return _stored(organization, org)


@transaction.atomic
def merge(
    *,
    sources: Sequence[Organization],
    into: Organization | None = None,
    name: str = "",
    kind: str = "",
    parent: Organization | None = None,
    change: Change,
    skip_permission_checks: bool = False,
    **details,
) -> Organization:
    """Merge `sources` into the existing organization `into` (sáp nhập), or into a new one.

    For a new organization (hợp nhất) give `name`, `kind`, `parent` and any detail
    `establish` accepts instead of `into`; it needs at least two sources. Returns the
    organization the sources were merged into (`into` itself, or the new one).
    """
    _check_actor(change, skip_permission_checks)
    if (into is None) == (not name):
        raise ValidationError(
            "Chọn một tổ chức có sẵn để hợp nhất vào, hoặc nhập tên tổ chức mới (không cả hai)."
        )
    source_ids = list(dict.fromkeys(source.pk for source in sources))
    if into is None and len(source_ids) < 2:
        raise ValidationError({"sources": "Hợp nhất thành tổ chức mới cần ít nhất hai tổ chức."})
    if not source_ids:
        raise ValidationError({"sources": "Chọn ít nhất một tổ chức để hợp nhất."})
    locked = {
        org.pk: org for org in Organization.objects.select_for_update().filter(pk__in=source_ids)
    }
    merged = [locked[pk] for pk in source_ids]
    for org in merged:
        _check_can_change(org, change)
        if org.is_bloc:
            raise ValidationError(
                {"sources": "Đảng bộ Khối không thể hợp nhất vào một tổ chức trong cây."}
            )
        _check_sub_organizations_left(org, change.date)
    if into is not None:
        target = _lock(into)
        if target.pk in locked:
            raise ValidationError({"into": "Không thể hợp nhất một tổ chức vào chính nó."})
        _check_can_change(target, change)
        above = set(
            Organization.objects.ancestors(target, include_self=True).values_list("pk", flat=True)
        )
        inside = [org.name for org in merged if org.pk in above]
        if inside:
            raise ValidationError(
                {
                    "into": f"«{target.name}» nằm bên trong «{inside[0]}»: không thể hợp nhất "
                    "một tổ chức vào tổ chức trực thuộc nó."
                }
            )
    else:
        if parent is not None and parent.pk in locked:
            raise ValidationError(
                {"parent": f"«{parent.name}» đang được hợp nhất, không thể làm cấp trên."}
            )
        names = ", ".join(org.name for org in merged)
        target = establish(
            name=name,
            kind=kind,
            parent=parent,
            change=change.noted(change.note or f"Thành lập trên cơ sở hợp nhất: {names}."),
            skip_permission_checks=skip_permission_checks,
            **details,
        )
    for org in merged:
        for child in org.children.select_for_update().filter(status=Organization.Status.ACTIVE):
            _check_date(child, change.date)
            try:
                _move(child, target, change.noted(f"Do hợp nhất {org.name} vào {target.name}."))
            except ValidationError as error:
                raise ValidationError(
                    {
                        "into": f"«{child.name}» ({child.get_kind_display()}, trực thuộc "
                        f"«{org.name}») không thể chuyển sang «{target.name}»: "
                        + " ".join(error.messages)
                    }
                ) from error
        before = org.snapshot()
        org.status = Organization.Status.MERGED
        org.ended_on = change.date
        org.merged_into = target
        _save(org, OrganizationEvent.Kind.MERGED, change, before=before, related=target)
        _end_positions(org, change.date)
        before = target.snapshot()
        target.member_count += org.member_count
        _save(target, OrganizationEvent.Kind.ABSORBED, change, before=before, related=org)
    for source in sources:
        _stored(source, locked[source.pk])
    return target if into is None else _stored(into, target)


@transaction.atomic
def dissolve(
    *,
    organization: Organization,
    cascade: bool = False,
    allow_root: bool = False,
    change: Change,
    skip_permission_checks: bool = False,
) -> Organization:
    """Dissolve an organization; with `cascade`, everything still active below it first.

    Without `cascade` an organization with active sub-organizations is refused: they
    must be moved, merged or dissolved first. The Đảng bộ Khối, the root of the whole
    tree, is refused unless `allow_root` says the caller means it (a decision of the
    Tỉnh ủy, recorded by a script; the admin never offers it). The events are written
    deepest first.
    """
    _check_actor(change, skip_permission_checks)
    org = _lock(organization)
    if org.is_bloc and not allow_root:
        raise ValidationError(
            f"Không thể giải thể «{org.name}»: Đảng bộ Khối là gốc của cả cây tổ chức. "
            "Việc kết thúc Đảng bộ Khối theo quyết định của cấp trên do quản trị hệ thống "
            "thực hiện."
        )
    _check_can_change(org, change)
    below = _lock_active_subtree(org)
    if below and not cascade:
        names = ", ".join(f"«{child.name}»" for child in below[:3])
        more = f" và {len(below) - 3} tổ chức khác" if len(below) > 3 else ""
        raise ValidationError(
            {
                "cascade": f"«{org.name}» còn {len(below)} tổ chức trực thuộc đang hoạt động "
                f"({names}{more}). Hãy chuyển, hợp nhất hoặc giải thể các tổ chức đó trước, "
                "hoặc chọn giải thể cả các tổ chức trực thuộc."
            }
        )
    for node in [*below, org]:
        if node is not org:
            _check_date(node, change.date)
        _check_sub_organizations_left(node, change.date)
        before = node.snapshot()
        node.status = Organization.Status.DISSOLVED
        node.ended_on = change.date
        noted = change if node is org else change.noted(f"Giải thể cùng {org.name}. {change.note}")
        _save(node, OrganizationEvent.Kind.DISSOLVED, noted, before=before)
        _end_positions(node, change.date)
    return _stored(organization, org)


def _move(org: Organization, parent: Organization, change: Change) -> None:
    before = org.snapshot()
    org.parent = parent
    _save(org, OrganizationEvent.Kind.MOVED, change, before=before)  # placement and cycles


def _open(organization: Organization, change: Change, skip_permission_checks: bool):
    """The start every operation on one organization shares: the actor may act, the row
    is locked, and it may still change on `change.date`."""
    _check_actor(change, skip_permission_checks)
    org = _lock(organization)
    _check_can_change(org, change)
    return org


def _stored(caller: Organization, stored: Organization) -> Organization:
    """The caller's instance, given the values of the row just stored (as news.workflow
    does for articles): the convention of docs/architecture.md, "Workflows"."""
    return stored_on(
        caller, stored, [field.attname for field in Organization._meta.concrete_fields]
    )


def _lock(organization: Organization) -> Organization:
    """A fresh copy of the row, locked until the transaction ends (PostgreSQL)."""
    try:
        return Organization.objects.select_for_update().get(pk=organization.pk)
    except Organization.DoesNotExist as error:
        raise ValidationError("Tổ chức không tồn tại.") from error


def _lock_active_subtree(org: Organization) -> list[Organization]:
    """Every active organization below `org`, locked, deepest first.

    Listing and locking are two statements: an organization moved or founded under one
    of the listed rows in between would be missed. So the list is read again after each
    round of locks until nothing new appears; once every row of the subtree is locked,
    no operation can place anything under them (each locks the parent it places under)
    until this transaction ends. The rows returned are read after the locks.
    """
    locked = set()
    while True:
        depths = dict(
            Organization.objects.active().descendants(org).values_list("pk", "tree_depth")
        )
        new = depths.keys() - locked
        if not new:
            break
        list(Organization.objects.select_for_update().filter(pk__in=new).values_list("pk"))
        locked |= new
    rows = Organization.objects.filter(pk__in=depths)
    return sorted(rows, key=lambda node: (-depths[node.pk], node.pk))


def _check_actor(change: Change, skip_permission_checks: bool) -> None:
    """The actor may change organizations; code without a person (the demo, imports,
    tests of the rules) says so by name with `skip_permission_checks=True`."""
    if skip_permission_checks:
        return
    actor = change.actor
    if actor is None:
        raise PermissionDenied(
            "Cần cho biết ai thực hiện thay đổi (hoặc skip_permission_checks=True cho tập lệnh)."
        )
    if not actor.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied("Bạn không có quyền thay đổi tổ chức đảng.")


def check_decision_date(signed_on: Date | None) -> None:
    """A decision is recorded once it is signed: not dated after today.

    Also checked where the admin lets an event's decision details be corrected.
    """
    if signed_on and signed_on > timezone.localdate():
        raise ValidationError({"decision_date": "Ngày quyết định không thể sau hôm nay."})


def _check_decision(change: Change) -> None:
    date = change.date
    if date is None:
        raise ValidationError({"date": "Cần ngày hiệu lực."})
    if date > timezone.localdate():
        raise ValidationError({"date": "Ngày hiệu lực không thể sau hôm nay."})
    check_decision_date(change.decision.signed_on)


def _check_can_change(org: Organization, change: Change) -> None:
    if not org.is_active():
        raise ValidationError(f"«{org.name}» {org.ended_label().lower()}, không thể thay đổi.")
    _check_decision(change)
    _check_date(org, change.date)


def _check_date(org: Organization, date: Date) -> None:
    """History is written in order: nothing dated before the organization's last change."""
    if org.established_on and date < org.established_on:
        raise ValidationError(
            {
                "date": f"Ngày hiệu lực không thể trước ngày thành lập của «{org.name}» "
                f"({org.established_on:%d/%m/%Y})."
            }
        )
    latest = org.events.aggregate(latest=Max("date"))["latest"]
    if latest and date < latest:
        raise ValidationError(
            {
                "date": f"Ngày hiệu lực không thể trước sự kiện gần nhất của «{org.name}» "
                f"({latest:%d/%m/%Y}): lịch sử được ghi theo thứ tự thời gian."
            }
        )


def _check_parent_date(parent: Organization, date: Date, what: str = "Ngày hiệu lực") -> None:
    """Rule 2: on `date` the parent already had its current kind (founded, last upgraded).

    Otherwise the chart of a day in between would show the new sub-organization under
    a parent of a kind that cannot hold it (a chi bộ trực thuộc under a chi bộ cơ sở).
    """
    if parent.established_on and date < parent.established_on:
        raise ValidationError(
            {
                "date": f"{what} không thể trước ngày thành lập của «{parent.name}» "
                f"({parent.established_on:%d/%m/%Y})."
            }
        )
    upgraded = (
        parent.events.filter(kind=OrganizationEvent.Kind.UPGRADED, date__gt=date)
        .order_by("-date", "-pk")
        .first()
    )
    if upgraded:
        raise ValidationError(
            {
                "date": f"{what} không thể trước ngày {upgraded.date:%d/%m/%Y}: «{parent.name}» "
                f"là {parent.get_kind_display()} từ ngày đó (sự kiện «{upgraded.describe()}»)."
            }
        )


def _check_sub_organizations_left(org: Organization, date: Date) -> None:
    """Rule 3: an organization ends no earlier than its last sub-organization left it.

    A sub-organization that moved out, or ended, after `date` was still under `org` on
    the days in between; ending `org` before that would leave it without a parent on
    the chart of those days.
    """
    moved_out = (
        OrganizationEvent.objects.filter(
            kind=OrganizationEvent.Kind.MOVED, before__parent_id=org.pk, date__gt=date
        )
        .select_related("organization")
        .order_by("-date", "-pk")
        .first()
    )
    ended = org.children.ended().filter(ended_on__gt=date).order_by("-ended_on", "-pk").first()
    conflicts = []
    if moved_out:
        conflicts.append(
            (
                moved_out.date,
                f"«{moved_out.organization.name}» chuyển sang trực thuộc "
                f"«{moved_out.after.get('parent_name', '')}»",
            )
        )
    if ended:
        conflicts.append((ended.ended_on, f"«{ended.name}» {ENDING_VERBS[ended.status]}"))
    if conflicts:
        day, what = max(conflicts, key=lambda conflict: conflict[0])
        raise ValidationError(
            {
                "date": f"Ngày hiệu lực không thể trước ngày {day:%d/%m/%Y}: đến ngày đó "
                f"«{org.name}» vẫn còn tổ chức trực thuộc ({what} ngày {day:%d/%m/%Y})."
            }
        )


def _end_positions(org: Organization, date: Date) -> None:
    """Positions still open in an organization that ends, end with it."""
    Position.objects.filter(organization=org, ended_on__isnull=True).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=date)
    ).update(ended_on=date)


def _save(org, kind, change: Change, *, before, related=None) -> OrganizationEvent:
    """Validate and save `org`, then record the event `kind` of `change` that made it so."""
    org.full_clean()
    org.save()
    event = OrganizationEvent(
        organization=org,
        kind=kind,
        date=change.date,
        decision_number=change.decision.number.strip(),
        decision_date=change.decision.signed_on,
        decision_issuer=change.decision.issuer.strip(),
        related=related,
        before=before,
        after=org.snapshot(),
        note=change.note.strip(),
        created_by=recorded_user(change.actor),
    )
    event.full_clean()
    event.save()
    content_changed()  # every operation records its events: public pages change on commit
    return event
