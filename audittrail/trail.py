"""The merged, filtered, paginated list behind the admin page."""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse

from audittrail import COLUMNS, sources
from vntext import names

PAGE_SIZE = 50


class TrailFilter(forms.Form):
    who = forms.ModelChoiceField(
        label="Người thực hiện", queryset=None, required=False, empty_label="Mọi người"
    )
    source = forms.ChoiceField(label="Loại", required=False)
    since = forms.DateField(
        label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    target = forms.CharField(label="Đối tượng", required=False, max_length=200)
    ref = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = (
            get_user_model().objects.filter(is_staff=True).order_by("username")
        )
        self.fields["source"].choices = [("", "Mọi loại")] + [
            (source.name, source.label) for source in sources()
        ]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("«Từ ngày» phải trước «Đến ngày».")
        return data


def matching(filters: dict) -> list:
    """Each source's rows that match the filters: [(source, queryset), ...]."""
    parts = []
    for source in sources():
        if filters.get("source") and filters["source"] != source.name:
            continue
        rows = source.rows()
        if filters.get("who"):
            rows = rows.filter(who=filters["who"].pk)
        if filters.get("since"):
            rows = rows.filter(at__date__gte=filters["since"])
        if filters.get("until"):
            rows = rows.filter(at__date__lte=filters["until"])
        if filters.get("target"):
            rows = rows.filter(target__icontains=filters["target"])
        if filters.get("ref"):
            rows = rows.filter(target_ref=filters["ref"])
        parts.append((source, rows))
    return parts


class Merged:
    """The sources' entries as one list, newest first, for the Paginator.

    A page asks each source for the keys of its newest `offset + size` rows only
    (`ORDER BY at DESC LIMIT`), merges them here, and reads the columns of the 50 it
    shows. A UNION ordered in the database sorted every row, computed columns and all:
    3.2 s for the first page of 200,000 entries on SQLite (bench/audit_trail.py).
    """

    def __init__(self, parts):
        self.parts = parts

    def count(self) -> int:
        return sum(rows.count() for _, rows in self.parts)

    def __getitem__(self, window: slice) -> list[dict]:
        keys = []
        for source, rows in self.parts:
            newest = rows.order_by("-at", "-pk").values_list("at", "pk")[: window.stop]
            keys += [(at, source.name, pk) for at, pk in newest]
        keys.sort(reverse=True)
        chosen = keys[window.start : window.stop]
        wanted = {}
        for _, name, pk in chosen:
            wanted.setdefault(name, []).append(pk)
        found = {}
        for source, rows in self.parts:
            if source.name in wanted:
                for row in rows.filter(pk__in=wanted[source.name]).values(*COLUMNS, "pk"):
                    found[source.name, row["pk"]] = {**row, "source": source.name}
        return [found[name, pk] for _, name, pk in chosen]


def page(filters: dict, number):
    """The page of entries, each with the actor's name, the source label and a link."""
    paginator = Paginator(Merged(matching(filters)), PAGE_SIZE)
    page_obj = paginator.get_page(number)
    rows = list(page_obj.object_list)
    users = get_user_model().objects.in_bulk({row["who"] for row in rows if row["who"]})
    labels = {source.name: source.label for source in sources()}
    for row in rows:
        user = users.get(row["who"])
        row["who_name"] = names.display_name(user) or "(không rõ)"
        row["source_label"] = labels.get(row["source"], row["source"])
        row["target_url"] = _admin_url(row["target_ref"])
        if row["source"] == "admin":
            row["detail"] = LogEntry(change_message=row["detail"]).get_change_message()
    page_obj.object_list = rows
    return page_obj


def _admin_url(target_ref: str) -> str | None:
    label, _, pk = (target_ref or "").partition(":")
    app_label, _, model = label.partition(".")
    try:
        return reverse(f"admin:{app_label}_{model}_change", args=[pk])
    except NoReverseMatch:
        return None
