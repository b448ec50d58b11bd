"""Public pages of the documents library: the list with filters and search, a document,
and the download of its files.

Internal documents ("Lưu hành nội bộ"), drafts and withdrawn documents are 404 here;
their files are served to staff only. Each page runs a fixed number of queries whatever
the number of documents (tests/documents/test_views.py pins them).
"""

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

import vntext
from documents import counters, metadata, search
from documents.codes import fold_word
from documents.filters import DocumentFilter, cached_counts
from documents.models import Document, DocumentFile
from documents.storage import file_response

CHAIN_LIMIT = 10  # how far the replacement chain is followed either way


def _clean_params(params: QueryDict) -> QueryDict:
    """The query string without NUL, control characters or lone surrogates."""
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(vntext.normalize(key)[:50], [vntext.normalize(v)[:1000] for v in values])
    return cleaned


class DocumentListView(ListView):
    """/van-ban/: newest issued first, filtered, searched by words or by code."""

    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.params = _clean_params(request.GET)
        self.query = search.parse(self.params.get("q", ""))
        self.filterset = DocumentFilter(
            self.params or None, queryset=Document.objects.public(), counts=cached_counts()
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Invalid values (a year that is not offered) are shown as errors and ignored.
        documents = self.filterset.qs
        documents = search.search(documents, self.query) if self.query else documents.newest_first()
        return documents.for_list().with_validity()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        query_string = self.params.copy()
        query_string.pop("page", None)
        searched = bool(self.query) or self.filterset.is_active
        context.update(
            filter=self.filterset,
            query=self.query,
            search_query=self.query.text,
            searched=searched,
            page_range=page_obj.paginator.get_elided_page_range(
                page_obj.number, on_each_side=2, on_ends=1
            ),
            query_string=query_string.urlencode(),
            fold_word=fold_word,
            meta=metadata.document_list(
                self.request,
                page_obj,
                query_text=self.query.text,
                searched=searched,
            ),
        )
        return context


class DocumentDetailView(DetailView):
    """/van-ban/<slug>-<id>/: the metadata table, files, chain, related documents and news."""

    template_name = "documents/document_detail.html"
    context_object_name = "document"
    same_kind_count = 6
    news_count = 6

    def get_object(self, queryset=None):
        return get_object_or_404(
            Document.objects.public().select_related("kind", "issuer__organization"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        public = Document.objects.public().select_related("kind", "issuer")
        validity = document.validity()
        context.update(
            validity=validity,
            subjects=list(document.subjects.all()),
            files=list(document.files.all()),
            replaced_by_chain=self._newer(document),
            replaces_chain=self._older(document),
            amends=list(document.amends.public().for_list()),
            amended_by=list(document.amended_by.public().for_list()),
            related_documents=list(document.related_documents.public().for_list()),
            same_kind=list(
                public.filter(kind=document.kind_id, issuer=document.issuer_id)
                .exclude(pk=document.pk)
                .newest_first()
                .for_list()[: self.same_kind_count]
            ),
            # Through the reverse relation only: the documents app never imports news.
            articles=list(
                document.articles.published()
                .only("id", "title", "slug", "published_at")
                .order_by("-published_at", "-pk")[: self.news_count]
            ),
            meta=metadata.document(self.request, document, validity),
            download_count=document.download_count + counters.pending_downloads(document.pk),
        )
        return context

    @staticmethod
    def _newer(document):
        """What replaced this document, then what replaced that...: public ones only."""
        chain, current = [], document
        for _ in range(CHAIN_LIMIT):
            current = Document.objects.public().for_list().filter(replaces=current.pk).first()
            if current is None:
                break
            chain.append(current)
        return chain

    @staticmethod
    def _older(document):
        chain, current_id = [], document.replaces_id
        for _ in range(CHAIN_LIMIT):
            if current_id is None:
                break
            older = Document.objects.public().for_list().filter(pk=current_id).first()
            if older is None:
                break
            chain.append(older)
            current_id = older.replaces_id
        return chain


def download(request, pk, name):
    """One file of a document: anyone for a public document, staff for an internal one.

    PDFs open in the browser's own viewer (`Content-Disposition: inline`), other types
    are downloaded; `X-Content-Type-Options: nosniff` always. In production nginx sends
    the bytes (`X-Accel-Redirect` to its internal location, docs/documents.md).
    """
    item = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
    document = item.document
    public = document.is_public()
    user = request.user
    if not public and not (
        user.is_active and user.is_staff and user.has_perm("documents.view_document")
    ):
        raise Http404
    if name != item.download_name:
        return redirect(item, permanent=public)
    if public and request.method == "GET" and not _is_robot(request):
        counters.record_download(document.pk)
    return file_response(
        item.file,
        content_type=item.content_type,
        download_name=item.download_name,
        inline=item.opens_inline,
        public=public,
    )


def _is_robot(request) -> bool:
    agent = request.headers.get("User-Agent", "").lower()
    return any(word in agent for word in ("bot", "crawl", "spider", "slurp", "preview"))
