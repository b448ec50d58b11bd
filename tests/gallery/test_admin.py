"""The gallery's admin: a Phóng viên uploads many photos at once and cannot publish;
a Biên tập viên publishes from the form once each photo has its alt text."""

import pytest
from django.urls import reverse

from gallery.models import Album, Photo
from tests.gallery import factories

pytestmark = pytest.mark.django_db

ADD = reverse("admin:gallery_album_add")


def _form(**fields):
    data = {
        "title": "Hội nghị học tập Nghị quyết",
        "slug": "",
        "date": "15/10/2025",
        "description": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_author_uploads_several_photos_at_once(client):
    author = factories.make_user("phongvien", factories.AUTHOR)
    client.force_login(author)
    files = [factories.jpeg(name=f"anh-{n}.jpg") for n in range(3)]
    response = client.post(ADD, _form(new_photos=files, new_photographer="Trần Văn Ảnh"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    album = Album.objects.get()
    assert album.created_by == author
    assert not album.is_published()
    photos = list(album.photos.all())
    assert len(photos) == 3
    assert [p.order for p in photos] == [10, 20, 30]
    assert {p.photographer for p in photos} == {"Trần Văn Ảnh"}
    assert all(p.image.name.startswith("gallery/") and p.width == 64 for p in photos)


def test_one_bad_file_refuses_the_upload_with_its_name(client):
    client.force_login(factories.make_user("phongvien", factories.AUTHOR))
    bad = factories.SimpleUploadedFile("bao-cao.jpg", b"PK\x03\x04 not a photo")
    response = client.post(ADD, _form(new_photos=[factories.jpeg(), bad]))
    assert response.status_code == 200
    assert "bao-cao.jpg" in response.content.decode()
    assert not Photo.objects.exists()
    assert not Album.objects.exists()


def test_author_has_no_publish_button_and_cannot_publish_by_posting(client):
    client.force_login(factories.make_user("phongvien", factories.AUTHOR))
    assert 'name="_publish"' not in client.get(ADD).content.decode()
    client.post(ADD, _form(new_photos=[factories.jpeg()], _publish="1"))
    assert not Album.objects.get().is_published()


def test_author_cannot_change_a_published_album(client):
    client.force_login(factories.make_user("phongvien", factories.AUTHOR))
    album = factories.make_album(published=True)
    url = reverse("admin:gallery_album_change", args=[album.pk])
    response = client.post(url, _form(title="Đổi tên"))
    assert response.status_code == 403
    album.refresh_from_db()
    assert album.title != "Đổi tên"


def test_editor_publishes_from_the_form_once_alt_texts_are_written(client):
    client.force_login(factories.make_user("bientap", factories.EDITOR))
    album = factories.make_album(photos=0)
    photo = factories.add_photo(album, alt="")
    url = reverse("admin:gallery_album_change", args=[album.pk])
    inline = {
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-0-id": str(photo.pk),
        "photos-0-album": str(album.pk),
        "photos-0-caption": "",
        "photos-0-photographer": "",
        "photos-0-order": "0",
    }
    response = client.post(url, _form(**inline, **{"photos-0-alt": ""}, _publish="1"), follow=True)
    assert "chưa có mô tả" in response.content.decode()
    album.refresh_from_db()
    assert not album.is_published()
    response = client.post(
        url, _form(**inline, **{"photos-0-alt": "Bí thư phát biểu"}, _publish="1"), follow=True
    )
    assert "Đã lưu và xuất bản" in response.content.decode()
    album.refresh_from_db()
    assert album.is_published()


def test_nobody_but_a_superuser_deletes_an_album(client):
    client.force_login(factories.make_user("bientap", factories.EDITOR))
    album = factories.make_album(published=True)
    response = client.post(reverse("admin:gallery_album_delete", args=[album.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Album.objects.filter(pk=album.pk).exists()
