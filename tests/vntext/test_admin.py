from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from vntext.models import SpecialDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("quantri", password="x"))
    return client


def test_change_list_speaks_vietnamese(admin_client):
    """The list shows each day with its Vietnamese weekday and kind."""
    SpecialDay.objects.create(
        date=date(2026, 1, 10), kind=SpecialDay.Kind.WORKING_DAY, name="Làm bù cho ngày 02/01"
    )
    page = admin_client.get(reverse("admin:vntext_specialday_changelist")).content.decode()
    assert "10/01/2026" in page
    assert "Thứ Bảy" in page
    assert "Ngày làm việc (làm bù)" in page
    assert "ngày nghỉ và ngày làm bù" in page.lower()


def test_add_form_saves_a_day_off_and_refuses_a_redundant_one(admin_client):
    """A bridge day is saved; a Sunday entered as a day off is refused with a reason."""
    url = reverse("admin:vntext_specialday_add")
    data = {"date": "02/01/2026", "kind": "day_off", "name": "Nghỉ bù", "announcement": ""}
    assert admin_client.post(url, data).status_code == 302
    assert SpecialDay.objects.get().date == date(2026, 1, 2)
    refused = admin_client.post(url, {**data, "date": "04/01/2026"})
    assert refused.status_code == 200
    assert "Ngày này vốn đã là ngày nghỉ (ngày nghỉ cuối tuần)." in refused.content.decode()
    assert SpecialDay.objects.count() == 1
