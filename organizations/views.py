"""Public organization pages: the chart, an organization, the leadership, a cadre.

Each page runs a fixed, small number of queries whatever the size of the tree (pinned
in tests/organizations/test_views.py), and none of them loads a cadre's private fields.
"""

from itertools import groupby

from django.utils import timezone
from django.views.generic import DetailView, TemplateView

import vntext
from organizations import chart as charts
from organizations import metadata
from organizations.models import Cadre, Organization, OrganizationEvent, Position

NEWS_ON_ORGANIZATION_PAGE = 6
DOCUMENTS_ON_ORGANIZATION_PAGE = 6


class ChartView(TemplateView):
    """/to-chuc/ and /to-chuc/?ngay=15/10/2021: the tree today (cached) or on a past date."""

    template_name = "organizations/chart.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("ngay", "").strip()
        today = timezone.localdate()
        error = ""
        chart = None
        if raw:
            try:
                day = charts.parse_day(raw)
            except ValueError as exc:
                error = str(exc)
            else:
                if day > today:
                    error = "Không thể xem sơ đồ tại một ngày trong tương lai."
                else:
                    chart = charts.page_as_of(day)
        if chart is None:
            chart = charts.today_page()
        context.update(
            chart=chart,
            date_error=error,
            date_value=raw,
            today=today,
            meta=metadata.chart(self.request, chart),
        )
        return context


class OrganizationDetailView(DetailView):
    """Profile, leadership, sub-organizations, history, terms and news of one organization."""

    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        # The issuer row of the documents library, if any, through the reverse one-to-one.
        related = ["parent", "merged_into"]
        if hasattr(Organization, "document_issuer"):
            related.append("document_issuer")
        return Organization.objects.select_related(*related)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        subtree, rollup = [], None
        if org.is_active() and org.is_bloc:
            # Its whole tree is the chart; here only the totals.
            rollup = Organization.objects.rollups([org.pk]).get(org.pk)
        elif org.is_active() and org.can_have_children:
            nodes = Organization.objects.subtree_with_rollups(org)
            rollup = next((node.rollup for node in nodes if node.pk == org.pk), None)
            subtree = [node for node in nodes if node.pk != org.pk]
        leaders = Position.objects.none()
        if org.is_active():
            leaders = Position.objects.filter(organization=org).current().for_public_list()
            if org.is_bloc:  # the full list is on /lanh-dao/
                leaders = leaders.filter(body__in=LeadershipView.STANDING)
        context.update(
            rollup=rollup,
            subtree=_nest(org, subtree),
            leaders=list(leaders),
            events=OrganizationEvent.objects.filter(organization=org)
            .select_related("related")
            .order_by("-date", "-pk"),
            terms=org.terms.all(),
            # Through the reverse relation only: the organizations app never imports news.
            news=org.articles.published()
            .only("id", "title", "slug", "published_at")
            .order_by("-published_at", "-pk")[:NEWS_ON_ORGANIZATION_PAGE],
            documents=_issued_documents(org),
            meta=metadata.organization(self.request, org),
        )
        return context


def _issued_documents(org) -> list:
    """The public documents the organization issued, newest first.

    Through the reverse relations only (the issuer row that points at the organization,
    then its documents): the organizations app never imports the documents app.
    """
    issuer = getattr(org, "document_issuer", None)  # no issuer row: no documents
    if issuer is None:
        return []
    documents = issuer.documents.public().newest_first()
    # With its issuer's id: the reverse relation sets `issuer` on each row from it, which
    # would otherwise be one query per document.
    fields = ("id", "issuer_id", "code", "title", "slug", "issued_on")
    return list(documents.only(*fields)[:DOCUMENTS_ON_ORGANIZATION_PAGE])


class LeadershipView(TemplateView):
    """/lanh-dao/: the Đảng ủy Khối's BTV and BCH, then UBKT and the staff bodies; past terms.

    The Ban Thường vụ is elected from the Ban Chấp hành, so the BCH section lists the
    BTV members too (each person once, under the first of their positions by order).
    """

    template_name = "organizations/leadership.html"
    STANDING = (Position.Body.THUONG_TRUC, Position.Body.BTV)
    # Each section of the page and the bodies it shows, in the order shown.
    SECTIONS = (
        ("Ban Thường vụ", STANDING),
        ("Ban Chấp hành", (*STANDING, Position.Body.BCH)),
        ("Ủy ban Kiểm tra", (Position.Body.UBKT,)),
        (
            "Các ban tham mưu, giúp việc",
            (
                Position.Body.VAN_PHONG,
                Position.Body.BAN_TO_CHUC,
                Position.Body.BAN_TUYEN_GIAO,
                Position.Body.BAN_TUYEN_GIAO_DAN_VAN,
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc = Organization.objects.root()
        sections, history = [], []
        if bloc is not None:
            # Every position the Đảng ủy Khối recorded, in one query: today's are the
            # current ones (`Position.is_current`), all of them make up the history.
            positions = sorted(
                Position.objects.filter(organization=bloc).for_public_list(),
                key=lambda p: (p.order, vntext.fold(p.cadre.full_name), p.pk),
            )
            today = timezone.localdate()
            current = [position for position in positions if position.is_current(today)]
            for title, bodies in self.SECTIONS:
                members, seen = [], set()
                for position in current:
                    if position.body in bodies and position.cadre_id not in seen:
                        seen.add(position.cadre_id)
                        members.append(position)
                if members:
                    sections.append((title, members))
            history = self._history(positions)
        context.update(
            bloc=bloc,
            sections=sections,
            history=history,
            meta=metadata.leadership(self.request, bloc),
        )
        return context

    @staticmethod
    def _history(positions):
        """[(term, positions)], newest term first; positions without a term last."""
        by_term = {}
        for position in positions:
            by_term.setdefault(position.term, []).append(position)
        terms = sorted((term for term in by_term if term), key=lambda t: -t.start_year)
        return [(term, by_term[term]) for term in terms] + (
            [(None, by_term[None])] if None in by_term else []
        )


class CadreDetailView(DetailView):
    """/can-bo/<slug>/: a cadre's public profile and the positions held."""

    template_name = "organizations/cadre_detail.html"
    context_object_name = "cadre"

    def get_queryset(self):
        return Cadre.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        positions = list(
            Position.objects.filter(cadre=self.object)
            .select_related("organization", "term")
            .order_by("-started_on", "order")
        )
        grouped = {
            is_current: list(items)
            for is_current, items in groupby(
                sorted(positions, key=lambda p: not p.is_current(today)),
                key=lambda p: p.is_current(today),
            )
        }
        current = grouped.get(True, [])
        context.update(
            current_positions=current,
            past_positions=grouped.get(False, []),
            meta=metadata.cadre(self.request, self.object, current),
        )
        return context


def _nest(org, subtree):
    """Depth-first rows of `descendants()` → nested lists of (node, children)."""
    children = {}
    for node in subtree:
        children.setdefault(node.parent_id, []).append(node)

    def build(parent_id):
        return [(node, build(node.pk)) for node in children.get(parent_id, [])]

    return build(org.pk)
