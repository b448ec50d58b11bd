"""Names are shown family name first, as Vietnamese writes them (vntext/names.py)."""

from types import SimpleNamespace

from vntext.names import display_name, full_name


def user(first_name="", last_name="", username="phongvien"):
    return SimpleNamespace(
        first_name=first_name, last_name=last_name, get_username=lambda: username
    )


def test_family_name_first():
    assert full_name("Tâm", "Lê Minh") == "Lê Minh Tâm"
    assert display_name(user("Tâm", "Lê Minh")) == "Lê Minh Tâm"


def test_one_part_or_none():
    assert full_name("Tâm", "") == "Tâm"
    assert full_name("", " Lê Minh ") == "Lê Minh"
    assert display_name(user()) == "phongvien"
    assert display_name(None) == ""
