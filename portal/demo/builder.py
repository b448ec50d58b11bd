"""Builds the demo portal: site settings, users, categories, organizations, cadres, news.

Each part is idempotent (found by its natural key, or counted) so that running the
command again creates nothing new, and deterministic for a seed and an anchor date:
article number i is written by its own `Random(f"{seed}:article:{i}")`, so a run is
the same whether it is done at once or in batches.
"""

import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import reset_queries, transaction

from news import membership
from news.models import Article, ArticleTransition, Category
from organizations import workflow
from organizations.models import Cadre, Organization, OrganizationEvent, Position, Term
from portal.demo import (
    documents,
    editors,
    gallery,
    images,
    newsroom,
    questions,
    royalties,
    sections,
    text,
)
from portal.models import SiteSettings

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# (slug, name, parent slug, order, show on home, theme for its articles, share of articles)
CATEGORIES = [
    ("tin-tuc-su-kien", "Tin tức – Sự kiện", None, 10, False, None, 0),
    ("hoat-dong-dang-uy-khoi", "Hoạt động Đảng ủy Khối", "tin-tuc-su-kien", 11, True, "hoat-dong-dang-uy-khoi", 22),
    ("hoat-dong-co-so", "Hoạt động cơ sở", "tin-tuc-su-kien", 12, True, "hoat-dong-co-so", 22),
    ("xay-dung-dang", "Xây dựng Đảng", None, 20, True, None, 0),
    ("to-chuc-can-bo-dang-vien", "Tổ chức – cán bộ – đảng viên", "xay-dung-dang", 21, False, "to-chuc-can-bo-dang-vien", 12),
    ("kiem-tra-giam-sat", "Kiểm tra – giám sát", "xay-dung-dang", 22, False, "kiem-tra-giam-sat", 10),
    ("tuyen-giao-va-dan-van", "Tuyên giáo và dân vận", "xay-dung-dang", 23, False, "tuyen-giao-va-dan-van", 10),
    ("hoc-tap-va-lam-theo-bac", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", None, 30, True, "hoc-tap-va-lam-theo-bac", 10),
    ("bao-ve-nen-tang-tu-tuong", "Bảo vệ nền tảng tư tưởng của Đảng", None, 40, False, "bao-ve-nen-tang-tu-tuong", 7),
    ("guong-nguoi-tot-viec-tot", "Gương người tốt, việc tốt", None, 50, True, "guong-nguoi-tot-viec-tot", 7),
]  # fmt: skip

# Menu labels for the names too long for a menu bar.
SHORT_NAMES = {
    "tin-tuc-su-kien": "Tin tức",
    "hoc-tap-va-lam-theo-bac": "Học tập và làm theo Bác",
    "bao-ve-nen-tang-tu-tuong": "Bảo vệ nền tảng",
    "guong-nguoi-tot-viec-tot": "Người tốt, việc tốt",
}

# Demo accounts: (username, password, group or None for the superuser, full name).
DEMO_USERS = [
    ("admin", "admin-demo-2026", None, "Quản trị hệ thống"),
    ("bientapvien", "bientap-demo-2026", "Biên tập viên", "Trần Thị Thu Hà"),
    ("bientaptuyengiao", "tuyengiao-demo-2026", "Biên tập viên", "Hoàng Văn Hải"),
    ("truongban", "truongban-demo-2026", "Trưởng ban Biên tập", "Hoàng Văn Minh"),
    ("phongvien", "phongvien-demo-2026", "Phóng viên", "Lê Minh Tâm"),
    ("quantritochuc", "tochuc-demo-2026", "Quản trị tổ chức", "Phạm Văn Sơn"),
    ("vanthu", "vanthu-demo-2026", "Quản trị văn bản", "Nguyễn Thị Văn"),
    ("tiepnhan", "tiepnhan-demo-2026", "Tiếp nhận hỏi đáp", "Đỗ Thị Lan"),
]

COVER_POOL = 48
BATCH = 1000
EXTRA_CATEGORY_SHARE = 0.06  # articles also filed under a category of another branch
DEFAULT_ARTICLES = 150
EXTRA_STATUSES = [  # (status, days from the anchor, note) for the admin's queues
    (Article.Status.DRAFT, -1, ""),
    (Article.Status.DRAFT, -3, ""),
    (Article.Status.DRAFT, -6, ""),
    (Article.Status.PENDING, -1, ""),
    (Article.Status.PENDING, -2, ""),
    (Article.Status.REJECTED, -4, "Cần bổ sung số liệu cụ thể và kiểm tra lại tên các đơn vị."),
    (Article.Status.PUBLISHED, 2, ""),  # scheduled
    (Article.Status.PUBLISHED, 5, ""),  # scheduled
]


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, what: str, n: int):
        if n:
            self.created[what] = self.created.get(what, 0) + n


