import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache, whichever backend the run uses."""
    cache.clear()
    yield
    cache.clear()
