"""Public news pages. (Skeleton: the public-pages issue fills these in.)"""

from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from news.models import Article, Category


class CategoryListView(ListView):
    template_name = "news/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return Category.objects.top_level().prefetch_related("children")


class CategoryDetailView(DetailView):
    model = Category
    template_name = "news/category_detail.html"


class ArticleDetailView(DetailView):
    """The public article page; the admin's preview reuses it with `allow_unpublished=True`.

    The admin wraps the preview in its own permission checks and calls
    `ArticleDetailView.as_view(allow_unpublished=True)(request, slug=..., pk=...)`:
    the page then shows drafts, pending and scheduled articles, marks the context with
    `is_preview`, and is never cached.
    """

    template_name = "news/article_detail.html"
    allow_unpublished = False

    def get_object(self, queryset=None):
        articles = Article.objects.all() if self.allow_unpublished else Article.objects.published()
        return get_object_or_404(articles, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))


class SearchView(TemplateView):
    template_name = "news/search.html"
