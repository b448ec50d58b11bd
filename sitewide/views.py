"""The rating endpoint: what the widget under cached pages posts to.

A page served from the page cache carries no per-reader CSRF token, so this endpoint is
`csrf_exempt` and guards itself: it accepts only posts from the site's own pages
(`Origin` / `Sec-Fetch-Site`), is rate-limited per address, and can do nothing but add
one anonymous vote to a tally (sitewide/ratings.py).
"""

from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from netguard.client import client_ip
from netguard.ratelimit import hit
from sitewide import ratings

RATE_LIMIT = 30  # votes from one address
RATE_PERIOD = 60 * 60  # per hour
FOREIGN = ratings.Outcome(False, "Chỉ nhận đánh giá gửi từ các trang của cổng thông tin.")
TOO_MANY = ratings.Outcome(False, "Bạn đã gửi quá nhiều đánh giá. Xin vui lòng thử lại sau.")


def _same_origin(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    return origin is not None and origin == f"{request.scheme}://{request.get_host()}"


def _answer(request, outcome: ratings.Outcome, status: int):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"counted": outcome.counted, "message": outcome.message}, status=status
        )
    else:
        response = render(
            request, "sitewide/rating_done.html", {"outcome": outcome, "back": back}, status=status
        )
    add_never_cache_headers(response)
    return response


@csrf_exempt
def rate(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not _same_origin(request):
        return _answer(request, FOREIGN, 403)
    address = client_ip(request)
    if not hit("rating", ratings.address_key(address), limit=RATE_LIMIT, period=RATE_PERIOD):
        return _answer(request, TOO_MANY, 429)
    try:
        object_id = int(request.POST.get("object", ""))
        score = int(request.POST.get("score", ""))
    except ValueError:
        return _answer(request, ratings.UNKNOWN, 400)
    outcome = ratings.record_vote(
        section=request.POST.get("section", ""),
        object_id=object_id,
        score=score,
        address=address,
        agent=request.headers.get("User-Agent", ""),
    )
    if outcome is ratings.UNAVAILABLE:
        return _answer(request, outcome, 503)
    status = 200 if outcome.counted or outcome is ratings.REPEAT else 400
    return _answer(request, outcome, status)
