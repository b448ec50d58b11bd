"""The public gallery pages: albums newest first, an album as a grid of links that works
without JavaScript, one photo's page, feeds and sitemap; drafts nowhere; fixed query
counts; the page cache follows the editors."""

from datetime import date

import pytest
from django.urls import reverse

from gallery import views, workflow
from gallery.models import Album
from tests.gallery import factories

pytestmark = pytest.mark.django_db

LIST = reverse("gallery:album_list")
# page-cache state (news' next publication), count, albums, covers, footer, menu (2)
LIST_QUERIES = 7
# then (the footer's settings already cached): the state, album, photos, organizations,
# articles, menu (2); a photo's page has neither organizations nor articles
DETAIL_QUERIES = 7
PHOTO_QUERIES = 5
# The chrome (footer settings, menu: 3 queries) is built by the first page of a content
# state and read from the cache by the next ones (portal/chrome.py).
CHROME_QUERIES = 3


def test_albums_newest_first_drafts_left_out(client):
    older = factories.make_album(title="Hội nghị năm 2024", date=date(2024, 5, 1), published=True)
    newer = factories.make_album(title="Đại hội năm 2025", date=date(2025, 10, 1), published=True)
    factories.make_album(title="Album chưa duyệt")
    response = client.get(LIST)
    assert list(response.context["albums"]) == [newer, older]
    page = response.content.decode()
    assert "Album chưa duyệt" not in page
    assert page.index("Đại hội năm 2025") < page.index("Hội nghị năm 2024")
    assert "2 ảnh" in page


def test_a_draft_album_and_its_photos_are_404(client):
    album = factories.make_album()
    assert client.get(album.get_absolute_url()).status_code == 404
    assert client.get(album.photos.first().get_absolute_url()).status_code == 404


def test_album_page_is_a_grid_of_links_to_each_photo_page(client):
    """Without JavaScript every photo is a link to its own page, with its alt text."""
    album = factories.make_album(photos=3, published=True)
    response = client.get(album.get_absolute_url())
    page = response.content.decode()
    for photo in album.photos.all():
        assert f'href="{photo.get_absolute_url()}"' in page
        assert f'alt="{photo.alt}"' in page
        assert f'width="{photo.width}" height="{photo.height}"' in page
    assert 'src="/static/js/gallery.js"' in page
    assert "<script>" not in page  # CSP: script-src 'self', no inline script


def test_photo_page_has_the_photo_and_its_neighbours(client):
    album = factories.make_album(photos=3, published=True)
    first, second, third = album.photos.all()
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Ảnh 2/3" in page
    assert f'href="{first.get_absolute_url()}"' in page
    assert f'href="{third.get_absolute_url()}"' in page
    assert f'href="{second.image.url}"' in page
    assert f'alt="{second.alt}"' in page


def test_an_old_slug_redirects_and_a_stranger_photo_is_404(client):
    album = factories.make_album(published=True)
    other = factories.make_album(published=True)
    url = reverse("gallery:album_detail", kwargs={"slug": "cu", "pk": album.pk})
    assert client.get(url).url == album.get_absolute_url()
    wrong = reverse(
        "gallery:photo_detail",
        kwargs={"slug": album.slug, "pk": album.pk, "photo": other.photos.first().pk},
    )
    assert client.get(wrong).status_code == 404


def test_album_page_shares_metadata(client):
    album = factories.make_album(published=True, description="Ảnh đại hội.")
    page = client.get(album.get_absolute_url()).content.decode()
    cover = album.photos.first()
    assert f'<meta property="og:image" content="http://testserver{cover.image.url}">' in page
    assert '"@type": "ImageGallery"' in page
    assert f'<link rel="canonical" href="http://testserver{album.get_absolute_url()}">' in page


def test_the_chosen_cover_leads_the_card(client):
    album = factories.make_album(photos=3, published=True)
    last = album.photos.last()
    album.cover = last
    album.save()
    page = client.get(LIST).content.decode()
    assert f'src="{last.image.url}"' in page


@pytest.mark.parametrize("count", [3, 40])
def test_pages_run_fixed_queries(client, django_assert_num_queries, count):
    factories.bulk_albums(count, photos_each=4)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST)
    assert len(response.context["albums"]) == min(12, count)
    album = Album.objects.order_by("pk").last()
    with django_assert_num_queries(DETAIL_QUERIES - CHROME_QUERIES):
        assert client.get(album.get_absolute_url()).status_code == 200
    photo_url = album.photos.last().get_absolute_url()
    with django_assert_num_queries(PHOTO_QUERIES - CHROME_QUERIES):
        assert client.get(photo_url).status_code == 200


