"""netguard.client_ip: X-Forwarded-For believed only as far as the trusted proxies go."""

import pytest
from django.test import RequestFactory

from netguard import client_ip


def request(remote="127.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxy_the_header_is_ignored(settings):
    """Exposed directly, a client cannot choose its address with a header."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the left entry is the client's own
        ("not-an-address, 203.0.113.7", "203.0.113.7"),
        ("10.1.2.3", "10.1.2.3"),  # an office network behind nginx
    ],
)
def test_behind_one_proxy_the_entry_it_appended_decides(settings, forwarded, expected):
    """nginx appends the address it saw; whatever the client wrote before it is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("127.0.0.1", forwarded)) == expected


def test_behind_two_proxies_the_second_entry_from_the_right_decides(settings):
    """A load balancer then nginx: the client is what the load balancer appended."""
    settings.TRUSTED_PROXY_COUNT = 2
    forwarded = "198.51.100.1, 203.0.113.7, 192.0.2.10"
    assert client_ip(request("127.0.0.1", forwarded)) == "203.0.113.7"


def test_behind_a_proxy_without_the_header_falls_back_to_the_socket(settings):
    """A request that reached the app server directly is known by its socket address."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("192.0.2.44")) == "192.0.2.44"
    assert client_ip(request("192.0.2.44", "garbage")) == "192.0.2.44"
