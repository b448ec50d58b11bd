"""The newsroom's admin: categories, articles and their editorial workflow.

Who sees and changes what is decided by `news.workflow` (querysets, object
permissions, transitions), never by hidden buttons alone. Saving goes through
`workflow.save_article` (edit lock, revisions); statuses change only through the
workflow's transition functions, from the list's actions or the article's buttons.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.safestring import mark_safe

import vntext
from netguard.readonly import ReadOnlyAdminMixin
from news import admin_pennames, admin_topics, desk_admin, workflow
from news.diff import diff_blocks, diff_words
from news.forms import ArticleAdminForm, TransitionForm
from news.models import Article, ArticleRevision, ArticleTransition, Category
from news.views import ArticleDetailView
from pagecache.admin import PageCacheAdminMixin
from vntext import names

Status = Article.Status


def local_datetime(value) -> str:
    return f"{timezone.localtime(value):%H:%M %d/%m/%Y}" if value else "—"


def status_badge(article: Article) -> str:
    if article.is_scheduled():
        return format_html(
            '<span class="status-badge status-badge--scheduled" title="Tự xuất bản lúc {}">'
            "Hẹn giờ</span>",
            local_datetime(article.published_at),
        )
    return format_html(
        '<span class="status-badge status-badge--{}">{}</span>',
        article.status,
        article.get_status_display(),
    )


@admin.register(Category)
class CategoryAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu", "show_on_home"]
    list_editable = ["order", "show_in_menu", "show_on_home"]
    list_filter = ["show_in_menu", "show_on_home"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    fields = [
        "name",
        "short_name",
        "slug",
        "parent",
        "description",
        "order",
        "show_in_menu",
        "show_on_home",
    ]

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)


class WrittenByMeFilter(admin.SimpleListFilter):
    title = "người tạo"
    parameter_name = "nguoi-tao"

    def lookups(self, request, model_admin):
        return [("toi", "Bài của tôi")]

    def queryset(self, request, queryset):
        if self.value() == "toi":
            return queryset.filter(created_by=request.user)
        return queryset


@admin.register(Article)
class ArticleAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_display",
        "category_name",
        "byline",
        "published_display",
        "featured",
        "preview_link",
    ]
    list_filter = [
        "status",
        ("category", desk_admin.ScopedCategoryFilter),
        "is_featured",
        "published_at",
        *admin_pennames.ARTICLE_LIST_FILTERS,
    ]
    list_select_related = ["category", "created_by"]
    list_per_page = 50
    search_fields = ["title", "sapo"]
    search_help_text = "Tìm theo tiêu đề hoặc sapo, có dấu hoặc không dấu."
    date_hierarchy = "published_at"
    show_facets = admin.ShowFacets.ALWAYS
    # Work in progress (no publication time) first, then the newest.
    ordering = [F("published_at").desc(nulls_first=True), "-updated_at"]
    # "organizations" joins them once the organizations admin offers search (below).
    autocomplete_fields = ["related_articles", "organizations", "documents", "threads", "albums"]
    inlines = [admin_topics.AttachmentInline]
    readonly_fields = [
        "status_display",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "view_count",
        "body_html",
    ]
    actions = ["submit_selected", "approve_selected", "reject_selected", "unpublish_selected"]
    save_on_top = True

    class Media:
        css = {"all": ["news/admin/editorial.css"]}
        js = ["news/admin/tags.js"]

    # --- who sees and changes what ---------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        visible = workflow.visible_articles(request.user, queryset)
        if self._is_autocomplete(request):
            # Picking "Tin liên quan": what the public reads, and what the user may open.
            return visible | queryset.published()
        return visible

    @staticmethod
    def _is_autocomplete(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match) and match.url_name == "autocomplete"

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)

    def has_publish_permission(self, request):
        return workflow.can_review(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.writer = obj.created_by if obj is not None else request.user
        form.actor = request.user  # the category check of a limited editor (forms.py)
        return form

    def get_list_filter(self, request):
        if workflow.is_editor(request.user):
            return [*self.list_filter, WrittenByMeFilter]
        return self.list_filter

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "extra_categories":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        if db_field.name == "related_articles":
            kwargs["queryset"] = (
                workflow.visible_articles(request.user) | Article.objects.published()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body" and request.user.is_superuser:
            kwargs["config_name"] = "superuser"  # the same toolbar plus "Mã HTML"
        if db_field.name == "source_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = vntext.fold(search_term)
        if folded:
            matches |= queryset.filter(search_title__contains=folded)
        return matches, may_have_duplicates

    def get_fieldsets(self, request, obj=None):
        editable = obj is None or workflow.can_edit(request.user, obj)
        content = ["title", "slug", "sapo", "body" if editable else "body_html"]
        if obj is not None and editable:
            content.append("loaded_version")
        classification = [
            "category",
            "extra_categories",
            "threads",
            "tag_names",
            "organizations",
            "related_articles",
        ]
        if request.user.has_perm("documents.view_document"):
            # Linking documents is for editors (docs/documents.md, "Roles").
            classification.append("documents")
        if request.user.has_perm("gallery.view_album"):
            classification.append("albums")
        fieldsets = [
            (None, {"fields": content}),
            ("Ảnh đại diện", {"fields": ["cover_image", "cover_caption", "cover_alt"]}),
            ("Phân loại", {"fields": classification}),
            (
                "Tác giả và nguồn",
                {"fields": ["pen_name", "author_name", "source_name", "source_url"]},
            ),
        ]
        if workflow.can_edit_publishing(request.user, obj):
            fieldsets.append(("Xuất bản", {"fields": ["published_at", "is_featured"]}))
        if obj is not None:
            fieldsets.append(
                (
                    "Thông tin lưu trữ",
                    {
                        "fields": [
                            "status_display",
                            "version",
                            "created_by",
                            "created_at",
                            "updated_at",
                            "view_count",
                        ],
                        "classes": ["collapse"],
                    },
                )
            )
        return fieldsets

    # --- list columns ----------------------------------------------------------------

    @admin.display(description="trạng thái", ordering="status")
    def status_display(self, obj):
        return status_badge(obj)

    @admin.display(description="chuyên mục", ordering="category__name")
    def category_name(self, obj):
        return obj.category.label

    @admin.display(description="tác giả", ordering="author_name")
    def byline(self, obj):
        writer = names.display_name(obj.created_by)
        if obj.author_name and writer and obj.author_name != writer:
            return format_html('{}<br><span class="quiet">nhập: {}</span>', obj.author_name, writer)
        return obj.author_name or writer or "—"

    @admin.display(description="xuất bản", ordering="published_at")
    def published_display(self, obj):
        if obj.published_at is None:
            return "—"
        local = timezone.localtime(obj.published_at)
        return format_html(
            '{}<br><span class="quiet">{}</span>', f"{local:%d/%m/%Y}", f"{local:%H:%M}"
        )

    @admin.display(description="nổi bật", ordering="is_featured", empty_value="")
    def featured(self, obj):
        if not obj.is_featured:
            return ""
        return mark_safe(
            '<span class="featured-star" title="Tin nổi bật">★'
            '<span class="visually-hidden"> Tin nổi bật</span></span>'
        )

    @admin.display(description="")
    def preview_link(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" title="Xem trước “{}”">Xem trước</a>',
            reverse("admin:news_article_preview", args=[obj.pk]),
            obj.title,
        )

    @admin.display(description="nội dung")
    def body_html(self, obj):
        # Sanitized on save (richtext): safe to show as HTML.
        return mark_safe(f'<div class="article-body-preview">{obj.body}</div>')

    # --- saving ----------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        workflow.save_article(
            article=obj,
            actor=request.user,
            expected_version=form.cleaned_data.get("loaded_version") if change else None,
            changed_fields=form.changed_data,
        )

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_for_review" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    def _submit_after_save(self, request, obj):
        transition = workflow.RESUBMIT if obj.status == Status.REJECTED else workflow.SUBMIT
        try:
            workflow.perform(transition, article=obj, actor=request.user)
        except (PermissionDenied, workflow.TransitionNotAllowed, ValidationError) as error:
            self.message_user(
                request, f"Đã lưu, nhưng chưa gửi duyệt: {_message(error)}", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        self.message_user(request, f"Đã lưu và gửi duyệt bài “{obj}”.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:news_article_changelist"))

    def changelist_view(self, request, extra_context=None):
        # The newsroom's main screen needs its width for seven columns and the filters;
        # the app list is one click away in the breadcrumbs.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_view_on_site_url(self, obj=None):
        if obj is not None and obj.is_published():
            return obj.get_absolute_url()
        return None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["show_submit_for_review"] = (
            workflow.can_create(user)
            if obj is None
            else any(t.is_available(user, obj) for t in (workflow.SUBMIT, workflow.RESUBMIT))
            and workflow.can_edit(user, obj)
        )
        if obj is not None:
            context.update(
                article=obj,
                status_badge=status_badge(obj),
                rejection=workflow.latest_rejection(obj),
                history=obj.transitions.select_related("actor")[:50],
                revisions=obj.revisions.select_related("created_by")[:30],
                transition_links=[
                    (
                        t,
                        reverse("admin:news_article_transition", args=[obj.pk, t.name])
                        + f"?phien-ban={obj.version}",
                    )
                    for t in workflow.available_transitions(user, obj)
                ],
                preview_url=reverse("admin:news_article_preview", args=[obj.pk]),
                can_edit_article=workflow.can_edit(user, obj),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- actions -----------------------------------------------------------------------

    @admin.action(description="Gửi duyệt", permissions=["change"])
    def submit_selected(self, request, queryset):
        articles = list(queryset)
        rejected = [article for article in articles if article.status == Status.REJECTED]
        others = [article for article in articles if article.status != Status.REJECTED]
        if others:
            self._perform(request, others, workflow.SUBMIT)
        if rejected:
            self._perform(request, rejected, workflow.RESUBMIT)

    @admin.action(description="Duyệt và xuất bản", permissions=["publish"])
    def approve_selected(self, request, queryset):
        return self._confirm(request, queryset, workflow.APPROVE)

    @admin.action(description="Trả lại (kèm lý do)", permissions=["publish"])
    def reject_selected(self, request, queryset):
        return self._confirm(request, queryset, workflow.REJECT)

    @admin.action(description="Gỡ xuống", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        return self._confirm(request, queryset, workflow.UNPUBLISH)

    def _confirm(self, request, queryset, transition):
        """The intermediate page of a list action: a note, a reason or a schedule, then run."""
        articles = list(queryset.select_related("category"))
        if request.POST.get("confirm") == "yes":
            form = TransitionForm(request.POST, transition=transition)
            if form.is_valid():
                self._run(request, articles, transition, form)
                return None
        else:
            seen = TransitionForm.encode_seen({a.pk: a.version for a in articles})
            form = TransitionForm(transition=transition, initial={"seen": seen})
        return self._transition_page(request, articles, transition, form, from_list=True)

    def _transition_page(self, request, articles, transition, form, *, from_list):
        context = {
            **self.admin_site.each_context(request),
            "title": f"{transition.label}: xác nhận",
            "opts": self.model._meta,
            "transition": transition,
            "articles": articles,
            "ready": [a for a in articles if transition.is_available(request.user, a)],
            "form": form,
            "from_list": from_list,
            "action_name": request.POST.get("action", ""),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/news/article/transition.html", context)

    def _run(self, request, articles, transition, form):
        data = form.cleaned_data
        return self._perform(
            request,
            articles,
            transition,
            note=data.get("note", ""),
            publish_at=data.get("publish_at"),
            seen=form.seen_versions(),
        )

    def _perform(self, request, articles, transition, note="", publish_at=None, seen=None):
        done = []
        for article in articles:
            try:
                workflow.perform(
                    transition,
                    article=article,
                    actor=request.user,
                    note=note,
                    publish_at=publish_at,
                    expected_version=(seen or {}).get(article.pk),
                )
            except workflow.EditConflict as conflict:
                self.message_user(
                    request,
                    f"Chưa {transition.verb} bài “{article}”: {conflict} Hãy xem lại bài rồi "
                    f"{transition.verb} lần nữa.",
                    messages.ERROR,
                )
            except (PermissionDenied, workflow.TransitionNotAllowed, ValidationError) as error:
                self.message_user(request, _message(error), messages.ERROR)
            else:
                done.append(article)
        if done:
            titles = ", ".join(f"“{article}”" for article in done[:5])
            more = f" và {len(done) - 5} bài khác" if len(done) > 5 else ""
            self.message_user(
                request, f"Đã {transition.verb} {len(done)} bài: {titles}{more}.", messages.SUCCESS
            )
        return done

    # --- views of one article ------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("viec-can-lam/", view(self.inbox_view), name="news_article_inbox"),
            path("lich-bien-tap/", view(self.calendar_view), name="news_article_calendar"),
            path(
                "<path:object_id>/xem-truoc/", view(self.preview_view), name="news_article_preview"
            ),
            path(
                "<path:object_id>/trang-thai/<slug:name>/",
                view(self.transition_view),
                name="news_article_transition",
            ),
            path(
                "<path:object_id>/phien-ban/<int:revision_id>/",
                view(self.revision_view),
                name="news_article_revision",
            ),
            *super().get_urls(),
        ]

    def inbox_view(self, request):
        return desk_admin.inbox_view(self, request)

    def calendar_view(self, request):
        return desk_admin.calendar_view(self, request)

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404("Không tìm thấy bài viết, hoặc bạn không được xem bài này.")
        return article

    def preview_view(self, request, object_id):
        """The public page of a draft, pending or scheduled article, for those who may see it."""
        article = self._article_or_404(request, object_id)
        response = ArticleDetailView.as_view(allow_unpublished=True)(
            request, slug=article.slug, pk=article.pk
        )
        add_never_cache_headers(response)
        return response

    def transition_view(self, request, object_id, name):
        article = self._article_or_404(request, object_id)
        transition = workflow.TRANSITIONS.get(name)
        if transition is None:
            raise Http404
        change_url = reverse("admin:news_article_change", args=[article.pk])
        if not transition.is_available(request.user, article):
            self.message_user(
                request,
                f"Không thể {transition.verb} bài này (trạng thái “{article.get_status_display()}”"
                " hoặc bạn không có quyền).",
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        if request.method == "POST":
            form = TransitionForm(request.POST, transition=transition)
            if form.is_valid():
                self._run(request, [article], transition, form)
                return HttpResponseRedirect(change_url)
        else:
            # The buttons on the change page carry the version the editor was reading.
            version = request.GET.get("phien-ban", "")
            seen = {article.pk: int(version) if version.isdigit() else article.version}
            form = TransitionForm(
                transition=transition, initial={"seen": TransitionForm.encode_seen(seen)}
            )
        return self._transition_page(request, [article], transition, form, from_list=False)

    def revision_view(self, request, object_id, revision_id):
        """What changed since a revision; restoring it is a save like any other."""
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article=article)
        can_restore = workflow.can_edit(request.user, article)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            try:
                expected = int(request.POST.get("loaded_version", ""))
            except ValueError:
                expected = -1
            try:
                workflow.restore_revision(
                    revision=revision, actor=request.user, expected_version=expected
                )
            except workflow.EditConflict as conflict:
                self.message_user(
                    request, f"{conflict} Hãy xem lại rồi khôi phục lần nữa.", messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    f"Đã khôi phục tiêu đề, sapo và nội dung của phiên bản {revision.version}. "
                    "Bản vừa thay thế được giữ trong lịch sử phiên bản.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:news_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Phiên bản {revision.version} của bài viết",
            "opts": self.model._meta,
            "article": article,
            "revision": revision,
            "title_diff": diff_words(revision.title, article.title),
            "sapo_diff": diff_words(revision.sapo, article.sapo),
            "body_rows": diff_blocks(revision.body, article.body),
            "can_restore": can_restore,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/news/article/revision.html", context)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@admin.register(ArticleTransition)
class ArticleTransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The review log ("Lịch sử duyệt bài"), read-only; authors see their own articles'."""

    list_display = ["created_at", "article_link", "from_status", "to_status", "actor", "note"]
    list_filter = ["to_status", "created_at"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__title", "note"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        visible = workflow.visible_articles(request.user)
        return super().get_queryset(request).filter(article__in=visible)

    @admin.display(description="bài viết", ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:news_article_change", args=[obj.article_id]),
            obj.article,
        )


# The royalty and statistics pages live in their own modules (no 1,000-line files).
from news.royalties import admin as royalties_admin  # noqa: E402, F401
from news.stats import admin as stats_admin  # noqa: E402, F401
