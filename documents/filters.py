"""The public list's filters (django-filter): kind, field, issuer, level, year, validity,
signer; each option shows how many public documents it has.

The counts are over every public document (not the current selection): one grouped
query per filter, computed once per content state and day and then read from the cache
(`pagecache.per_content_state`): they change only when a document does, or at midnight
when a validity moves. docs/documents.md, "Measured".
"""

from dataclasses import dataclass

import django_filters
from django.db.models import Count, Q

import pagecache
from documents.models import Document, Issuer, Kind, Subject

PUBLIC = Q(documents__status=Document.Status.PUBLISHED) & Q(
    documents__visibility=Document.Visibility.PUBLIC
)

Choices = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Counts:
    """Each filter's options as (value, "label (count)"), only those with documents."""

    kinds: Choices
    subjects: Choices
    issuers: Choices
    levels: Choices
    years: Choices
    validity: Choices
    signers: Choices


def _counted(model) -> Choices:
    rows = (
        model.objects.annotate(public_count=Count("documents", filter=PUBLIC))
        .filter(public_count__gt=0)
        .order_by("order", "name")
        .values_list("slug", "name", "public_count")
    )
    return tuple((slug, f"{name} ({n})") for slug, name, n in rows)


def _grouped(public, field: str):
    return public.order_by().values_list(field).annotate(n=Count("pk")).order_by()


def count_options() -> Counts:
    """Seven grouped queries over all public documents."""
    public = Document.objects.public()
    levels = dict(_grouped(public, "issuer__level"))
    validity = dict(
        public.with_validity().order_by().values_list("validity_code").annotate(n=Count("pk"))
    )
    signers = sorted(_grouped(public.exclude(signer_name=""), "signer_name"))
    return Counts(
        kinds=_counted(Kind),
        subjects=_counted(Subject),
        issuers=_counted(Issuer),
        levels=tuple(
            (value, f"{label} ({levels[value]})")
            for value, label in Issuer.Level.choices
            if value in levels
        ),
        years=tuple(
            (str(year), f"{year} ({n})")
            for year, n in sorted(_grouped(public, "issued_year"), reverse=True)
        ),
        validity=tuple(
            (value, f"{label} ({validity[value]})")
            for value, label in Document.Validity.choices
            if value in validity
        ),
        signers=tuple((name, f"{name} ({n})") for name, n in signers),
    )


def cached_counts() -> Counts:
    return pagecache.per_content_state("documents:filter-counts", count_options)


class DocumentFilter(django_filters.FilterSet):
    loai = django_filters.ChoiceFilter(
        label="Thể loại", field_name="kind__slug", empty_label="Tất cả thể loại"
    )
    linh_vuc = django_filters.ChoiceFilter(
        label="Lĩnh vực", field_name="subjects__slug", empty_label="Tất cả lĩnh vực"
    )
    co_quan = django_filters.ChoiceFilter(
        label="Cơ quan ban hành", field_name="issuer__slug", empty_label="Tất cả cơ quan"
    )
    cap = django_filters.ChoiceFilter(
        label="Cấp ban hành", field_name="issuer__level", empty_label="Tất cả các cấp"
    )
    nam = django_filters.ChoiceFilter(
        label="Năm ban hành", field_name="issued_year", empty_label="Tất cả các năm"
    )
    hieu_luc = django_filters.ChoiceFilter(
        label="Hiệu lực", method="filter_validity", empty_label="Mọi tình trạng"
    )
    nguoi_ky = django_filters.ChoiceFilter(
        label="Người ký", field_name="signer_name", empty_label="Tất cả người ký"
    )

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, counts: Counts, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("loai", counts.kinds),
            ("linh_vuc", counts.subjects),
            ("co_quan", counts.issuers),
            ("cap", counts.levels),
            ("nam", counts.years),
            ("hieu_luc", counts.validity),
            ("nguoi_ky", counts.signers),
        ):
            self.filters[name].extra["choices"] = list(choices)

    def filter_validity(self, queryset, name, value):
        return queryset.with_validity_code(value)

    @property
    def is_active(self) -> bool:
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(self.form.cleaned_data.get(name) for name in self.filters)