class Progress:
    """A one-line progress bar on a terminal, occasional lines elsewhere."""

    def __init__(self, out, label: str, total: int):
        self.out, self.label, self.total = out, label, max(total, 1)
        self.tty = hasattr(out, "isatty") and out.isatty()
        self.last = -1

    def update(self, done: int):
        percent = done * 100 // self.total
        if percent == self.last:
            return
        self.last = percent
        bar = "#" * (percent // 4) + "-" * (25 - percent // 4)
        if self.tty:
            self.out.write(f"\r{self.label} [{bar}] {done}/{self.total} ({percent}%)")
            if done >= self.total:
                self.out.write("\n")
            self.out.flush()
        elif percent % 10 == 0:
            self.out.write(f"{self.label}: {done}/{self.total} ({percent}%)\n")


class DemoBuilder:
    def __init__(self, *, seed: int = 2026, anchor: date, articles: int = DEFAULT_ARTICLES,
                 organizations: int | None = None, with_accounts: bool, out=sys.stdout,
                 documents: int = documents.DEFAULT_DOCUMENTS):  # fmt: skip
        self.seed = seed
        self.anchor = anchor
        self.articles = articles
        self.organizations = organizations
        self.documents = documents
        self.with_accounts = with_accounts
        self.out = out
        self.report = Report()

    def rng(self, *key) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *key))))

    # The whole build ----------------------------------------------------------------

    def build(self) -> Report:
        with transaction.atomic():
            self.site_settings()
            users = self.accounts() if self.with_accounts else {}
            categories = self.categories()
            tree = self.organization_tree()
            OrganizationHistoryBuilder(self).build(tree.root)
            tree = self.organization_tree()  # as it stands after the history
            leaders = self.leadership(tree)
        self.covers()
        self.news(categories, tree, leaders, users)
        newsroom.build(self)
        editors.build(self, users)
        questions.build(self)
        documents.build(self, self.documents)
        sections.build(self)
        royalties.build(self)
        gallery.build(self)
        return self.report

    # Parts ----------------------------------------------------------------------------

    def site_settings(self):
        if SiteSettings.objects.exists():
            return
        SiteSettings.objects.create(
            owner_name=f"{text.COMMITTEE} {text.PROVINCE}",
            supervising_body=text.PROVINCIAL_COMMITTEE,
            responsible_person="Nguyễn Thị Thanh Hương – Phó Bí thư Thường trực Đảng ủy Khối",
            address=f"Số 26 đường {text.STREETS[0]}, {text.CITY}",
            phone="0235 3812 345",
            fax="0235 3812 346",
            email="dangbokhoi@hoason.example",
            attribution_note="Ghi rõ nguồn «Trang Thông tin điện tử Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hòa Sơn» khi phát hành lại thông tin từ trang này.",
        )
        self.report.add("thông tin trang", 1)

    def accounts(self) -> dict[str, object]:
        user_model = get_user_model()
        users = {}
        for username, password, group_name, full_name in DEMO_USERS:
            family, _, given = full_name.rpartition(" ")
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model(
                    username=username,
                    first_name=given,
                    last_name=family,
                    email=f"{username}@hoason.example",
                )
                user.is_staff = True
                user.is_superuser = group_name is None
                user.set_password(password)
                user.save()
                self.report.add("tài khoản", 1)
                if group_name:
                    group = Group.objects.filter(name=group_name).first()
                    if group:
                        user.groups.add(group)
            users[username] = user
            self.report.accounts.append(
                (username, password, group_name or "Quản trị viên (superuser)")
            )
        return users

    def categories(self) -> dict[str, Category]:
        found = {
            c.slug: c for c in Category.objects.filter(slug__in=[row[0] for row in CATEGORIES])
        }
        for slug, name, parent_slug, order, on_home, _theme, _share in CATEGORIES:
            if slug in found:
                continue
            found[slug] = Category.objects.create(
                slug=slug,
                name=name,
                short_name=SHORT_NAMES.get(slug, ""),
                parent=found.get(parent_slug),
                order=order,
                show_on_home=on_home,
            )
            self.report.add("chuyên mục", 1)
        return found

    def covers(self):
        folder = Path(settings.MEDIA_ROOT) / "demo" / "covers"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(min(COVER_POOL, max(self.articles, 1))):
            path = folder / f"cover-{self.seed}-{i:03d}.jpg"
            if not path.exists():
                path.write_bytes(images.cover_jpeg(self.seed * 1000 + i))

    # Organizations ------------------------------------------------------------------

    def organization_tree(self) -> "Tree":
        return OrganizationTreeBuilder(self).build()

    def leadership(self, tree: "Tree") -> list[tuple[date, str]]:
        return LeadershipBuilder(self).build(tree)

    # News ---------------------------------------------------------------------------

    def news(self, categories, tree, leaders, users):
        existing = Article.objects.count()
        wanted = self.articles + len(EXTRA_STATUSES)
        if existing >= wanted:
            return
        writer = text.ArticleWriter(
            leaders=leaders,
            units=[(name, host) for name, _, host in tree.grassroots],
            members=tree.members,
            tccs=len(tree.grassroots),
        )
        pool = min(COVER_POOL, max(self.articles, 1))
        themed = [
            (categories[slug], theme, share)
            for slug, _n, _p, _o, _h, theme, share in CATEGORIES
            if theme
        ]
        weights = [share for *_, share in themed]
        reporter = users.get("phongvien")
        editor = users.get("bientapvien")
        progress = Progress(self.out, "Bài viết", wanted - existing)
        start = datetime.combine(self.anchor, time(0), tzinfo=TZ)
        for batch_start in range(existing, wanted, BATCH):
            indices = range(batch_start, min(batch_start + BATCH, wanted))
            rows, orgs_of, extra_of = [], {}, {}
            for i in indices:
                rng = self.rng("article", i)
                category, theme, _ = rng.choices(themed, weights=weights)[0]
                if i < self.articles:
                    status, days, note = Article.Status.PUBLISHED, -rng.uniform(0.05, 730), ""
                else:
                    status, days, note = EXTRA_STATUSES[i - self.articles]
                moment = (start + timedelta(days=days)).replace(
                    hour=rng.randint(7, 17), minute=rng.randint(0, 59), second=0, microsecond=0
                )
                written = writer.write(rng, theme, moment.date())
                published = status == Article.Status.PUBLISHED
                article = Article(
                    title=written.title,
                    sapo=written.sapo,
                    body=written.body,
                    cover_image=f"demo/covers/cover-{self.seed}-{rng.randrange(pool):03d}.jpg",
                    cover_caption=written.cover_caption,
                    cover_alt=f"Ảnh minh họa: {written.title}",
                    category=category,
                    author_name=written.author_name,
                    source_name=written.source_name,
                    source_url=written.source_url,
                    status=status,
                    published_at=moment if published else None,
                    is_featured=published and rng.random() < 0.07,
                    view_count=rng.randint(40, 2400) if published and days < 0 else 0,
                    created_by=reporter,
                )
                rows.append((article, note))
                orgs_of[i] = [
                    org_id
                    for name, org_id, _ in tree.grassroots
                    if name in written.title or name in written.sapo
                ][:2]
                extra_of[i] = self._extra_category(i, category, themed)
            with transaction.atomic():
                created = Article.objects.bulk_create(
                    [article for article, _ in rows], batch_size=BATCH
                )
                self._relations(created, indices, orgs_of, rows, editor)
                self._extra_categories(created, indices, extra_of)
            reset_queries()  # with DEBUG on, Django would keep every INSERT's SQL in memory
            self.report.add("bài viết", len(created))
            progress.update(indices.stop - existing)

    def _extra_category(self, i, category, themed) -> int | None:
        """Now and then a story belongs to another branch too (`extra_categories`)."""
        rng = self.rng("extra-category", i)
        if rng.random() >= EXTRA_CATEGORY_SHARE:
            return None
        branch = category.parent_id or category.pk
        others = [c for c, _, _ in themed if (c.parent_id or c.pk) != branch]
        return rng.choice(others).pk

    def _extra_categories(self, created, indices, extra_of):
        through = Article.extra_categories.through
        links = [
            through(article_id=article.pk, category_id=extra_of[i])
            for i, article in zip(indices, created, strict=True)
            if extra_of[i] is not None
        ]
        through.objects.bulk_create(links, batch_size=BATCH)
        # A bulk insert of links sends no m2m_changed: the category pages' index is told.
        membership.sync_articles([link.article_id for link in links])

    def _relations(self, created, indices, orgs_of, rows, editor):
        through_orgs = Article.organizations.through
        through_related = Article.related_articles.through
        org_links, related_links, transitions = [], [], []
        previous_in_category: dict[int, list[int]] = {}
        for article in (
            Article.objects.filter(pk__lt=created[0].pk)
            .order_by("-pk")
            .values_list("pk", "category_id")[:200]
        ):
            previous_in_category.setdefault(article[1], []).append(article[0])
        for i, article, (_, note) in zip(indices, created, rows, strict=True):
            rng = self.rng("relations", i)
            for org_id in orgs_of[i]:
                org_links.append(through_orgs(article_id=article.pk, organization_id=org_id))
            earlier = previous_in_category.setdefault(article.category_id, [])
            for other in rng.sample(earlier[:12], k=min(len(earlier[:12]), rng.randint(0, 3))):
                related_links.append(
                    through_related(from_article_id=article.pk, to_article_id=other)
                )
            earlier.insert(0, article.pk)
            if article.status in (Article.Status.PENDING, Article.Status.REJECTED):
                transitions.append(
                    ArticleTransition(
                        article=article,
                        actor=article.created_by,
                        from_status=Article.Status.DRAFT,
                        to_status=Article.Status.PENDING,
                    )
                )
            if article.status == Article.Status.REJECTED:
                transitions.append(
                    ArticleTransition(
                        article=article,
                        actor=editor,
                        from_status=Article.Status.PENDING,
                        to_status=Article.Status.REJECTED,
                        note=note,
                    )
                )
        through_orgs.objects.bulk_create(org_links, batch_size=BATCH)
        through_related.objects.bulk_create(related_links, batch_size=BATCH)
        ArticleTransition.objects.bulk_create(transitions)


