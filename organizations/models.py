"""Party organizations of the Đảng bộ Khối: the tree, its history, terms, cadres, positions.

The tree is a parent foreign key queried with recursive CTEs (django-tree-queries).
Changes to the tree (establish, rename, upgrade, move, merge, dissolve) go through
`organizations.workflow`, which writes an `OrganizationEvent` with the values before and
after, so that the chart can be rebuilt as it stood on any date.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from tree_queries.fields import TreeNodeForeignKey
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

import vntext
from recording import user_field
from safeimage.fields import SafeImageField
from vntext.fields import AutoSlugField


@dataclass
class Rollup:
    """Totals over an organization's active subtree (the organization itself included)."""

    total_members: int = 0
    committees: int = 0  # Đảng bộ cơ sở below it
    cells: int = 0  # Chi bộ cơ sở below it
    intermediate_committees: int = 0  # Đảng bộ bộ phận below it
    subordinate_cells: int = 0  # Chi bộ trực thuộc below it

    @property
    def descendants(self) -> int:
        return self.committees + self.cells + self.intermediate_committees + self.subordinate_cells

    @property
    def grassroots(self) -> int:
        return self.committees + self.cells


# Roll-ups are one statement: a recursive CTE pairs each active organization of the
# anchor set with every active organization below it (itself included), then one
# GROUP BY sums members and counts kinds. Standard SQL, the same on PostgreSQL and SQLite.
_CLOSURE_SQL = """
closure (ancestor_id, descendant_id) AS (
    SELECT id, id FROM {anchor}
    UNION ALL
    SELECT closure.ancestor_id, child.id
    FROM closure JOIN {table} child ON child.parent_id = closure.descendant_id
    WHERE child.status = %s
)"""
_SUMS_SQL = """
       SUM(org.member_count),
       SUM(CASE WHEN org.kind = %s AND org.id <> closure.ancestor_id THEN 1 ELSE 0 END),
       SUM(CASE WHEN org.kind = %s AND org.id <> closure.ancestor_id THEN 1 ELSE 0 END),
       SUM(CASE WHEN org.kind = %s AND org.id <> closure.ancestor_id THEN 1 ELSE 0 END),
       SUM(CASE WHEN org.kind = %s AND org.id <> closure.ancestor_id THEN 1 ELSE 0 END)"""
# The organization's own active subtree, as the anchor set of the closure.
_SUBTREE_SQL = """
subtree (id) AS (
    SELECT id FROM {table} WHERE id = %s AND status = %s
    UNION ALL
    SELECT child.id FROM subtree JOIN {table} child ON child.parent_id = subtree.id
    WHERE child.status = %s
),"""
# What a subtree row carries besides its roll-up (Organization field names).
SUBTREE_FIELDS = ("id", "name", "short_name", "slug", "kind", "parent_id", "member_count", "order")


