"""Public filters for the search page: category (with its sub-categories) and date range."""

import functools
import sys
from datetime import date, datetime, time, timedelta

import django
import django_filters
import django_filters.fields
from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from news.models import Article, Category
from pagecache import fragments

# Dates outside this range are typing mistakes; refusing them also keeps the conversion
# to aware datetimes (and the day after) away from datetime's limits.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


class CategoryChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"— {obj.name}" if obj.parent_id else obj.name


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        for name in ("tu_ngay", "den_ngay"):
            value = cleaned.get(name)
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, "Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100.")
                cleaned.pop(name, None)
        if cleaned.get("tu_ngay") and cleaned.get("den_ngay") and start > end:
            self.add_error("den_ngay", "«Đến ngày» phải sau hoặc trùng «Từ ngày».")
            cleaned.pop("den_ngay", None)
        return cleaned


def _categories_in_tree_order():
    """Each top-level category followed by its sub-categories, in menu order: one query."""
    return Category.objects.order_by(
        Coalesce("parent__order", "order"),
        Coalesce("parent__name", "name"),
        F("parent").asc(nulls_first=True),
        "order",
        "name",
    )


def _day_start(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.min))


class ArticleFilter(django_filters.FilterSet):
    chuyen_muc = CategoryFilter(
        label="Chuyên mục",
        queryset=_categories_in_tree_order(),
        to_field_name="slug",
        empty_label="Tất cả chuyên mục",
        method="filter_category",
    )
    tu_ngay = django_filters.DateFilter(
        label="Từ ngày",
        method="filter_from",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    den_ngay = django_filters.DateFilter(
        label="Đến ngày",
        method="filter_to",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Article
        fields = []
        form = ArticleFilterForm

    def filter_category(self, queryset, name, value):
        return queryset.for_category(value)

    def filter_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=_day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(published_at__lt=_day_start(value + timedelta(days=1)))

    def category_select(self) -> str:
        """The category field's `<select>`, as Django writes it.

        The options (every category, in tree order) change only with the content: their
        markup is written once per content state (`fragments.fragment`, docs/performance.md,
        "The search page, rendered") and the reader's choice marked in it by the widget's
        own rule. A field with an error is written by Django (its `aria-invalid`).
        """
        field = self.form["chuyen_muc"]
        if field.errors:
            return field.__str__()
        stored = fragments.fragment("search-categories", _category_select, _code_version())
        markup = stored.replace(_option(""), _option("", selected=False), 1)
        for value in field.field.widget.format_value(field.value()):
            markup = markup.replace(_option(value, selected=False), _option(value), 1)
        return mark_safe(markup)

    @property
    def is_active(self) -> bool:
        """Whether any filter was given a valid value (invalid ones are shown, then ignored)."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(self.form.cleaned_data.get(name) for name in self.filters)


def _category_select() -> str:
    """The category `<select>` of a blank form (its empty option chosen): one query."""
    return str(ArticleFilter(None, queryset=Article.objects.none()).form["chuyen_muc"])


def _option(value: str, selected: bool = True) -> str:
    """An `<option>`'s opening tag as Django's select widget writes it."""
    return f'<option value="{escape(value)}"{" selected" if selected else ""}>'


@functools.cache
def _code_version() -> str:
    """What the stored `<select>` is written with (this module, Django's widget templates):
    part of its key, so that a release never reads markup an older one stored."""
    this = sys.modules[__name__]
    return fragments.code_version(modules=(this,), extra=(django.__version__.encode(),))