def test_feed_and_sitemap_list_published_albums_with_their_images(client):
    album = factories.make_album(title="Lễ kết nạp đảng viên", photos=2, published=True)
    factories.make_album(title="Bản nháp")
    feed = client.get(reverse("gallery:album_feed")).content.decode()
    assert "Lễ kết nạp đảng viên" in feed
    assert "Bản nháp" not in feed
    sitemap = client.get(reverse("portal:sitemap_section", kwargs={"section": "thu-vien-anh"}))
    xml = sitemap.content.decode()
    assert f"<loc>http://testserver{album.get_absolute_url()}</loc>" in xml
    for photo in album.photos.all():
        assert f"<image:loc>http://testserver{photo.image.url}</image:loc>" in xml
    assert 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"' in xml
    index = client.get(reverse("portal:sitemap")).content.decode()
    assert "sitemap-thu-vien-anh.xml" in index


def test_publishing_shows_at_once_on_cached_pages(client, django_capture_on_commit_callbacks):
    editor = factories.make_user("bientap", factories.EDITOR)
    album = factories.make_album(title="Hội thao truyền thống")
    assert "Hội thao truyền thống" not in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_album(album=album, actor=editor)
    assert "Hội thao truyền thống" in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_album(album=album, actor=editor)
    assert "Hội thao truyền thống" not in client.get(LIST).content.decode()


def test_a_cached_album_page_runs_no_query(client, django_assert_num_queries):
    album = factories.make_album(published=True)
    client.get(album.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(album.get_absolute_url()).status_code == 200


def test_an_article_embeds_its_published_albums_and_the_album_lists_the_article(client):
    from tests.news.factories import make_category, make_published

    article = make_published(make_category(), title="Khai mạc Đại hội Đảng bộ Khối")
    shown = factories.make_album(title="Ảnh khai mạc Đại hội", published=True)
    hidden = factories.make_album(title="Album còn nháp")
    article.albums.add(shown, hidden)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{shown.get_absolute_url()}"' in page
    assert f'src="{shown.photos.first().image.url}"' in page
    assert "Album còn nháp" not in page
    album_page = client.get(shown.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}"' in album_page


def test_album_photos_and_covers_come_as_renditions(client):
    """A large photo is offered at phone widths (srcset, WebP first); the viewer gets at
    most the 1600-wide rendition, never the original (docs/images.md)."""
    album = factories.make_album(photos=0, published=True)
    photo = factories.add_photo(album, image=factories.jpeg(size=(2000, 1125)), alt="Toàn cảnh")
    page = client.get(album.get_absolute_url()).content.decode()
    folder = f"/media/renditions/{photo.image.name}"
    assert f"{folder}/640.webp 640w" in page
    assert f'sizes="{views.GRID_SIZES}"' in page
    assert f'data-full="{folder}/1600.jpg"' in page
    assert 'width="2000" height="1125"' in page
    listed = client.get(LIST).content.decode()
    assert f"{folder}/320.webp 320w" in listed


def test_the_first_screen_of_pictures_is_fetched_first(client):
    """Lighthouse's LCP audits (docs/lighthouse.md): on the album page the first row of
    photos has `fetchpriority="high"`, the next four are eager, the rest lazy; in the
    album list the first card's cover is fetched first, the others are lazy."""
    album = factories.make_album(photos=10, published=True)
    factories.make_album(published=True, date=album.date.replace(year=album.date.year - 1))
    page = client.get(album.get_absolute_url()).content.decode()
    images = page.split('class="album-grid"')[1].split("</ol>")[0].split("<img")[1:]
    assert len(images) == 10
    assert all('fetchpriority="high"' in tag and "loading" not in tag for tag in images[:4])
    assert all("fetchpriority" not in tag and "loading" not in tag for tag in images[4:8])
    assert all('loading="lazy"' in tag for tag in images[8:])
    listed = client.get(LIST).content.decode()
    cards = listed.split('class="media-grid"')[1].split("</ul>")[0].split("<img")[1:]
    assert len(cards) == 2
    assert 'fetchpriority="high"' in cards[0]
    assert 'loading="lazy"' not in cards[0]
    assert 'loading="lazy"' in cards[1]
    assert "fetchpriority" not in cards[1]
