"""The client's address, the same for every caller.

Behind nginx, REMOTE_ADDR is nginx itself (127.0.0.1) and the client is what nginx
appended to `X-Forwarded-For`. Anything left of what the trusted proxies appended was
written by the client and may be forged, so only the last `TRUSTED_PROXY_COUNT`
entries are believed. With the default 0 the header is ignored: a portal exposed
directly must not let a client pick its own address (and escape the login throttle).
"""

from functools import cache

from django.conf import settings
from python_ipware import IpWare


@cache
def _resolver(proxy_count: int) -> IpWare:
    if proxy_count <= 0:
        return IpWare(precedence=("REMOTE_ADDR",))
    # python-ipware counts the proxies *listed* in the header; the nearest proxy is not
    # listed (it is REMOTE_ADDR), so N trusted proxies leave N - 1 entries after the client.
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), proxy_count=proxy_count - 1)


def client_ip(request) -> str:
    """The client's IP address as text; REMOTE_ADDR when nothing better can be trusted."""
    ip, _trusted = _resolver(getattr(settings, "TRUSTED_PROXY_COUNT", 0)).get_client_ip(
        request.META
    )
    if ip is None:
        return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (not a bind address)
    return str(ip)
