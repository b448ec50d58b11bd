"""The portal's WSGI application plus a bare Django view, for the served benchmarks.

`/bench/bare/` answers from a plain Django `HttpResponse` without URL routing or
middleware: the most any page of this Django process could do, the yardstick that
`make bench` compares every page with (docs/performance.md). Everything else is the
portal as `portal.wsgi` serves it in production.
"""

import os

from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from portal.wsgi import application as portal

BARE_PATH = "/bench/bare/"


class BareHandler(WSGIHandler):
    def get_response(self, request):
        return HttpResponse(b"bare\n", content_type="text/plain")

    def load_middleware(self, is_async=False):
        self._middleware_chain = self.get_response


bare = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare(environ, start_response)
    return portal(environ, start_response)
