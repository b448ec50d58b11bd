"""Guards every app may use against hostile or broken requests (docs/security.md).

- `client_ip(request)`: the client's address, trusting `X-Forwarded-For` only as far
  as `TRUSTED_PROXY_COUNT` reverse proxies in front of the portal vouch for it. The
  login throttle (django-axes), the Q&A rate limit and the rating's repeat-vote key
  all use this one function.
- `rate_limited(...)` / `hit(...)` / `allowed(...)`: a fixed-window counter in Django's
  cache (`cache.add` + `cache.incr`), windows starting at local midnight, so it works on
  the local-memory cache of `make run` as well as on Redis.
- `object_ids(model, values)`: primary keys as the database can hold them, so that
  crafted ids in the admin (`abc`, `1.5`, 20 digits) are refused instead of a 500.
"""

from netguard.client import client_ip
from netguard.ids import INVALID_IDS_MESSAGE, object_ids
from netguard.ratelimit import allowed, hit, rate_limited

__all__ = ["INVALID_IDS_MESSAGE", "allowed", "client_ip", "hit", "object_ids", "rate_limited"]
