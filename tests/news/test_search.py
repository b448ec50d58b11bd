import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from news import search
from news.models import Article, Category
from news.pagecache import content_changed
from tests.news.factories import bulk_published, make_category, make_published

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# filter choices (categories: once per content state, news.filters), the ranked page of the newest matches (their pick, the
# count and the page in one query: news.search.Results), menu (2), footer, documents found
# and answers found (each its first few with their count), introduction pages found; the
# category filter adds its lookup (its sub-categories come with the membership table).
# Search is not page-cached, so its first request of a content state also reads the
# state's next changes (+4: the sections' next timed changes) for the chrome, which the
# next searches read from the cache (-3: footer settings and menu, portal/chrome.py).
SEARCH_QUERIES = 9
SEARCH_WITH_CATEGORY_QUERIES = 5
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


def results(client, **params):
    response = client.get(reverse("news:search"), params)
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng")


@pytest.fixture
def corpus(party):
    """A few articles where the words sit in the title, the sapo or only the body."""
    return {
        "title": make_published(
            party, "Đảng ủy Khối tổng kết công tác năm 2026", ago=timedelta(days=30)
        ),
        "old_tone": make_published(party, "Hội nghị Đảng uỷ Khối mở rộng", ago=timedelta(days=20)),
        "sapo": make_published(
            party,
            "Hội nghị báo cáo viên tháng 11",
            sapo="Đảng ủy Khối tổ chức hội nghị báo cáo viên.",
            ago=timedelta(days=2),
        ),
        "body": make_published(
            party,
            "Kết nạp đảng viên mới",
            body="<p>Lễ kết nạp do <strong>Đảng ủy Khối</strong> tổ chức.</p>",
            ago=timedelta(days=1),
        ),
        "unrelated": make_published(party, "Thư viện tỉnh đưa sách về vùng sâu"),
    }


@pytest.mark.parametrize("q", ["dang uy khoi", "Đảng ủy Khối", "Đảng uỷ Khối", "ĐẢNG ỦY KHỐI"])
def test_accents_and_tone_placement_do_not_matter(client, corpus, q):
    """ "dang uy khoi", "Đảng ủy Khối", "Đảng uỷ Khối" and capitals find the same articles."""
    assert set(results(client, q=q)) == {
        "Đảng ủy Khối tổng kết công tác năm 2026",
        "Hội nghị Đảng uỷ Khối mở rộng",
        "Hội nghị báo cáo viên tháng 11",
        "Kết nạp đảng viên mới",
    }


def test_title_matches_rank_before_sapo_and_body_matches(client, corpus):
    """Titles with the words come first, even when body-only matches are newer."""
    titles = results(client, q="dang uy khoi")
    assert titles[:2] == [  # both titles match: the newer one first
        "Hội nghị Đảng uỷ Khối mở rộng",
        "Đảng ủy Khối tổng kết công tác năm 2026",
    ]
    assert set(titles[2:]) == {"Hội nghị báo cáo viên tháng 11", "Kết nạp đảng viên mới"}


def test_exact_accents_rank_above_folded_matches(client, party):
    """Diacritics carry meaning: "má" ranks "Mẹ và má" above "Ma trận"."""
    make_published(party, "Ma trận quy chế", ago=timedelta(days=1))
    make_published(party, "Mẹ và má", ago=timedelta(days=9))
    assert results(client, q="má") == ["Mẹ và má", "Ma trận quy chế"]


def test_every_word_is_required(client, corpus):
    """A word found nowhere empties the result: words are ANDed, not ORed."""
    assert results(client, q="dang uy khoi chuyendoiso") == []


def test_words_match_whole_except_the_last_which_may_be_cut_short(client, party):
    """ "hoi ngh" finds "Hội nghị"; "ngh hoi" does not (only the last word is a prefix)."""
    make_published(party, "Hội nghị Ban Chấp hành")
    assert results(client, q="hoi ngh") == ["Hội nghị Ban Chấp hành"]
    assert results(client, q="ngh hoi") == []


