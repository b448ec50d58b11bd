"""Small factories for organization tests: rows written directly, no history."""

from datetime import date
from itertools import count

from organizations.models import Cadre, Organization, Position, Term

K = Organization.Kind
_numbers = count(1)


def bloc(**fields) -> Organization:
    fields.setdefault("name", "Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh")
    fields.setdefault("established_on", date(2019, 6, 26))
    return Organization.objects.create(kind=K.BLOC, parent=None, **fields)


def org(kind, parent, **fields) -> Organization:
    n = next(_numbers)
    fields.setdefault("name", f"{Organization.Kind(kind).label} số {n}")
    fields.setdefault("established_on", date(2019, 7, 15))
    return Organization.objects.create(kind=kind, parent=parent, **fields)


def committee(parent, **fields) -> Organization:
    return org(K.GRASSROOTS_COMMITTEE, parent, **fields)


def cell(parent, **fields) -> Organization:
    return org(K.GRASSROOTS_CELL, parent, **fields)


def intermediate(parent, **fields) -> Organization:
    return org(K.INTERMEDIATE_COMMITTEE, parent, **fields)


def subcell(parent, **fields) -> Organization:
    return org(K.SUBORDINATE_CELL, parent, **fields)


def cadre(**fields) -> Cadre:
    fields.setdefault("full_name", f"Nguyễn Văn {next(_numbers)}")
    return Cadre.objects.create(**fields)


def position(organization, person=None, **fields) -> Position:
    fields.setdefault("body", Position.Body.BCH)
    fields.setdefault("title", Position.Title.UY_VIEN_BCH)
    return Position.objects.create(organization=organization, cadre=person or cadre(), **fields)


def term(organization, start_year=2020, end_year=2025, **fields) -> Term:
    return Term.objects.create(
        organization=organization, start_year=start_year, end_year=end_year, **fields
    )


def tree(*, committees: int, cells: int, intermediates: int = 1, subcells: int = 2):
    """A Đảng bộ Khối with `committees` Đảng bộ cơ sở (each holding `intermediates`
    Đảng bộ bộ phận of `subcells` Chi bộ trực thuộc, plus `subcells` direct ones) and
    `cells` Chi bộ cơ sở. Members: 1 per Đảng bộ cơ sở / Đảng bộ bộ phận, 10 per chi bộ.
    """
    root = bloc(member_count=0)
    rows = []
    for i in range(committees):
        top = Organization(
            kind=K.GRASSROOTS_COMMITTEE, parent=root, name=f"Đảng bộ {i}", member_count=1
        )
        rows.append(top)
    for i in range(cells):
        rows.append(
            Organization(kind=K.GRASSROOTS_CELL, parent=root, name=f"Chi bộ {i}", member_count=10)
        )
    _bulk(rows)
    below = []
    for top in rows:
        if top.kind != K.GRASSROOTS_COMMITTEE:
            continue
        for j in range(intermediates):
            below.append(
                Organization(
                    kind=K.INTERMEDIATE_COMMITTEE,
                    parent=top,
                    name=f"{top.name} bộ phận {j}",
                    member_count=1,
                )
            )
        for j in range(subcells):
            below.append(
                Organization(
                    kind=K.SUBORDINATE_CELL,
                    parent=top,
                    name=f"{top.name} chi bộ {j}",
                    member_count=10,
                )
            )
    _bulk(below)
    leaves = [
        Organization(
            kind=K.SUBORDINATE_CELL, parent=mid, name=f"{mid.name} chi bộ {j}", member_count=10
        )
        for mid in below
        if mid.kind == K.INTERMEDIATE_COMMITTEE
        for j in range(subcells)
    ]
    _bulk(leaves)
    return root


def _bulk(rows):
    for row in rows:
        row.slug = f"to-chuc-{next(_numbers)}"
    Organization.objects.bulk_create(rows)