class OrganizationQuerySet(TreeQuerySet):
    def active(self):
        return self.filter(status=Organization.Status.ACTIVE)

    def ended(self):
        """Dissolved or merged: kept, browsable, no longer in the tree of today."""
        return self.exclude(status=Organization.Status.ACTIVE)

    def grassroots(self):
        """TCCS: the Đảng bộ cơ sở and Chi bộ cơ sở directly under the Đảng bộ Khối."""
        return self.filter(kind__in=Organization.GRASSROOTS_KINDS)

    def root(self):
        """The active Đảng bộ Khối, or None."""
        return self.active().filter(kind=Organization.Kind.BLOC).first()

    def rollups(self, ids=None) -> dict[int, Rollup]:
        """Member totals and sub-organizations by kind over each active subtree, in one query.

        `ids` limits the result to those organizations (their whole subtrees are still
        counted); without it every active organization gets its roll-up. Ended
        organizations are left out: their members went elsewhere (see docs/organizations.md).
        """
        status = self.model.Status.ACTIVE
        anchor, params = f"{self._table()} WHERE status = %s", [status]
        if ids is not None:
            ids = [int(pk) for pk in ids]
            if not ids:
                return {}
            anchor += f" AND id IN ({', '.join(['%s'] * len(ids))})"
            params += ids
        sql = (
            f"WITH RECURSIVE {_CLOSURE_SQL.format(anchor=anchor, table=self._table())}\n"
            f"SELECT closure.ancestor_id, {_SUMS_SQL}\n"
            f"FROM closure JOIN {self._table()} org ON org.id = closure.descendant_id\n"
            "GROUP BY closure.ancestor_id"
        )
        rows = self._fetch(sql, [*params, status, *self._kind_params()])
        return {row[0]: Rollup(*(int(value or 0) for value in row[1:])) for row in rows}

    def subtree_with_rollups(self, organization) -> list["Organization"]:
        """`organization` and every active organization below it, each with `.rollup`: one query.

        Rows carry only SUBTREE_FIELDS; siblings come in `order`, then name.
        """
        table, status = self._table(), self.model.Status.ACTIVE
        quote = connections[self.db].ops.quote_name
        columns = ", ".join(f"head.{quote(field)}" for field in SUBTREE_FIELDS)
        sql = (
            f"WITH RECURSIVE {_SUBTREE_SQL.format(table=table)}"
            f"{_CLOSURE_SQL.format(anchor='subtree', table=table)}\n"
            f"SELECT {columns}, {_SUMS_SQL}\n"
            f"FROM closure JOIN {table} org ON org.id = closure.descendant_id\n"
            f"JOIN {table} head ON head.id = closure.ancestor_id\n"
            f"GROUP BY {columns}"
        )
        params = [organization.pk, status, status, status, *self._kind_params()]
        nodes = []
        width = len(SUBTREE_FIELDS)
        for row in self._fetch(sql, params):
            node = self.model.from_db(self.db, SUBTREE_FIELDS, row[:width])
            node.rollup = Rollup(*(int(value or 0) for value in row[width:]))
            nodes.append(node)
        nodes.sort(key=lambda node: (node.order, vntext.fold(node.name), node.pk))
        return nodes

    def _table(self) -> str:
        return connections[self.db].ops.quote_name(self.model._meta.db_table)

    def _kind_params(self) -> list[str]:
        kinds = self.model.Kind
        return [
            kinds.GRASSROOTS_COMMITTEE,
            kinds.GRASSROOTS_CELL,
            kinds.INTERMEDIATE_COMMITTEE,
            kinds.SUBORDINATE_CELL,
        ]

    def _fetch(self, sql, params) -> list[tuple]:
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class Organization(TreeNode):
    class Kind(models.TextChoices):
        BLOC = "bloc", "Đảng bộ Khối"
        GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
        GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
        INTERMEDIATE_COMMITTEE = "intermediate_committee", "Đảng bộ bộ phận"
        SUBORDINATE_CELL = "subordinate_cell", "Chi bộ trực thuộc"

    class Status(models.TextChoices):
        ACTIVE = "active", "Đang hoạt động"
        DISSOLVED = "dissolved", "Đã giải thể"
        MERGED = "merged", "Đã hợp nhất"

    # Which kind may sit under which (docs/organizations.md, "The tree").
    # An empty set means the kind is a root.
    ALLOWED_PARENT_KINDS = {
        Kind.BLOC: frozenset(),
        Kind.GRASSROOTS_COMMITTEE: frozenset({Kind.BLOC}),
        Kind.GRASSROOTS_CELL: frozenset({Kind.BLOC}),
        Kind.INTERMEDIATE_COMMITTEE: frozenset({Kind.GRASSROOTS_COMMITTEE}),
        Kind.SUBORDINATE_CELL: frozenset({Kind.GRASSROOTS_COMMITTEE, Kind.INTERMEDIATE_COMMITTEE}),
    }
    GRASSROOTS_KINDS = (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)
    # Kinds that may hold sub-organizations; a chi bộ has only members.
    PARENT_KINDS = frozenset(k for allowed in ALLOWED_PARENT_KINDS.values() for k in allowed)
    # "Nâng cấp": a cell grows into a committee at the same level of the tree.
    UPGRADES = {
        Kind.GRASSROOTS_CELL: Kind.GRASSROOTS_COMMITTEE,
        Kind.SUBORDINATE_CELL: Kind.INTERMEDIATE_COMMITTEE,
    }
    # What an OrganizationEvent records before and after a change; the chart as of a
    # past date is rebuilt from the first four.
    TRACKED_FIELDS = ("name", "short_name", "kind", "parent_id", "status", "member_count")

    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=120, blank=True)
    slug = AutoSlugField(
        "đường dẫn",
        max_length=255,
        unique=True,
        populate_from=("short_name", "name"),
        fallback="to-chuc",
    )
    kind = models.CharField("loại hình", max_length=32, choices=Kind.choices)
    parent = TreeNodeForeignKey(
        "self",
        verbose_name="trực thuộc",
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    host_unit = models.CharField(
        "cơ quan, đơn vị",
        max_length=255,
        blank=True,
        help_text="Cơ quan hoặc doanh nghiệp nơi tổ chức đảng sinh hoạt.",
    )
    description = models.TextField("giới thiệu", blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=100, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    member_count = models.PositiveIntegerField(
        "số đảng viên trực tiếp",
        default=0,
        help_text="Đảng viên sinh hoạt trực tiếp tại tổ chức này; tổng của cả đảng bộ được tính tự động.",
    )
    established_on = models.DateField("ngày thành lập", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField("ngày kết thúc", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="hợp nhất vào",
        related_name="merged_from",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = OrganizationQuerySet.as_manager(with_tree_fields=False)

    class Meta:
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="bloc", parent__isnull=True)
                | Q(~Q(kind="bloc"), parent__isnull=False),
                name="organizations_bloc_is_the_only_root",
                violation_error_message=(
                    "Chỉ Đảng bộ Khối là cấp cao nhất; mọi tổ chức khác phải trực thuộc một tổ chức."
                ),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="bloc", status="active"),
                name="organizations_single_active_bloc",
                violation_error_message="Đã có một Đảng bộ Khối đang hoạt động.",
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True)
                | Q(~Q(status="active"), ended_on__isnull=False),
                name="organizations_ended_on_iff_not_active",
                violation_error_message=(
                    "Tổ chức đang hoạt động không có ngày kết thúc; tổ chức đã giải thể "
                    "hoặc hợp nhất phải có ngày kết thúc."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(ended_on__gte=models.F("established_on")),
                name="organizations_ends_after_it_starts",
                violation_error_message="Ngày kết thúc không thể trước ngày thành lập.",
            ),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | Q(~Q(status="merged"), merged_into__isnull=True),
                name="organizations_merged_into_iff_merged",
                violation_error_message=(
                    "Tổ chức đã hợp nhất phải cho biết hợp nhất vào đâu; chỉ tổ chức đã "
                    "hợp nhất mới có tổ chức hợp nhất vào."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="organizations_not_its_own_parent",
                violation_error_message="Một tổ chức không thể trực thuộc chính nó.",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")),
                name="organizations_not_merged_into_itself",
                violation_error_message="Một tổ chức không thể hợp nhất vào chính nó.",
            ),
        ]
        indexes = [models.Index(fields=["parent", "order"], name="organizations_sibling_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:organization_detail", kwargs={"slug": self.slug})

    def clean(self):
        """What the constraints in Meta cannot say: rules that read other rows.

        The rules on this row alone (ended_on with the status, merged_into with
        "merged", the dates' order, no self-reference) are the constraints, which
        full_clean() checks too (docs/organizations.md, "Rules").
        """
        # TreeNode.clean() would refuse a cycle too, but in English: checked here instead.
        models.Model.clean(self)
        self.validate_no_cycle(self.parent)
        self.validate_placement(self.kind, self.parent, require_active_parent=self.is_active())

    def validate_no_cycle(self, parent):
        """Raise ValidationError if `parent` is this organization or lies below it."""
        if parent is None or self.pk is None:
            return
        if parent.pk == self.pk or (
            type(self)
            ._default_manager.ancestors(parent, include_self=True)
            .filter(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "parent": f"Không thể đặt «{self.name}» trực thuộc «{parent.name}»: "
                    "tổ chức này là chính nó hoặc nằm bên dưới nó."
                }
            )

    @classmethod
    def validate_placement(cls, kind, parent, *, require_active_parent=True):
        """Raise ValidationError unless an organization of `kind` may sit under `parent`.

        An active organization needs an active parent; an ended one keeps the parent it
        had when it ended, whatever became of that parent since.
        """
        allowed = cls.ALLOWED_PARENT_KINDS.get(kind)
        if allowed is None:
            raise ValidationError({"kind": "Loại hình tổ chức không hợp lệ."})
        kind_label = cls.Kind(kind).label
        if not allowed:
            if parent is not None:
                raise ValidationError(
                    {"parent": f"{kind_label} là cấp cao nhất, không trực thuộc tổ chức nào."}
                )
            return
        if parent is None:
            labels = " hoặc ".join(cls.Kind(k).label for k in sorted(allowed))
            raise ValidationError({"parent": f"{kind_label} phải trực thuộc {labels}."})
        if parent.kind not in allowed:
            labels = " hoặc ".join(cls.Kind(k).label for k in sorted(allowed))
            raise ValidationError(
                {
                    "parent": f"{kind_label} không thể trực thuộc {parent.get_kind_display()}; phải trực thuộc {labels}."
                }
            )
        if require_active_parent and parent.status != cls.Status.ACTIVE:
            raise ValidationError({"parent": f"«{parent.name}» không còn hoạt động."})

    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_bloc(self) -> bool:
        return self.kind == self.Kind.BLOC

    @property
    def is_merged(self) -> bool:
        return self.status == self.Status.MERGED

    @property
    def is_grassroots(self) -> bool:
        return self.kind in self.GRASSROOTS_KINDS

    @property
    def can_have_children(self) -> bool:
        return self.kind in self.PARENT_KINDS

    @property
    def upgrade_kind(self) -> str | None:
        """The kind this organization becomes when upgraded, or None if it cannot be."""
        return self.UPGRADES.get(self.kind)

    def snapshot(self) -> dict:
        """The tracked values, as an OrganizationEvent stores them before and after a change.

        The parent's name is kept too, as it was then: the timeline reads "chuyển về
        trực thuộc Đảng bộ X" even after X is renamed.
        """
        values = {field: getattr(self, field) for field in self.TRACKED_FIELDS}
        values["kind"], values["status"] = str(self.kind), str(self.status)
        values["parent_name"] = self.parent.name if self.parent_id else ""
        return values

    def ended_label(self) -> str:
        """ "Đã giải thể từ 15/10/2021" / "Đã hợp nhất từ 15/10/2021"; empty when active."""
        if self.is_active() or not self.ended_on:
            return ""
        return f"{self.get_status_display()} từ {self.ended_on:%d/%m/%Y}"


class OrganizationEvent(models.Model):
    """One change in an organization's life, with the decision that ordered it.

    Written only by `organizations.workflow`. `before` and `after` hold the
    organization's `Organization.snapshot()` around the change (`before` is empty for
    an establishment). The chart as of a past date is rebuilt from `before`: undoing,
    newest first, every event dated after that day (`organizations.chart`).
    """

    class Kind(models.TextChoices):
        ESTABLISHED = "established", "Thành lập"
        RENAMED = "renamed", "Đổi tên"
        UPGRADED = "upgraded", "Nâng cấp"
        MOVED = "moved", "Chuyển trực thuộc"
        MERGED = "merged", "Hợp nhất"
        ABSORBED = "absorbed", "Tiếp nhận"
        DISSOLVED = "dissolved", "Giải thể"

    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", related_name="events", on_delete=models.CASCADE
    )
    kind = models.CharField("sự kiện", max_length=16, choices=Kind.choices)
    date = models.DateField("ngày hiệu lực")
    decision_number = models.CharField(
        "số quyết định", max_length=100, blank=True, help_text="Ví dụ: 1405-QĐ/TU."
    )
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    decision_issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    related = models.ForeignKey(
        Organization,
        verbose_name="tổ chức liên quan",
        related_name="related_events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Tổ chức hợp nhất vào, hoặc tổ chức được tiếp nhận.",
    )
    before = models.JSONField("trước", default=dict, blank=True)
    after = models.JSONField("sau", default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = user_field("người ghi", blank=True)
    created_at = models.DateTimeField("ghi lúc", default=timezone.now)

    class Meta:
        verbose_name = "sự kiện tổ chức"
        verbose_name_plural = "lịch sử tổ chức"
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["organization", "date"], name="organizations_event_by_date")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.organization} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return self.organization.get_absolute_url()

    def describe(self) -> str:
        """One Vietnamese sentence for the timeline; `related` should be select_related."""
        before, after = self.before or {}, self.after or {}
        kinds = Organization.Kind
        if self.kind == self.Kind.ESTABLISHED:
            text = f"Thành lập {after.get('name', '')}"
            if after.get("parent_name"):
                text += f", trực thuộc {after['parent_name']}"
            return text
        if self.kind == self.Kind.RENAMED:
            return f"Đổi tên từ «{before.get('name', '')}» thành «{after.get('name', '')}»"
        if self.kind == self.Kind.UPGRADED:
            old, new = before.get("kind"), after.get("kind")
            text = "Nâng cấp"
            if old in kinds.values and new in kinds.values:
                text += f" từ {kinds(old).label} lên {kinds(new).label}"
            if before.get("name") != after.get("name"):
                text += f", đổi tên thành «{after.get('name', '')}»"
            return text
        if self.kind == self.Kind.MOVED:
            return (
                f"Chuyển từ trực thuộc {before.get('parent_name') or '—'} "
                f"sang trực thuộc {after.get('parent_name') or '—'}"
            )
        if self.kind == self.Kind.MERGED:
            target = self.related.name if self.related_id else ""
            return f"Hợp nhất vào {target}"
        if self.kind == self.Kind.ABSORBED:
            source = self.related.name if self.related_id else ""
            return f"Tiếp nhận {source}"
        if self.kind == self.Kind.DISSOLVED:
            return "Giải thể"
        return self.get_kind_display()

    def decision_label(self) -> str:
        """ "Quyết định số 1405-QĐ/TU ngày 10/10/2021 của Tỉnh ủy", as far as it is known."""
        if not (self.decision_number or self.decision_date or self.decision_issuer):
            return ""
        text = "Quyết định"
        if self.decision_number:
            text += f" số {self.decision_number}"
        if self.decision_date:
            text += f" ngày {self.decision_date:%d/%m/%Y}"
        if self.decision_issuer:
            text += f" của {self.decision_issuer}"
        return text


