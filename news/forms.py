"""Forms of the editorial admin: the article form with its edit lock, and the transitions'."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.urls import reverse_lazy

from news import tags, workflow
from news.models import Article, PenName, Tag


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")  # "quangtri.gov.vn" means https
    return field.formfield(**kwargs)


class ArticleAdminForm(forms.ModelForm):
    """The article form; `loaded_version` is the version the editor opened (optimistic lock).

    `status` is never a field: statuses change through `news.workflow` only. The admin
    drops `published_at` and `is_featured` for those who may not publish, so posting them
    changes nothing.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tag_names = forms.CharField(
        label="Từ khóa",
        required=False,
        max_length=2000,
        widget=forms.TextInput(
            attrs={
                "class": "vLargeTextField tag-names",
                "autocomplete": "off",
                "data-suggest-url": reverse_lazy("admin:news_tag_suggest"),
            }
        ),
        help_text="Cách nhau bằng dấu phẩy, ví dụ: Chuyển đổi số, Đại hội Đảng. Gõ có dấu "
        "hoặc không dấu đều dùng lại từ khóa đã có.",
    )
    # The account whose pen names the byline may carry: the article's writer, or whoever
    # is writing a new one (the admin's `get_form` sets it).
    writer = None
    actor = None  # set by the admin: who fills the form in

    def clean_category(self):
        category = self.cleaned_data.get("category")
        if (
            category is not None
            and self.actor is not None
            and not workflow.may_file_under(self.actor, self.instance, category.pk)
        ):
            raise forms.ValidationError(workflow.OUTSIDE_DESK)
        return category

    class Meta:
        model = Article
        formfield_callback = _formfield
        fields = [
            "title",
            "slug",
            "sapo",
            "body",
            "cover_image",
            "cover_caption",
            "cover_alt",
            "category",
            "extra_categories",
            "threads",
            "organizations",
            "related_articles",
            "documents",
            "pen_name",
            "author_name",
            "source_name",
            "source_url",
            "published_at",
            "is_featured",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        if not self.instance.pk and self.writer is not None:
            # The new article's writer is known before `save_article` records it, so the
            # model's pen-name rule (`Article.clean`) can be checked with the form.
            self.instance.created_by = self.writer
        if self.instance.pk:
            self.fields["tag_names"].initial = ", ".join(t.name for t in self.instance.tags.all())
        if "pen_name" in self.fields:
            writer = self.instance.created_by
            self.fields["pen_name"].queryset = PenName.objects.choosable_for(
                writer, current_id=self.instance.pen_name_id
            )
        self.conflict: workflow.EditConflict | None = None

    def clean_tag_names(self):
        names = tags.split_names(self.cleaned_data.get("tag_names", ""))
        if len(names) > tags.MAX_PER_ARTICLE:
            raise forms.ValidationError(f"Tối đa {tags.MAX_PER_ARTICLE} từ khóa cho một bài.")
        too_long = [name for name in names if len(name) > tags.MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"Mỗi từ khóa dài tối đa {tags.MAX_LENGTH} ký tự: “{too_long[0][:40]}…”."
            )
        return names

    def _save_m2m(self):
        super()._save_m2m()
        # Existing tags are reused by their folded name; the missing ones are made here.
        self.instance.tags.set(Tag.objects.resolve(self.cleaned_data.get("tag_names", [])))

    def clean_related_articles(self):
        related = self.cleaned_data.get("related_articles")
        if related is not None and self.instance.pk and self.instance in related:
            raise forms.ValidationError("Một bài không thể là tin liên quan của chính nó.")
        return related

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        if (
            "published_at" in self.fields
            and self.instance.status == Article.Status.PUBLISHED
            and not cleaned.get("published_at")
            and "published_at" not in self.errors
        ):
            self.add_error(
                "published_at",
                "Bài đã xuất bản cần có thời điểm xuất bản (muốn gỡ bài, hãy dùng “Gỡ xuống”).",
            )
        if cleaned.get("loaded_version") is None:
            raise forms.ValidationError(
                "Biểu mẫu này đã cũ hoặc không đầy đủ: hãy tải lại trang rồi sửa lại.",
                code="no_version",
            )
        try:
            # Locks the row until the admin's transaction ends, so nobody slips in
            # between this check and the save.
            workflow.lock_current(
                article=self.instance, expected_version=cleaned.get("loaded_version")
            )
        except workflow.EditConflict as conflict:
            self.conflict = conflict
            # The form comes back with the editor's text and the current version, so a
            # second, deliberate "Lưu" saves it; the other edit stays a revision.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = conflict.current.version
            raise forms.ValidationError(
                f"{conflict} Nội dung bạn vừa nhập vẫn còn nguyên dưới đây: mở bài ở thẻ mới "
                "để đối chiếu, rồi bấm Lưu lần nữa nếu vẫn muốn lưu bản của bạn (bản kia được "
                "giữ trong lịch sử phiên bản).",
                code="edit_conflict",
            ) from None
        return cleaned


class TransitionForm(forms.Form):
    """The note (a reason, for "Trả lại") and, for approval, an optional schedule."""

    note = forms.CharField(
        label="Ghi chú",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
    )
    publish_at = forms.SplitDateTimeField(
        label="Hẹn giờ xuất bản",
        required=False,
        widget=AdminSplitDateTime,
        help_text="Để trống: xuất bản ngay (hoặc vào thời điểm đã đặt trong bài).",
    )

    # "id:version,…" of the articles as the editor read them (see `seen_versions()`).
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, transition: workflow.Transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.needs_reason:
            self.fields["note"].label = "Lý do trả lại"
            self.fields["note"].required = True
            self.fields["note"].help_text = "Người viết sẽ thấy lý do này trên trang bài viết."
            self.fields["note"].error_messages["required"] = (
                "Hãy ghi lý do để người viết biết cần sửa gì."
            )
        elif transition is workflow.UNPUBLISH:
            self.fields["note"].label = "Lý do gỡ bài"
            self.fields["note"].help_text = "Ghi vào lịch sử duyệt bài."
        if transition is not workflow.APPROVE:
            del self.fields["publish_at"]

    @staticmethod
    def encode_seen(versions: dict[int, int]) -> str:
        return ",".join(f"{pk}:{version}" for pk, version in versions.items())

    def seen_versions(self) -> dict[int, int]:
        """The version of each article the editor read; malformed parts are ignored."""
        versions = {}
        for part in self.cleaned_data.get("seen", "").split(","):
            pk, _, version = part.partition(":")
            if pk.isdigit() and version.isdigit():
                versions[int(pk)] = int(version)
        return versions
