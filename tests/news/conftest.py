import pytest

from tests.news.factories import AUTHOR, EDITOR, make_category, make_user


@pytest.fixture
def author(db):
    return make_user("phongvien", AUTHOR, first_name="Xuân", last_name="Hiền")


@pytest.fixture
def other_author(db):
    return make_user("phongvien2", AUTHOR, first_name="Minh", last_name="Đức")


@pytest.fixture
def editor(db):
    return make_user("bientap", EDITOR, first_name="Lê Thị", last_name="Hoa")


@pytest.fixture
def other_editor(db):
    return make_user("bientap2", EDITOR, first_name="Trần", last_name="Bình")


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
