"""Public pages of the gallery: the albums, an album with its viewer, one photo; the
videos and a video.

Unpublished albums and videos are 404. Each page runs a fixed number of queries whatever the
number of albums or photos (tests/gallery/test_views.py pins them).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from gallery import metadata
from gallery.models import Album, Video, attach_covers
from safeimage import renditions


class AlbumListView(ListView):
    """/thu-vien-anh/: published albums, newest first."""

    template_name = "gallery/album_list.html"
    context_object_name = "albums"
    paginate_by = 12

    def get_queryset(self):
        return Album.objects.published().newest_first().for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        context["albums"] = attach_covers(context["albums"])
        context["page_range"] = page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
        context["meta"] = metadata.album_list(self.request, page_obj)
        return context


# How wide a photo of the album's grid is laid out (static/css/gallery.css): 4 columns
# of the 1100 px container, 3 from 600 px, 2 below.
GRID_SIZES = "(min-width: 1140px) 270px, (min-width: 900px) 24vw, (min-width: 600px) 33vw, 50vw"
VIEWER_WIDTH = 1600  # the viewer's largest picture; its srcset lets the browser take less


class AlbumMixin:
    def get_album(self):
        album = get_object_or_404(Album.objects.published(), pk=self.kwargs["pk"])
        self.photos = list(album.photos.all())
        pictures = renditions.describe_many(photo.image.name for photo in self.photos)
        for photo in self.photos:
            picture = pictures.get(photo.image.name)
            photo.viewer_src = picture.fallback(VIEWER_WIDTH).url if picture else photo.image.url
            photo.viewer_srcset = picture.srcset("WEBP") if picture else ""
        return album


class AlbumDetailView(AlbumMixin, DetailView):
    """/thu-vien-anh/<slug>-<id>/: the photos as a grid of links, the viewer on top."""

    template_name = "gallery/album_detail.html"
    context_object_name = "album"

    def get_object(self, queryset=None):
        return self.get_album()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        album = self.object
        context.update(
            photos=self.photos,
            grid_sizes=GRID_SIZES,
            organizations=list(album.organizations.only("id", "name", "slug")),
            # Through the reverse relation only: the gallery never imports news.
            articles=list(
                album.articles.published()
                .only("id", "title", "slug", "published_at")
                .order_by("-published_at", "-pk")[:6]
            ),
            meta=metadata.album(self.request, album, self.photos),
        )
        return context


class PhotoDetailView(AlbumMixin, DetailView):
    """/thu-vien-anh/<slug>-<id>/anh-<photo>/: one photo, large, with the previous and next."""

    template_name = "gallery/photo_detail.html"
    context_object_name = "album"

    def get_object(self, queryset=None):
        return self.get_album()

    def get(self, request, *args, **kwargs):
        self.object = album = self.get_object()
        ids = [photo.pk for photo in self.photos]
        if kwargs["photo"] not in ids:
            raise Http404
        if album.slug != kwargs["slug"]:
            return redirect(self.photos[ids.index(kwargs["photo"])], permanent=True)
        return self.render_to_response(self.get_context_data(object=album))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        album, photos = self.object, self.photos
        index = [photo.pk for photo in photos].index(self.kwargs["photo"])
        photo = photos[index]  # album.photos.all() knows its album: no query per URL
        context.update(
            photo=photo,
            position=index + 1,
            total=len(photos),
            previous=photos[index - 1] if index > 0 else None,
            next=photos[index + 1] if index + 1 < len(photos) else None,
            meta=metadata.photo(self.request, album, photo, index + 1, len(photos)),
        )
        return context


class VideoListView(ListView):
    """/video/: published videos, newest first."""

    template_name = "gallery/video_list.html"
    context_object_name = "videos"
    paginate_by = 12

    def get_queryset(self):
        return (
            Video.objects.published()
            .newest_first()
            .only(
                "id", "title", "slug", "date", "poster", "poster_width", "poster_height",
                "duration", "external_url",
            )
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        context["page_range"] = page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
        context["meta"] = metadata.video_list(self.request, page_obj)
        return context


class VideoDetailView(DetailView):
    """/video/<slug>-<id>/: our own <video controls> with captions, or a link to YouTube."""

    template_name = "gallery/video_detail.html"
    context_object_name = "video"

    def get_object(self, queryset=None):
        return get_object_or_404(Video.objects.published(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        video = self.object
        context.update(
            organizations=list(video.organizations.only("id", "name", "slug")),
            meta=metadata.video(self.request, video),
        )
        return context
