import pytest

from tests.news.factories import AUTHOR, EDITOR, make_category, make_user


@pytest.fixture
def author(db):
    return make_user("phongvien", AUTHOR, first_name="Hiền", last_name="Xuân")


@pytest.fixture
def other_author(db):
    return make_user("phongvien2", AUTHOR, first_name="Đức", last_name="Minh")


@pytest.fixture
def editor(db):
    return make_user("bientap", EDITOR, first_name="Hoa", last_name="Lê Thị")


@pytest.fixture
def other_editor(db):
    return make_user("bientap2", EDITOR, first_name="Bình", last_name="Trần")


@pytest.fixture
def superuser(db):
    return make_user("quantri", is_superuser=True)


@pytest.fixture
def staff(db):
    """Staff with no rights on news (e.g. an organizations administrator)."""
    return make_user("vanthu")


@pytest.fixture
def category(db):
    return make_category()
