"""Public pages of event threads and tags, and the download of an article's attachments.

Like the category page, each list runs a fixed number of queries whatever the number of
articles (tests/news/test_threads.py and test_tags.py pin them); anonymous readers get
them from the page cache (news/urls.py). docs/newsroom.md.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView

from documents.storage import file_response
from news import metadata, workflow
from news.attachments import ArticleAttachment
from news.models import Article, Tag, Thread
from news.views import elided_page_range


class ThreadListView(ListView):
    """/dong-su-kien/: running threads first, then the ones that ended, newest first."""

    template_name = "news/thread_list.html"
    context_object_name = "threads"
    paginate_by = 24

    def get_queryset(self):
        return Thread.objects.order_by("-starts_on", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        threads = list(page_obj.object_list)
        context.update(
            running=[thread for thread in threads if thread.is_active()],
            ended=[thread for thread in threads if not thread.is_active()],
            page_range=elided_page_range(page_obj),
            meta=metadata.thread_list(self.request, page_obj),
        )
        return context


class ThreadDetailView(ListView):
    """/dong-su-kien/<slug>/: the thread, then its published articles, newest first."""

    template_name = "news/thread_detail.html"
    context_object_name = "articles"
    paginate_by = 18

    def get(self, request, *args, **kwargs):
        self.thread = get_object_or_404(Thread, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.published().filter(threads=self.thread).for_card().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            thread=self.thread,
            page_range=elided_page_range(context["page_obj"]),
            meta=metadata.thread(self.request, self.thread, context["page_obj"]),
        )
        return context


class TagDetailView(ListView):
    """/tu-khoa/<slug>/: the published articles with the tag, newest first."""

    template_name = "news/tag_detail.html"
    context_object_name = "articles"
    paginate_by = 18

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.published().filter(tags=self.tag).for_card().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            tag=self.tag,
            page_range=elided_page_range(context["page_obj"]),
            meta=metadata.tag(self.request, self.tag, context["page_obj"]),
        )
        return context


def attachment_download(request, pk, name):
    """An article's attachment: to everyone once the article is public, before that to
    those who may open the article in the admin (its writer, editors)."""
    item = get_object_or_404(ArticleAttachment.objects.select_related("article"), pk=pk)
    article = item.article
    public = article.is_published()
    if not public and not (
        request.user.is_active
        and request.user.is_staff
        and workflow.can_view(request.user, article)
    ):
        raise Http404
    if name != item.download_name:
        return redirect(item, permanent=public)
    return file_response(
        item.file,
        content_type=item.content_type,
        download_name=item.download_name,
        inline=item.opens_inline,
        public=public,
    )
