import pytest

from tests.questions.factories import make_user


@pytest.fixture
def keeper(db):
    return make_user("tiepnhan", keeper=True, first_name="Hà", last_name="Thu")


@pytest.fixture
def outsider(db):
    """Staff without any right on questions (e.g. a reporter)."""
    return make_user("phongvien")


@pytest.fixture
def superuser(db):
    return make_user("quantri", is_superuser=True)
