"""Pages for tests/pagecache/test_middleware.py: cached URLs whose view decides otherwise."""

from django.http import HttpResponse
from django.urls import path
from django.utils.cache import patch_cache_control

from pagecache import cache_public_page

rendered = []


def private_page(request):
    rendered.append(request.path)
    response = HttpResponse("<p>riêng</p>" * 50)
    patch_cache_control(response, private=True)
    return response


def page_with_cookie(request):
    rendered.append(request.path)
    response = HttpResponse("<p>có cookie</p>" * 50)
    response.set_cookie("chon", "1")
    return response


def public_page(request):
    rendered.append(request.path)
    return HttpResponse("<p>công khai</p>" * 50)


urlpatterns = [
    path("rieng/", cache_public_page(private_page)),
    path("cookie/", cache_public_page(page_with_cookie)),
    path("cong-khai/", cache_public_page(public_page)),
]