def test_a_word_start_is_tried_only_when_whole_words_find_nothing(client, party):
    """ "uy" finds the word "ủy" only; "uye" finds "Uyên" as the start of a word."""
    make_published(party, "Đảng ủy Khối")
    make_published(party, "Uyên bác")
    assert results(client, q="uy") == ["Đảng ủy Khối"]
    assert results(client, q="uye") == ["Uyên bác"]


def test_only_the_newest_matches_are_ranked_and_the_reader_is_told(client, party, monkeypatch):
    """Past MAX_RESULTS matches, the newest ones are ranked and a note explains the limit."""
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    make_published(party, "Hội nghị có từ khóa trong tiêu đề", ago=timedelta(days=9))
    make_published(party, "Tin mới nhất, không liên quan")  # newest, but no match
    for day in range(1, 5):
        make_published(party, f"Tin ngày {day}", sapo="Bàn về hội nghị.", ago=timedelta(days=day))
    response = client.get(reverse("news:search"), {"q": "hoi nghi"})
    assert [a.title for a in response.context["articles"]] == [
        "Tin ngày 1",
        "Tin ngày 2",
        "Tin ngày 3",
    ]
    assert "Chỉ hiện 3 bài mới nhất có từ khóa." in response.content.decode()
    narrowed = results(client, q="hoi nghi", den_ngay=timezone.localdate() - timedelta(days=5))
    assert narrowed == ["Hội nghị có từ khóa trong tiêu đề"]


