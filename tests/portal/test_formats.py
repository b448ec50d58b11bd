import datetime

from django import forms


class DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


def test_dates_are_read_day_first():
    """ "05/01/2027" typed in a form is 5 January, as Vietnamese write it, not 1 May."""
    form = DateForm({"day": "05/01/2027", "moment": "05/01/2027 08:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2027, 1, 5)
    assert form.cleaned_data["moment"].date() == datetime.date(2027, 1, 5)


def test_iso_dates_still_work():
    """The admin calendar's and the browser's ISO dates are accepted too."""
    form = DateForm({"day": "2027-01-05", "moment": "2027-01-05 08:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2027, 1, 5)
