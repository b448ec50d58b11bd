"""The public list's filters (django-filter): kind, field, issuer, level, year, validity,
signer; each option shows how many public documents it has.

The counts are over every public document (not the current selection): one grouped
query per filter, whatever the number of documents (tests pin the total).
"""

import django_filters
from django.db.models import Count, Q

from documents.models import Document, Issuer, Kind, Subject

PUBLIC = Q(documents__status=Document.Status.PUBLISHED) & Q(
    documents__visibility=Document.Visibility.PUBLIC
)


class CountedChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.public_count})"


class CountedModelFilter(django_filters.ModelChoiceFilter):
    field_class = CountedChoiceField


def _counted(model):
    return (
        model.objects.annotate(public_count=Count("documents", filter=PUBLIC))
        .filter(public_count__gt=0)
        .order_by("order", "name")
    )


def _grouped(public, field: str):
    return public.order_by().values_list(field).annotate(n=Count("pk")).order_by()


class DocumentFilter(django_filters.FilterSet):
    loai = CountedModelFilter(
        label="Thể loại",
        field_name="kind",
        queryset=_counted(Kind),
        to_field_name="slug",
        empty_label="Tất cả thể loại",
    )
    linh_vuc = CountedModelFilter(
        label="Lĩnh vực",
        field_name="subjects",
        queryset=_counted(Subject),
        to_field_name="slug",
        empty_label="Tất cả lĩnh vực",
    )
    co_quan = CountedModelFilter(
        label="Cơ quan ban hành",
        field_name="issuer",
        queryset=_counted(Issuer),
        to_field_name="slug",
        empty_label="Tất cả cơ quan",
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

    def __init__(self, *args, public, **kwargs):
        super().__init__(*args, **kwargs)
        levels = dict(_grouped(public, "issuer__level"))
        self.filters["cap"].extra["choices"] = [
            (value, f"{label} ({levels[value]})")
            for value, label in Issuer.Level.choices
            if value in levels
        ]
        years = sorted(_grouped(public, "issued_year"), reverse=True)
        self.filters["nam"].extra["choices"] = [(str(year), f"{year} ({n})") for year, n in years]
        validity = dict(
            public.with_validity().order_by().values_list("validity_code").annotate(n=Count("pk"))
        )
        self.filters["hieu_luc"].extra["choices"] = [
            (value, f"{label} ({validity[value]})")
            for value, label in Document.Validity.choices
            if value in validity
        ]
        signers = sorted(
            (name, n) for name, n in _grouped(public.exclude(signer_name=""), "signer_name")
        )
        self.filters["nguoi_ky"].extra["choices"] = [(name, f"{name} ({n})") for name, n in signers]

    def filter_validity(self, queryset, name, value):
        return queryset.with_validity_code(value)

    @property
    def is_active(self) -> bool:
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(self.form.cleaned_data.get(name) for name in self.filters)