@dataclass
class Tree:
    root: Organization
    grassroots: list[tuple[str, int, str]]  # (name, id, host unit) of the active TCCS
    members: int


class OrganizationTreeBuilder:
    """The Đảng bộ Khối and its TCCS; a few Đảng bộ cơ sở with subordinate organizations."""

    FOUNDED = date(2019, 6, 26)

    def __init__(self, builder: DemoBuilder):
        self.builder = builder

    def build(self) -> Tree:
        root = Organization.objects.filter(kind=Organization.Kind.BLOC).first()
        if root is None:
            root = self._create()
        grassroots = list(
            Organization.objects.active()
            .filter(parent=root)
            .order_by("order", "pk")
            .values_list("name", "id", "host_unit")
        )
        members = sum(Organization.objects.active().values_list("member_count", flat=True))
        return Tree(root=root, grassroots=grassroots, members=members)

    def _hosts(self):
        hosts = list(text.HOST_UNITS)
        target = self.builder.organizations
        if target and target > 200:
            # Benchmarks: more TCCS than the province has, named by number.
            for n in range(1, target // 4 - len(hosts) + 1):
                enterprise = n % 3 != 0
                name = (
                    f"Công ty Cổ phần Dịch vụ Tổng hợp số {n}"
                    if enterprise
                    else f"Trung tâm Dịch vụ công số {n}"
                )
                hosts.append((name, f"DV{n}", enterprise, "large" if n % 3 == 0 else "small"))
        return hosts

    def _create(self) -> Organization:
        rng = self.builder.rng("organizations")
        root = Organization(
            name=text.BLOC_NAME,
            short_name="Đảng bộ Khối",
            slug="dang-bo-khoi",
            kind=Organization.Kind.BLOC,
            host_unit=f"Các cơ quan, doanh nghiệp cấp tỉnh {text.PROVINCE}",
            address=f"Số 26 đường {text.STREETS[0]}, {text.CITY}",
            phone="0235 3812 345",
            email="dangbokhoi@hoason.example",
            established_on=self.FOUNDED,
            description=(
                f"Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh {text.PROVINCE} được thành lập ngày 26/6/2019 "
                "trên cơ sở hợp nhất Đảng bộ Khối các cơ quan tỉnh và Đảng bộ Khối Doanh nghiệp tỉnh; "
                "lãnh đạo các tổ chức cơ sở đảng trong các sở, ban, ngành, đơn vị sự nghiệp và doanh nghiệp cấp tỉnh."
            ),
        )
        root.save()
        hosts = self._hosts()
        target = self.builder.organizations
        if target:
            # The history founds some organizations of its own.
            target = max(2, target - OrganizationHistoryBuilder.NEW_ORGANIZATIONS)
            hosts = hosts[: max(0, min(len(hosts), target - 1))]
            large = sum(1 for *_, size in hosts if size == "large")
            spare = max(0, target - 1 - len(hosts))
            per_large, extra = divmod(spare, large) if large else (0, 0)
        created, large_seen = 1, 0
        for order, (host, short, enterprise, size) in enumerate(hosts, start=1):
            is_committee = size == "large"
            kind = (
                Organization.Kind.GRASSROOTS_COMMITTEE
                if is_committee
                else Organization.Kind.GRASSROOTS_CELL
            )
            prefix = "Đảng bộ" if is_committee else "Chi bộ"
            org = Organization(
                name=f"{prefix} {host}",
                short_name=f"{prefix} {short}",
                kind=kind,
                parent=root,
                host_unit=host,
                address=f"Số {rng.randint(2, 180)} đường {rng.choice(text.STREETS)}, {text.CITY}",
                phone=f"0235 38{rng.randint(10000, 99999)}",
                member_count=0 if is_committee else rng.randint(7, 29),
                established_on=self.FOUNDED
                if rng.random() < 0.7
                else date(rng.randint(2000, 2018), rng.randint(1, 12), 1),
                order=order * 10,
            )
            org.save()
            created += 1
            if is_committee:
                if target:
                    n_sub = per_large + (1 if large_seen < extra else 0)
                    large_seen += 1
                else:
                    n_sub = rng.randint(3, 5)
                created += self._subordinates(
                    rng, org, n_sub, host=host, short=short, enterprise=enterprise
                )
        self.builder.report.add("tổ chức đảng", created)
        return root

    @staticmethod
    def _subordinates(rng, org, n, *, host, short, enterprise) -> int:
        """Exactly `n` organizations under a Đảng bộ cơ sở: chi bộ trực thuộc, and in some
        enterprises a Đảng bộ bộ phận holding two of them."""
        departments = list(text.ENTERPRISE_DEPARTMENTS if enterprise else text.AGENCY_DEPARTMENTS)
        rng.shuffle(departments)
        names = departments[:n] + [f"Chi bộ số {k}" for k in range(len(departments) + 1, n + 1)]
        made = 0
        if enterprise and n >= 4 and rng.random() < 0.35:
            department = names.pop()
            intermediate = Organization(
                name=f"Đảng bộ bộ phận {department} {short}",
                kind=Organization.Kind.INTERMEDIATE_COMMITTEE,
                parent=org,
                host_unit=f"{department}, {host}",
                established_on=org.established_on,
                order=(n + 1) * 10,
            )
            intermediate.save()
            for cell in (1, 2):
                Organization(
                    name=f"Chi bộ Tổ {cell}, {department} {short}",
                    kind=Organization.Kind.SUBORDINATE_CELL,
                    parent=intermediate,
                    host_unit=f"{department}, {host}",
                    member_count=rng.randint(5, 24),
                    established_on=org.established_on,
                    order=cell * 10,
                ).save()
            names = names[: n - 3]
            made += 3
        for sub_order, name in enumerate(names, start=1):
            label = name if name.startswith("Chi bộ số") else f"Chi bộ {name}"
            Organization(
                name=f"{label} {short}",
                kind=Organization.Kind.SUBORDINATE_CELL,
                parent=org,
                host_unit=f"{name}, {host}" if not name.startswith("Chi bộ số") else host,
                member_count=rng.randint(6, 38),
                established_on=org.established_on,
                order=sub_order * 10,
            ).save()
            made += 1
        return made


class OrganizationHistoryBuilder:
    """A few years of changes, made through the same workflow functions as the admin's.

    Modelled on what happened to such bodies in 2025: departments merged (Kế hoạch và
    Đầu tư into Tài chính; Nông nghiệp with Tài nguyên và Môi trường), a department
    renamed, a chi bộ cơ sở upgraded, an enterprise's chi bộ dissolved after divestment
    and a new one founded.
    """

    NEW_ORGANIZATIONS = 6  # four chi bộ with the upgrade, one merger into a new body, one founding
    BY_BLOC = "Ban Thường vụ Đảng ủy Khối"
    BY_PROVINCE = "Ban Thường vụ Tỉnh ủy"

    def __init__(self, builder: DemoBuilder):
        self.builder = builder

    def build(self, root: Organization):
        if OrganizationEvent.objects.exists():
            return
        by_name = {org.name: org for org in Organization.objects.active().filter(parent=root)}
        events = 0

        def change(on, number, signed_on, issuer, note=""):
            """The demo acts for no one: its operations skip the permission checks."""
            decision = workflow.Decision(number=number, signed_on=signed_on, issuer=issuer)
            return workflow.Change(date=on, decision=decision, note=note)

        science = by_name.get("Chi bộ Sở Khoa học và Công nghệ")
        if science:
            science.member_count = max(science.member_count, 24)
            science.save(update_fields=["member_count"])
            share = science.member_count // 4
            workflow.upgrade(
                skip_permission_checks=True,
                organization=science,
                name="Đảng bộ Sở Khoa học và Công nghệ",
                short_name="Đảng bộ SKHCN",
                new_cells=[
                    workflow.NewCell(
                        name=f"Chi bộ {unit} Sở Khoa học và Công nghệ", member_count=share
                    )
                    for unit in (
                        "Văn phòng",
                        "Phòng Quản lý khoa học",
                        "Trung tâm Ứng dụng tiến bộ khoa học",
                        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                    )
                ],
                change=change(
                    date(2024, 3, 12),
                    "215-QĐ/ĐUK",
                    date(2024, 3, 8),
                    self.BY_BLOC,
                    "Nâng cấp 01 chi bộ cơ sở lên thành Đảng bộ cơ sở gồm 4 chi bộ trực thuộc.",
                ),
            )
            events += 1
        planning, finance = (
            by_name.get("Đảng bộ Sở Kế hoạch và Đầu tư"),
            by_name.get("Đảng bộ Sở Tài chính"),
        )
        if planning and finance:
            workflow.merge(
                skip_permission_checks=True,
                sources=[planning],
                into=finance,
                change=change(
                    date(2025, 3, 1),
                    "1405-QĐ/TU",
                    date(2025, 2, 26),
                    self.BY_PROVINCE,
                    "Sáp nhập theo phương án sắp xếp tổ chức bộ máy các sở, ngành của tỉnh.",
                ),
            )
            events += 1
        farming = by_name.get("Đảng bộ Sở Nông nghiệp và Phát triển nông thôn")
        environment = by_name.get("Đảng bộ Sở Tài nguyên và Môi trường")
        if farming and environment:
            workflow.merge(
                skip_permission_checks=True,
                sources=[farming, environment],
                name="Đảng bộ Sở Nông nghiệp và Môi trường",
                short_name="Đảng bộ SNNMT",
                kind=Organization.Kind.GRASSROOTS_COMMITTEE,
                parent=root,
                host_unit="Sở Nông nghiệp và Môi trường",
                change=change(date(2025, 3, 1), "1406-QĐ/TU", date(2025, 2, 26), self.BY_PROVINCE),
            )
            events += 1
        ethnic = by_name.get("Chi bộ Ban Dân tộc tỉnh")
        if ethnic:
            workflow.rename(
                skip_permission_checks=True,
                organization=ethnic,
                name="Chi bộ Sở Dân tộc và Tôn giáo",
                short_name="Chi bộ SDTTG",
                change=change(date(2025, 3, 1), "238-QĐ/ĐUK", date(2025, 2, 28), self.BY_BLOC),
            )
            events += 1
        printing = by_name.get("Chi bộ Công ty Cổ phần In và Phát hành sách")
        if printing:
            workflow.dissolve(
                skip_permission_checks=True,
                organization=printing,
                change=change(
                    date(2025, 9, 30),
                    "301-QĐ/ĐUK",
                    date(2025, 9, 25),
                    self.BY_BLOC,
                    "Doanh nghiệp hoàn thành thoái vốn nhà nước; đảng viên chuyển sinh hoạt về nơi cư trú.",
                ),
            )
            events += 1
        workflow.establish(
            skip_permission_checks=True,
            name="Chi bộ Công ty Cổ phần Năng lượng Hòa Sơn",
            short_name="Chi bộ Năng lượng",
            kind=Organization.Kind.GRASSROOTS_CELL,
            parent=root,
            host_unit="Công ty Cổ phần Năng lượng Hòa Sơn",
            member_count=11,
            order=990,
            change=change(date(2026, 4, 10), "355-QĐ/ĐUK", date(2026, 4, 6), self.BY_BLOC),
        )
        self.builder.report.add("thay đổi tổ chức", events + 1)


class LeadershipBuilder:
    """Terms 2020–2025 and 2025–2030 of the Đảng ủy Khối with its BCH, BTV and UBKT."""

    BCH_SIZE = 25

    def __init__(self, builder: DemoBuilder):
        self.builder = builder

    def build(self, tree: Tree) -> list[tuple[date, str]]:
        """Create the terms and positions once; return (since, name) of each Bí thư."""
        root = tree.root
        if not root.positions.exists():
            self._create(root)
        secretaries = (
            root.positions.filter(title=Position.Title.BI_THU)
            .select_related("cadre")
            .order_by("started_on")
        )
        return [(p.started_on, p.cadre.full_name) for p in secretaries] or [
            (date.min, "Nguyễn Văn An")
        ]

    def _create(self, root):
        rng = self.builder.rng("leadership")
        old_term, _ = Term.objects.get_or_create(
            organization=root,
            start_year=2020,
            defaults={"end_year": 2025, "congress_number": 4, "congress_date": date(2020, 7, 16)},
        )
        new_term, _ = Term.objects.get_or_create(
            organization=root,
            start_year=2025,
            defaults={"end_year": 2030, "congress_number": 5, "congress_date": date(2025, 7, 24)},
        )
        people = self._cadres(rng, 34)
        btv_titles = [
            (Position.Title.BI_THU, Position.Body.BTV),
            (Position.Title.PHO_BI_THU_THUONG_TRUC, Position.Body.BTV),
            (Position.Title.PHO_BI_THU, Position.Body.BTV),
            (Position.Title.UY_VIEN_BTV, Position.Body.BTV),
            (Position.Title.UY_VIEN_BTV, Position.Body.BTV),
            (Position.Title.UY_VIEN_BTV, Position.Body.BTV),
            (Position.Title.UY_VIEN_BTV, Position.Body.BTV),
        ]
        positions = []

        def hold(cadre, title, body, term, order, *, method=Position.Method.ELECTED):
            started = term.congress_date
            ended = date(2025, 7, 24) if term is old_term else None
            positions.append(
                Position(
                    cadre=cadre,
                    organization=root,
                    title=title,
                    body=body,
                    term=term,
                    started_on=started,
                    ended_on=ended,
                    method=method,
                    order=order,
                )
            )

        # 2020–2025: people[0..24] in the BCH, the first seven in the BTV.
        # 2025–2030: most re-elected; three leave, three join; the Bí thư changes.
        old = people[:25]
        new = people[1:23] + people[25:28]
        new_leaders = [
            people[1],
            people[2],
            people[25],
            people[3],
            people[4],
            people[5],
            people[26],
        ]
        for term, members, leaders in [(old_term, old, old[:7]), (new_term, new, new_leaders)]:
            for order, (cadre, (title, body)) in enumerate(
                zip(leaders, btv_titles, strict=True), start=1
            ):
                hold(cadre, title, body, term, order)
            for order, cadre in enumerate((c for c in members if c not in leaders), start=20):
                hold(cadre, Position.Title.UY_VIEN_BCH, Position.Body.BCH, term, order)
            # UBKT: a chairman from the BTV, a deputy and members outside it.
            ubkt = [
                leaders[4],
                *[c for c in members if c not in leaders][:2],
                people[28 if term is new_term else 29],
            ]
            for order, (cadre, title) in enumerate(
                zip(
                    ubkt,
                    [
                        Position.Title.CHU_NHIEM_UBKT,
                        Position.Title.PHO_CHU_NHIEM_UBKT,
                        Position.Title.UY_VIEN_UBKT,
                        Position.Title.UY_VIEN_UBKT,
                    ],
                    strict=True,
                ),
                start=60,
            ):
                hold(cadre, title, Position.Body.UBKT, term, order)
        # Staff departments, appointed.
        for order, (cadre, title, body) in enumerate(
            [
                (people[5], Position.Title.TRUONG_BAN, Position.Body.BAN_TO_CHUC),
                (people[26], Position.Title.TRUONG_BAN, Position.Body.BAN_TUYEN_GIAO_DAN_VAN),
                (people[30], Position.Title.CHANH_VAN_PHONG, Position.Body.VAN_PHONG),
                (people[31], Position.Title.PHO_CHANH_VAN_PHONG, Position.Body.VAN_PHONG),
            ],
            start=80,
        ):
            hold(cadre, title, body, new_term, order, method=Position.Method.APPOINTED)
        Position.objects.bulk_create(positions)
        self.builder.report.add("chức vụ", len(positions))

    def _cadres(self, rng, count) -> list[Cadre]:
        folder = Path(settings.MEDIA_ROOT) / "demo" / "cadres"
        folder.mkdir(parents=True, exist_ok=True)
        cadres, seen = [], set()
        while len(cadres) < count:
            person = text.person_name(rng)
            if person.full_name in seen:
                continue
            seen.add(person.full_name)
            index = len(cadres)
            photo = ""
            if index < 12:
                # The file name says what is drawn, so a file left by another seed is never reused.
                name = (
                    f"cadre-{self.builder.seed}-{index:02d}-{'f' if person.is_female else 'm'}.jpg"
                )
                path = folder / name
                if not path.exists():
                    path.write_bytes(
                        images.portrait_jpeg(
                            self.builder.seed * 100 + index, female=person.is_female
                        )
                    )
                photo = f"demo/cadres/{name}"
            born = rng.randint(1966, 1982)
            cadre = Cadre(
                full_name=person.full_name,
                photo=photo,
                biography=self._biography(rng, person, born),
                birth_date=date(born, rng.randint(1, 12), rng.randint(1, 28)),
                phone=f"09{rng.randint(10000000, 99999999)}",
                email=f"canbo{index:02d}@hoason.example",
                party_joined_on=date(
                    born + rng.randint(22, 30), rng.randint(1, 12), rng.randint(1, 28)
                ),
            )
            cadre.save()
            cadres.append(cadre)
        self.builder.report.add("cán bộ", len(cadres))
        return cadres

    @staticmethod
    def _biography(rng, person, born) -> str:
        hometown = rng.choice(text.DISTRICTS)
        degree = rng.choice(
            [
                "Thạc sĩ Quản lý công",
                "Cử nhân Kinh tế",
                "Thạc sĩ Luật",
                "Kỹ sư Xây dựng",
                "Cử nhân Chính trị học",
            ]
        )
        return (
            f"Quê quán: huyện {hometown}, tỉnh {text.PROVINCE}.\n"
            f"Trình độ chuyên môn: {degree}; lý luận chính trị: Cao cấp.\n"
            f"Trước khi công tác tại Đảng ủy Khối, {'bà' if person.is_female else 'ông'} từng giữ nhiều cương vị "
            f"tại các sở, ngành của tỉnh."
        )
