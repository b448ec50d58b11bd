"""Documents: derived validity, the replacement chain, one code per issuer and year."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from documents.models import Document
from tests.documents import factories

pytestmark = pytest.mark.django_db
V = Document.Validity
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: date):
    """Frozen at 00:05 in Hà Nội: the local date is `day` whatever UTC says."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 0, 5, tzinfo=TZ), tick=False)


def _validity_both_ways(doc: Document) -> str:
    """The instance rule and the queryset rule must agree."""
    listed = Document.objects.with_validity().get(pk=doc.pk).validity_code
    assert listed == doc.validity()
    return doc.validity()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 9), V.NOT_YET),  # the day before it takes effect
        (date(2026, 3, 10), V.IN_FORCE),  # the first day
        (date(2026, 12, 31), V.IN_FORCE),  # the last day
        (date(2027, 1, 1), V.EXPIRED),  # the day after
    ],
)
def test_validity_on_each_boundary_date(today, expected):
    """Effective from its first day through its last day, inclusive."""
    doc = factories.document(
        issued_on=date(2026, 3, 1),
        effective_from=date(2026, 3, 10),
        effective_until=date(2026, 12, 31),
    )
    with _at(today):
        assert _validity_both_ways(doc) == expected


def test_effective_date_defaults_to_the_issue_date():
    """Left empty, "ngày có hiệu lực" is the day it was signed."""
    doc = factories.document(issued_on=date(2026, 3, 1))
    assert doc.effective_from == date(2026, 3, 1)
    with _at(date(2026, 2, 28)):
        assert _validity_both_ways(doc) == V.NOT_YET
    with _at(date(2026, 3, 1)):
        assert _validity_both_ways(doc) == V.IN_FORCE


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 6, 14), V.IN_FORCE),  # the replacement is signed but not yet effective
        (date(2026, 6, 15), V.REPLACED),  # the replacement's first day
    ],
)
def test_replaced_from_the_day_the_replacement_takes_effect(today, expected):
    """ "Bị thay thế" once a published replacement is in force, not before."""
    old = factories.document(issued_on=date(2025, 1, 5))
    factories.document(replaces=old, issued_on=date(2026, 6, 1), effective_from=date(2026, 6, 15))
    old.refresh_from_db()
    with _at(today):
        assert _validity_both_ways(old) == expected


def test_a_draft_replacement_replaces_nothing_yet():
    """Only a published replacement counts."""
    old = factories.document(issued_on=date(2025, 1, 5))
    factories.document(replaces=old, issued_on=date(2026, 6, 1), status=Document.Status.DRAFT)
    with _at(date(2026, 7, 1)):
        assert _validity_both_ways(old) == V.IN_FORCE


def test_a_replacement_must_be_issued_after_what_it_replaces():
    old = factories.document(issued_on=date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        factories.document(replaces=old, issued_on=date(2026, 5, 1))
    assert "phải ban hành sau" in str(error.value.message_dict["replaces"])


def test_an_earlier_issue_date_than_the_replacement_is_kept():
    """Moving a replaced document's date past its replacement's is refused too."""
    old = factories.document(issued_on=date(2026, 1, 1))
    factories.document(replaces=old, issued_on=date(2026, 2, 1))
    old.refresh_from_db()
    old.issued_on = date(2026, 3, 1)
    with pytest.raises(ValidationError) as error:
        old.full_clean()
    assert "issued_on" in error.value.message_dict


def test_the_chain_can_have_no_cycle():
    """A is replaced by B, B by C: A may not then replace C."""
    a = factories.document(issued_on=date(2024, 1, 1))
    b = factories.document(replaces=a, issued_on=date(2025, 1, 1))
    c = factories.document(replaces=b, issued_on=date(2026, 1, 1))
    # Dates alone would allow it once A is re-dated after C: the walk must catch it.
    a.refresh_from_db()
    a.issued_on = date(2027, 1, 1)
    a.effective_from = None
    a.replaces = c
    with pytest.raises(ValidationError) as error:
        a.full_clean()
    assert "khép vòng" in str(error.value.message_dict["replaces"])


def test_a_document_cannot_replace_itself():
    doc = factories.document()
    doc.replaces = doc
    with pytest.raises(ValidationError, match="chính nó"):
        doc.full_clean()


def test_a_document_is_replaced_once():
    old = factories.document(issued_on=date(2025, 1, 1))
    factories.document(replaces=old, issued_on=date(2025, 6, 1))
    with pytest.raises(ValidationError, match="đã được một văn bản khác thay thế"):
        factories.document(replaces=old, issued_on=date(2026, 1, 1))


@pytest.mark.parametrize("variant", ["05-CT/TW", "5-CT/TW", "5/ct-tw", "05 CT TW"])
def test_the_same_code_cannot_be_registered_twice_for_an_issuer_and_year(variant):
    """However it is typed, the same number, kind and issuer in the same year is refused."""
    factories.document(code="05-CT/TW", issuer=factories.issuer("Ban Bí thư"))
    with pytest.raises(ValidationError) as error:
        factories.document(code=variant, issuer=factories.issuer("Ban Bí thư"))
    assert "đã có một văn bản cùng số ký hiệu" in str(error.value)


def test_the_database_refuses_a_duplicate_code_too():
    """The constraint holds without full_clean (an import, the ORM)."""
    factories.document(code="12-NQ/ĐUK")
    duplicate = Document(
        code="12-NQ/DUK",
        title="Bản trùng",
        kind=factories.kind(),
        issuer=factories.issuer(),
        issued_on=date(2026, 8, 1),
    )
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_the_same_code_is_allowed_in_another_year_or_for_another_issuer():
    """Numbering restarts each year or term: a number alone is not unique."""
    factories.document(code="01-NQ/ĐUK", issued_on=date(2025, 2, 1))
    factories.document(code="01-NQ/ĐUK", issued_on=date(2026, 2, 1))
    factories.document(
        code="01-NQ/ĐUK", issued_on=date(2026, 2, 1), issuer=factories.issuer("Tỉnh ủy")
    )
    assert Document.objects.filter(code="01-NQ/ĐUK").count() == 3


def test_expiry_before_the_effective_date_is_refused():
    with pytest.raises(ValidationError) as error:
        factories.document(effective_from=date(2026, 5, 1), effective_until=date(2026, 4, 30))
    assert "effective_until" in error.value.message_dict