class Term(models.Model):
    """Nhiệm kỳ: the period between two congresses of one organization."""

    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", related_name="terms", on_delete=models.CASCADE
    )
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    congress_number = models.PositiveSmallIntegerField(
        "đại hội lần thứ", null=True, blank=True, help_text="Số thứ tự đại hội, ví dụ 5."
    )
    congress_date = models.DateField("ngày đại hội", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        ordering = ["organization", "-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "start_year"], name="organizations_term_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="organizations_term_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"Nhiệm kỳ {self.start_year}–{self.end_year}"

    def get_absolute_url(self):
        return self.organization.get_absolute_url()

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "Năm kết thúc không thể trước năm bắt đầu."})

    def congress_label(self) -> str:
        """ "Đại hội lần thứ XIII", the way congresses are numbered; empty when unknown."""
        return f"Đại hội lần thứ {roman(self.congress_number)}" if self.congress_number else ""


def roman(number: int) -> str:
    """1 → I, 13 → XIII: congresses are numbered in Roman numerals."""
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    result = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        result += letters * count
    return result


class CadreQuerySet(models.QuerySet):
    def public(self):
        """Only what a public page may show: the private fields are not even loaded."""
        return self.defer(*Cadre.PRIVATE_FIELDS)


class Cadre(models.Model):
    """A person who holds or held a position.

    `biography` and `photo` are public. `birth_date`, `phone`, `email` and
    `party_joined_on` are private: no public page, feed or sitemap may show them.
    """

    PRIVATE_FIELDS = ("birth_date", "phone", "email", "party_joined_on")

    full_name = models.CharField("họ và tên", max_length=150)
    slug = AutoSlugField(
        "đường dẫn", max_length=180, unique=True, populate_from="full_name", fallback="can-bo"
    )
    photo = SafeImageField(
        "ảnh chân dung",
        upload_to="cadres/",
        blank=True,
        max_bytes=5 * 1024 * 1024,
        formats=("JPEG", "PNG", "WEBP"),
        help_text="Ảnh được lưu lại không kèm thông tin máy ảnh, vị trí.",
    )
    biography = models.TextField("tiểu sử (công khai)", blank=True)
    birth_date = models.DateField("ngày sinh (không công khai)", null=True, blank=True)
    phone = models.CharField("điện thoại (không công khai)", max_length=50, blank=True)
    email = models.EmailField("thư điện tử (không công khai)", blank=True)
    party_joined_on = models.DateField("ngày vào Đảng (không công khai)", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("organizations:cadre_detail", kwargs={"slug": self.slug})


class PositionQuerySet(models.QuerySet):
    def current(self, on=None):
        """Positions held on a date (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=on)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on)
        )

    def for_public_list(self):
        """With the cadre's public fields, the organization and the term, in one query."""
        return self.select_related("cadre", "organization", "term").defer(
            *(f"cadre__{field}" for field in Cadre.PRIVATE_FIELDS)
        )


class Position(models.Model):
    class Body(models.TextChoices):
        BCH = "bch", "Ban Chấp hành"
        BTV = "btv", "Ban Thường vụ"
        THUONG_TRUC = "thuong_truc", "Thường trực"
        UBKT = "ubkt", "Ủy ban Kiểm tra"
        VAN_PHONG = "van_phong", "Văn phòng"
        BAN_TO_CHUC = "ban_to_chuc", "Ban Tổ chức"
        BAN_TUYEN_GIAO = "ban_tuyen_giao", "Ban Tuyên giáo"
        BAN_TUYEN_GIAO_DAN_VAN = "ban_tuyen_giao_dan_van", "Ban Tuyên giáo và Dân vận"

    class Title(models.TextChoices):
        BI_THU = "bi_thu", "Bí thư"
        PHO_BI_THU_THUONG_TRUC = "pho_bi_thu_thuong_truc", "Phó Bí thư Thường trực"
        PHO_BI_THU = "pho_bi_thu", "Phó Bí thư"
        UY_VIEN_BTV = "uy_vien_btv", "Ủy viên Ban Thường vụ"
        UY_VIEN_BCH = "uy_vien_bch", "Ủy viên Ban Chấp hành"
        CHU_NHIEM_UBKT = "chu_nhiem_ubkt", "Chủ nhiệm Ủy ban Kiểm tra"
        PHO_CHU_NHIEM_UBKT = "pho_chu_nhiem_ubkt", "Phó Chủ nhiệm Ủy ban Kiểm tra"
        UY_VIEN_UBKT = "uy_vien_ubkt", "Ủy viên Ủy ban Kiểm tra"
        CHANH_VAN_PHONG = "chanh_van_phong", "Chánh Văn phòng"
        PHO_CHANH_VAN_PHONG = "pho_chanh_van_phong", "Phó Chánh Văn phòng"
        TRUONG_BAN = "truong_ban", "Trưởng ban"
        PHO_TRUONG_BAN = "pho_truong_ban", "Phó Trưởng ban"

    class Method(models.TextChoices):
        ELECTED = "elected", "Bầu"
        APPOINTED = "appointed", "Chỉ định"

    cadre = models.ForeignKey(
        Cadre, verbose_name="cán bộ", related_name="positions", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", related_name="positions", on_delete=models.CASCADE
    )
    body = models.CharField("cơ quan", max_length=32, choices=Body.choices)
    title = models.CharField("chức danh", max_length=32, choices=Title.choices)
    term = models.ForeignKey(
        Term,
        verbose_name="nhiệm kỳ",
        related_name="positions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    started_on = models.DateField("từ ngày", null=True, blank=True)
    ended_on = models.DateField("đến ngày", null=True, blank=True)
    method = models.CharField(
        "hình thức", max_length=16, choices=Method.choices, default=Method.ELECTED
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["organization", "order", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="organizations_position_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "ended_on"], name="organizations_pos_by_org")
        ]

    def __str__(self):
        return f"{self.cadre} – {self.get_title_display()}, {self.organization}"

    def get_absolute_url(self):
        return self.cadre.get_absolute_url()

    def full_title(self) -> str:
        """ "Trưởng Ban Tổ chức" rather than a bare "Trưởng ban"; other titles say it all."""
        if self.title in (self.Title.TRUONG_BAN, self.Title.PHO_TRUONG_BAN):
            return f"{self.get_title_display().removesuffix(' ban')} {self.get_body_display()}"
        return self.get_title_display()

    def is_current(self, on=None) -> bool:
        """The instance form of `PositionQuerySet.current()`."""
        on = on or timezone.localdate()
        return (self.started_on is None or self.started_on <= on) and (
            self.ended_on is None or self.ended_on > on
        )

    def clean(self):
        super().clean()
        if (
            self.term_id
            and self.organization_id
            and self.term.organization_id != self.organization_id
        ):
            raise ValidationError({"term": "Nhiệm kỳ phải thuộc cùng tổ chức."})
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "Ngày kết thúc không thể trước ngày bắt đầu."})
