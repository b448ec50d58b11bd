"""Public introduction pages: /gioi-thieu/ and /gioi-thieu/<slug>/ with a side menu.

Queries are fixed whatever the size of the tree: the page, its siblings (one query for
the side menu) and, on the "Liên hệ" page, the departments. Old slugs answer 301.
"""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import ListView, TemplateView

from pages import metadata
from pages.models import Department, Page, PageSlugRedirect

MENU_FIELDS = ("id", "title", "menu_title", "slug", "parent_id", "order")


class PageIndexView(ListView):
    template_name = "pages/page_index.html"
    context_object_name = "pages"

    def get_queryset(self):
        children = Prefetch(
            "children", queryset=Page.objects.in_menu().only(*MENU_FIELDS), to_attr="menu_children"
        )
        return (
            Page.objects.published()
            .top_level()
            .only(*MENU_FIELDS, "summary")
            .prefetch_related(children)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, meta=metadata.index(self.request))


class PageDetailView(TemplateView):
    template_name = "pages/page_detail.html"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.page = Page.objects.published().select_related("parent").filter(slug=slug).first()
        if self.page is None:
            old = PageSlugRedirect.objects.select_related("page").filter(old_slug=slug).first()
            if old is None or not old.page.is_published:
                raise Http404("Không có trang này.")
            return redirect(old.page, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.page
        # The side menu: the page's own level, and its children under it (one query).
        level = Q(parent__isnull=True) if page.parent_id is None else Q(parent_id=page.parent_id)
        menu = list(
            Page.objects.published().filter(level | Q(parent_id=page.pk)).only(*MENU_FIELDS)
        )
        siblings = [p for p in menu if p.parent_id == page.parent_id]
        children = [p for p in menu if p.parent_id == page.pk]
        context.update(
            page=page,
            siblings=siblings,
            children=children,
            departments=list(Department.objects.all()) if page.is_contact else [],
            meta=metadata.page(self.request, page),
        )
        return context
