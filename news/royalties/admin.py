"""The royalty pages of the admin: the coefficient table, the unit values, the grades and
the monthly sheet (grade, approve, lock, correct, export). Every step calls
`news.royalties.sheets`, which checks the permission again: the buttons only mirror it.
"""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from news.models import Article
from news.royalties import exports, sheets
from news.royalties.models import (
    ArticleRoyalty,
    Coefficient,
    Genre,
    Grade,
    RoyaltySheet,
    UnitValue,
)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class CoefficientInline(admin.TabularInline):
    model = Coefficient
    extra = 0
    min_num = 0
    max_num = len(Grade.choices)


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    """The coefficient table: one row per genre, one column per grade."""

    list_display = ["name", *(f"grade_{g.lower()}" for g in Grade.values), "order", "is_active"]
    list_editable = ["order", "is_active"]
    inlines = [CoefficientInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("coefficients")

    def _value(self, obj, grade):
        for coefficient in obj.coefficients.all():
            if coefficient.grade == grade:
                return exports.coefficient(coefficient.value)
        return "—"

    @admin.display(description="Loại A")
    def grade_a(self, obj):
        return self._value(obj, Grade.A)

    @admin.display(description="Loại B")
    def grade_b(self, obj):
        return self._value(obj, Grade.B)

    @admin.display(description="Loại C")
    def grade_c(self, obj):
        return self._value(obj, Grade.C)


@admin.register(UnitValue)
class UnitValueAdmin(admin.ModelAdmin):
    list_display = ["starts_on", "amount_display", "note"]

    @admin.display(description="giá trị một hệ số", ordering="amount")
    def amount_display(self, obj):
        return f"{exports.money(obj.amount)} đồng"


@admin.register(ArticleRoyalty)
class ArticleRoyaltyAdmin(admin.ModelAdmin):
    """Every grade given; changing one after its month was approved needs a correction."""

    list_display = ["article", "genre", "grade", "graded_by", "graded_at"]
    list_filter = ["genre", "grade"]
    list_select_related = ["article", "genre", "graded_by"]
    search_fields = ["article__title", "article__author_name"]
    autocomplete_fields = ["article"]
    date_hierarchy = "graded_at"

    def save_model(self, request, obj, form, change):
        try:
            sheets.grade_articles(
                grades={obj.article_id: (obj.genre, obj.grade)}, actor=request.user
            )
        except ValidationError as error:
            raise PermissionDenied(_message(error)) from error

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class SheetAddForm(forms.Form):
    month = forms.TypedChoiceField(label="Tháng", coerce=date.fromisoformat)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(RoyaltySheet.objects.values_list("month", flat=True))
        month, choices = sheets.first_of(today), []
        for _ in range(24):
            if month not in taken:
                choices.append((month.isoformat(), f"{month:%m/%Y}"))
            month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
        self.fields["month"].choices = choices


class CorrectionForm(forms.Form):
    article = forms.TypedChoiceField(label="Bài viết", coerce=int)
    note = forms.CharField(label="Lý do", max_length=250)

    def __init__(self, *args, due, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [
            (
                article.pk,
                f"{article.title} ({timezone.localtime(article.published_at):%m/%Y}, "
                f"hệ số {'+' if delta > 0 else ''}{exports.coefficient(delta)})",
            )
            for article, delta in due
        ]


@admin.register(RoyaltySheet)
class RoyaltySheetAdmin(admin.ModelAdmin):
    list_display = ["month_display", "status_display", "approved_by", "approved_at", "locked_at"]
    list_filter = ["status"]
    list_select_related = ["approved_by"]
    list_display_links = None  # the month is the link, to the sheet page

    class Media:
        css = {"all": ["news/admin/royalties.css"]}

    def has_add_permission(self, request):
        return sheets.can_grade(request.user) or sheets.can_approve(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # the sheet page below; its steps check their own rights

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="tháng", ordering="month")
    def month_display(self, obj):
        return format_html(
            '<a href="{}">Tháng {}</a>',
            reverse("admin:news_royaltysheet_change", args=[obj.pk]),
            obj.label,
        )

    @admin.display(description="trạng thái", ordering="status")
    def status_display(self, obj):
        return format_html(
            '<span class="sheet-status sheet-status--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/buoc/<slug:step>/", view(self.step_view), name="news_royaltysheet_step"),
            path("<path:object_id>/tai-ve.<slug:extension>", view(self.export_view), name="news_royaltysheet_export"),
            *super().get_urls(),
        ]  # fmt: skip

    def _sheet(self, request, object_id) -> RoyaltySheet:
        if not self.has_view_permission(request):
            raise PermissionDenied
        sheet = self.get_object(request, unquote(object_id))
        if sheet is None:
            raise Http404("Không có bảng nhuận bút này.")
        return sheet

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = SheetAddForm(request.POST or None, today=timezone.localdate())
        if request.method == "POST" and form.is_valid():
            sheet = sheets.open_sheet(month=form.cleaned_data["month"], actor=request.user)
            return HttpResponseRedirect(reverse("admin:news_royaltysheet_change", args=[sheet.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Lập bảng nhuận bút",
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/news/royaltysheet/add.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        sheet = self._sheet(request, object_id)
        user = request.user
        if request.method == "POST":
            self._save_grades(request, sheet)
            return HttpResponseRedirect(request.path)
        view = sheets.read_sheet(sheet)
        can_correct = sheet.is_open() and sheets.can_approve(user)
        due = sheets.corrections_due(sheet.month) if can_correct else []
        context = {
            **self.admin_site.each_context(request),
            "title": str(sheet),
            "opts": self.opts,
            "sheet": sheet,
            "view": view,
            "can_grade": sheet.is_open() and sheets.can_grade(user),
            "can_approve": sheets.can_approve(user),
            "genres": Genre.objects.filter(is_active=True),
            "grades": Grade.choices,
            "correction_form": CorrectionForm(due=due) if due else None,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/news/royaltysheet/sheet.html", context)

    def _save_grades(self, request, sheet):
        if not sheet.is_open():
            self.message_user(request, "Bảng đã duyệt: không chấm lại ở đây.", messages.ERROR)
            return
        genres = {str(g.pk): g for g in Genre.objects.all()}
        ids = sheets.articles_of(sheet.month).values_list("pk", flat=True)
        grades = {}
        for article_id in ids:
            genre = genres.get(request.POST.get(f"genre-{article_id}", ""))
            grade = request.POST.get(f"grade-{article_id}", "")
            if genre and grade in Grade.values:
                grades[article_id] = (genre, grade)
        try:
            changed = sheets.grade_articles(grades=grades, actor=request.user)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, _message(error), messages.ERROR)
            return
        self.message_user(request, f"Đã lưu {changed} bài được chấm.", messages.SUCCESS)

    STEPS = {
        "duyet": (sheets.approve_sheet, "Đã duyệt bảng nhuận bút."),
        "mo-lai": (sheets.reopen_sheet, "Đã mở lại bảng để sửa."),
        "khoa": (sheets.lock_sheet, "Đã khóa bảng: từ nay bảng không thay đổi nữa."),
    }

    def step_view(self, request, object_id, step):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        sheet = self._sheet(request, object_id)
        back = HttpResponseRedirect(reverse("admin:news_royaltysheet_change", args=[sheet.pk]))
        try:
            if step == "dieu-chinh":
                if not sheets.can_approve(request.user):  # before telling what is due
                    raise PermissionDenied
                form = CorrectionForm(request.POST, due=sheets.corrections_due(sheet.month))
                if not form.is_valid():
                    raise ValidationError(" ".join(m for ms in form.errors.values() for m in ms))
                article = Article.objects.get(pk=form.cleaned_data["article"])
                sheets.add_correction(
                    sheet=sheet, article=article, actor=request.user, note=form.cleaned_data["note"]
                )
                done = "Đã ghi dòng điều chỉnh."
            elif step in self.STEPS:
                function, done = self.STEPS[step]
                function(sheet=sheet, actor=request.user)
            else:
                raise Http404
        except ValidationError as error:  # a refused right is a 403, raised as it comes
            self.message_user(request, _message(error), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return back

    def export_view(self, request, object_id, extension):
        sheet = self._sheet(request, object_id)
        view = sheets.read_sheet(sheet)
        if extension == "csv":
            response = HttpResponse(exports.as_csv(view), content_type="text/csv; charset=utf-8")
        elif extension == "xlsx":
            response = HttpResponse(
                exports.as_xlsx(view),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            raise Http404
        response["Content-Disposition"] = (
            f'attachment; filename="{exports.filename(view, extension)}"'
        )
        return response