def test_only_published_articles_are_found(client, party):
    """Drafts, pending and scheduled articles stay out of search results."""
    make_published(party, "Hội nghị đã đăng")
    make_published(party, "Hội nghị bản nháp", status=Article.Status.DRAFT)
    make_published(party, "Hội nghị chờ duyệt", status=Article.Status.PENDING)
    make_published(party, "Hội nghị hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    assert results(client, q="hội nghị") == ["Hội nghị đã đăng"]


def test_results_highlight_matches_whatever_their_accents(client, corpus):
    """Matched words are wrapped in <mark> in their original spelling."""
    html = client.get(reverse("news:search"), {"q": "dang uy khoi"}).content.decode()
    assert "<mark>Đảng</mark> <mark>ủy</mark> <mark>Khối</mark> tổng kết" in html
    assert "<mark>Đảng</mark> <mark>uỷ</mark> <mark>Khối</mark> mở rộng" in html
    assert "Tìm thấy <strong>4</strong> bài viết" in html


def test_category_filter_includes_sub_categories(client, party):
    """Filtering by a category keeps its sub-categories' articles and drops the rest."""
    child = make_category("Kiểm tra, giám sát", parent=party)
    other = make_category("Văn bản")
    make_published(party, "Hội nghị Xây dựng Đảng")
    make_published(child, "Hội nghị kiểm tra")
    make_published(other, "Hội nghị văn bản")
    assert set(results(client, q="hoi nghi", chuyen_muc=party.slug)) == {
        "Hội nghị Xây dựng Đảng",
        "Hội nghị kiểm tra",
    }
    assert results(client, q="hoi nghi", chuyen_muc=child.slug) == ["Hội nghị kiểm tra"]


def test_date_range_filter_uses_vietnamese_days(client, party):
    """From/to dates cover whole days in Vietnam's time zone, both ends included."""
    make_published(
        party, "Hội nghị 9/10", published_at=datetime(2021, 10, 9, 23, 59, tzinfo=VIETNAM)
    )
    make_published(
        party, "Hội nghị 10/10", published_at=datetime(2021, 10, 10, 0, 0, tzinfo=VIETNAM)
    )
    make_published(
        party, "Hội nghị 12/10", published_at=datetime(2021, 10, 12, 23, 59, tzinfo=VIETNAM)
    )
    make_published(
        party, "Hội nghị 13/10", published_at=datetime(2021, 10, 13, 0, 0, tzinfo=VIETNAM)
    )
    assert results(client, q="hoi nghi", tu_ngay="2021-10-10", den_ngay="12/10/2021") == [
        "Hội nghị 12/10",
        "Hội nghị 10/10",
    ]


def test_filters_alone_list_articles_newest_first(client, party):
    """With no words, a category or date filter still lists matching articles, newest first."""
    make_published(party, "Tin hai", ago=timedelta(days=2))
    make_published(party, "Tin một", ago=timedelta(days=1))
    assert results(client, chuyen_muc=party.slug) == ["Tin một", "Tin hai"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu_ngay": "2021-13-45"}, "Nhập một ngày hợp lệ."),
        ({"tu_ngay": "0001-01-01"}, "Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100."),
        ({"den_ngay": "9999-12-31"}, "Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100."),
        (
            {"tu_ngay": "2021-10-12", "den_ngay": "2021-10-10"},
            "«Đến ngày» phải sau hoặc trùng «Từ ngày».",
        ),
        ({"chuyen_muc": "khong-co"}, "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_invalid_filters_are_explained_and_ignored(client, corpus, params, message):
    """A bad date or category is shown as a Vietnamese form error; the search still runs."""
    response = client.get(reverse("news:search"), {"q": "dang uy khoi", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert message.split(" ")[0] in html
    assert len(response.context["articles"]) == 4


def test_empty_search_page_invites_a_query(client, corpus):
    """/tim-kiem/ with nothing asks for words and lists nothing."""
    response = client.get(reverse("news:search"))
    assert response.status_code == 200
    assert "Nhập từ khóa" in response.content.decode()
    assert list(response.context["articles"]) == []


@pytest.mark.parametrize(
    "raw_query",
    [
        "x" * 10_000,
        "Đảng ủy Khối " * 1000,
        "!!! ??? ... ---",
        "'; DROP TABLE news_article; --",
        "dang' OR '1'='1",
        "<script>alert(1)</script>",
        "dang & | ! :* ( ) <-> \\",
        "%00",
        "%ED%A0%80",  # a lone surrogate, UTF-8 encoded
        "%FF%FE",  # not UTF-8 at all
        "dang%00uy",
        "%F0%9F%87%BB%F0%9F%87%B3",  # an emoji flag
    ],
)
def test_absurd_queries_get_a_friendly_page(client, corpus, raw_query):
    """Huge, punctuation-only, SQL, HTML, NUL, surrogate or non-UTF-8 queries answer 200."""
    query_string = raw_query if "%" in raw_query else None
    if query_string is None:
        response = client.get(reverse("news:search"), {"q": raw_query})
    else:
        response = client.get(f"{reverse('news:search')}?q={query_string}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "Tìm kiếm" in html
    # What the search box shows back is clean text (parse_query): no NUL, no lone
    # surrogate.
    echoed = re.search(r'<input id="id_q"[^>]*value="([^"]*)"', html).group(1)
    assert "\x00" not in echoed
    assert not any("\ud800" <= ch <= "\udfff" for ch in echoed)


def test_punctuation_only_query_says_why_nothing_was_searched(client, corpus):
    """A query without letters or digits explains that words are needed."""
    html = client.get(reverse("news:search"), {"q": "!!! ??? ..."}).content.decode()
    assert "Từ khóa cần có ít nhất một chữ hoặc chữ số." in html


def test_long_query_is_cut_and_the_reader_is_told(client, corpus):
    """Past 200 characters the query is cut at a word, and the page says so."""
    response = client.get(reverse("news:search"), {"q": "Đảng ủy Khối " + "lorem " * 100})
    assert response.status_code == 200
    assert "Từ khóa quá dài" in response.content.decode()
    assert len(response.context["query"].text) <= search.MAX_QUERY_LENGTH


def test_html_in_the_query_is_escaped_everywhere(client, corpus):
    """The query is echoed (search box, summary) only as escaped text."""
    html = client.get(
        reverse("news:search"), {"q": '"><img src=x onerror=alert(1)> dang'}
    ).content.decode()
    assert "<img src=x" not in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; dang" in html


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("chuyen_muc", "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong"),
        ("tu_ngay", "Nhập một ngày hợp lệ.</p>"),
        ("den_ngay", "Nhập một ngày hợp lệ.</p>"),
    ],
)
def test_nul_bytes_in_filters_do_not_reach_the_database(client, corpus, field, message):
    """PostgreSQL refuses NUL in text: a NUL in any filter is a form error, not a 500.

    The NUL is gone before the filter sees the value: the form shows back "xaydung",
    explains what is wrong, and the search runs as if the filter were not there.
    """
    plain = client.get(reverse("news:search"), {"q": "dang uy khoi"})
    response = client.get(f"{reverse('news:search')}?q=dang+uy+khoi&{field}=xay%00dung")
    assert response.status_code == 200
    html = response.content.decode()
    assert "\x00" not in html
    assert f'<p class="search-form__error">{message}' in html
    assert response.context["filter"].data[field] == "xaydung"
    assert [a.pk for a in response.context["articles"]] == [a.pk for a in plain.context["articles"]]
    assert len(plain.context["articles"]) == 4


def test_results_are_paginated_and_keep_the_query_in_page_links(client, party):
    """Fifteen results a page; page links keep the words and filters; past the end is 404."""
    bulk_published(party, 40)
    response = client.get(reverse("news:search"), {"q": "tin hoat dong", "chuyen_muc": party.slug})
    html = response.content.decode()
    assert len(response.context["articles"]) == 15
    assert response.context["paginator"].num_pages == 3
    assert f'href="?chuyen_muc={party.slug}&amp;q=tin+hoat+dong&amp;page=2"' in html
    second = client.get(reverse("news:search"), {"q": "tin hoat dong", "page": 3})
    assert second.status_code == 200
    assert len(second.context["articles"]) == 10
    assert client.get(reverse("news:search"), {"q": "tin hoat dong", "page": 4}).status_code == 404


def test_result_pages_split_one_ranking_and_each_brings_the_count(
    client, party, django_assert_num_queries
):
    """Pages 1, 2, 3 and "last" are consecutive slices of the whole ranking, each telling
    the same count; a page's rows and the count come from one query."""
    bulk_published(party, 40)
    query = search.parse_query("tin hoat dong")
    ranking = [a.title for a in search.search(Article.objects.published(), query)]
    pages = []
    for page in (1, 2, 3, "last"):
        response = client.get(reverse("news:search"), {"q": "tin hoat dong", "page": page})
        assert response.context["paginator"].count == 40
        pages.append([article.title for article in response.context["articles"]])
    assert pages[0] + pages[1] + pages[2] == ranking
    assert pages[3] == pages[2]
    results = search.Results(search.search(Article.objects.published(), query), slice(15, 30))
    with django_assert_num_queries(1):
        assert results.count() == 40
        assert [a.title for a in results[15:30]] == ranking[15:30]


def test_parse_query_folds_dedupes_and_caps_words():
    """Queries become at most ten distinct folded words; the text shown back stays readable."""
    query = search.parse_query("  Đảng   ủy\x00 Khối đảng ỦY  ")
    assert query.text == "Đảng ủy Khối đảng ỦY"
    assert query.terms == ("dang", "uy", "khoi")
    assert len(search.parse_query(" ".join(f"tu{i}" for i in range(30))).terms) == 10
    assert not search.parse_query("… !!! ---")


@on_postgresql
def test_postgresql_uses_the_gin_index_on_the_generated_search_document(corpus):
    """EXPLAIN shows the full-text match served by news_article_search_document."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is tiny
    # The match alone (no published() filter, whose b-tree index would compete on a tiny
    # table) shows whether the expression can use the GIN index; docs/search.md has the
    # whole search's plan on 100,000 articles.
    articles = search.matching(Article.objects.all(), search.parse_query("dang uy khoi"))
    plan = articles.explain()
    assert "news_article_search_document" in plan
    assert "search_document @@" in plan


@on_postgresql
def test_postgresql_suggests_close_titles_when_nothing_matches(client, party):
    """A misspelt query finds nothing but offers titles that are close (trigram similarity)."""
    make_published(party, "Hội nghị Ban Chấp hành Đảng bộ Khối")
    response = client.get(reverse("news:search"), {"q": "hoi nhgi ban chap hanh"})
    assert list(response.context["articles"]) == []
    assert [a.title for a in response.context["suggestions"]] == [
        "Hội nghị Ban Chấp hành Đảng bộ Khối"
    ]
    assert "Có thể bạn muốn tìm" in response.content.decode()


@pytest.mark.parametrize("count", [5, 200])
def test_search_runs_the_same_few_queries_for_5_or_200_articles(
    client, party, django_assert_num_queries, count
):
    """A search with results runs a fixed number of queries, whatever the content."""
    child = make_category("Kiểm tra", parent=party)
    bulk_published(party, count)
    bulk_published(child, count)
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("news:search"), {"q": "tin hoat dong"})
    assert len(response.context["articles"]) == min(15, 2 * count)
    with django_assert_num_queries(SEARCH_WITH_CATEGORY_QUERIES):
        response = client.get(
            reverse("news:search"),
            {"q": "tin hoat dong", "chuyen_muc": party.slug, "tu_ngay": "2000-01-01"},
        )
    assert len(response.context["articles"]) == min(15, 2 * count)


def test_the_category_choices_are_kept_per_content_state_and_mark_the_readers_choice(
    client, party, django_capture_on_commit_callbacks
):
    """The filter's `<select>` is written once per content state: later searches mark
    the reader's category (and no longer the empty option), and a category renamed in
    a committed change is listed under its new name at once."""
    make_published(party, "Tin hoạt động")
    url = reverse("news:search")
    html = client.get(url, {"q": "tin"}).content.decode()
    assert '<option value="" selected>Tất cả chuyên mục</option>' in html
    html = client.get(url, {"q": "tin", "chuyen_muc": party.slug}).content.decode()
    assert f'<option value="{party.slug}" selected>Xây dựng Đảng</option>' in html
    assert '<option value="">Tất cả chuyên mục</option>' in html
    html = client.get(url, {"q": "tin", "chuyen_muc": "khong-co"}).content.decode()
    assert 'aria-invalid="true" aria-describedby="id_chuyen_muc_error"' in html
    assert " selected>" not in html.split('name="chuyen_muc"')[1].split("</select>")[0]
    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.filter(pk=party.pk).update(name="Xây dựng Đảng và chính quyền")
        content_changed()
    html = client.get(url, {"q": "tin"}).content.decode()
    assert f'<option value="{party.slug}">Xây dựng Đảng và chính quyền</option>' in html


def test_search_box_in_the_header_keeps_the_query(client, corpus):
    """The header's search box shows what was searched."""
    html = client.get(reverse("news:search"), {"q": "Đảng ủy Khối"}).content.decode()
    assert re.search(r'id="search-q"[^>]*value="Đảng ủy Khối"', html)


@pytest.fixture
def intro_pages():
    from pages.models import Page

    Page.objects.create(
        title="Chức năng, nhiệm vụ",
        summary="Đảng ủy Khối lãnh đạo công tác kiểm tra, giám sát.",
        body="<p>Tham mưu cho Tỉnh ủy về <strong>công tác dân vận</strong>.</p>",
    )
    Page.objects.create(title="Trang nháp về dân vận", is_published=False)


def test_the_introduction_pages_are_a_section_of_the_search(client, party, intro_pages):
    """ "Trang giới thiệu" finds published pages by title, summary or body, without accents,
    and no articles; "Tất cả" lists them beside the articles; drafts are never found."""
    make_published(party, "Hội nghị về công tác dân vận")
    response = client.get(reverse("news:search"), {"q": "cong tac dan van", "muc": "trang"})
    html = response.content.decode()
    assert [page.title for page in response.context["pages"]["items"]] == ["Chức năng, nhiệm vụ"]
    assert list(response.context["articles"]) == []
    assert "Tìm thấy <strong>1</strong> trang giới thiệu" in html
    assert '<option value="trang" selected>Trang giới thiệu</option>' in html
    everything = client.get(reverse("news:search"), {"q": "dân vận"})
    assert [a.title for a in everything.context["articles"]] == ["Hội nghị về công tác dân vận"]
    assert [p.title for p in everything.context["pages"]["items"]] == ["Chức năng, nhiệm vụ"]
    assert "Trang nháp" not in everything.content.decode()
    # Alone, a word cut short still finds the page.
    short = client.get(reverse("news:search"), {"q": "kiem tra giam s", "muc": "trang"})
    assert [page.title for page in short.context["pages"]["items"]] == ["Chức năng, nhiệm vụ"]
    # Articles only: no pages.
    articles = client.get(reverse("news:search"), {"q": "dan van", "muc": "bai-viet"})
    assert articles.context["pages"] is None
