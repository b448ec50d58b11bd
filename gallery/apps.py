from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Thư viện ảnh và video"

    def ready(self):
        import pagecache

        # No timed change: an album or a video is public from the moment an editor
        # publishes it; every write path calls pagecache.content_changed().
        pagecache.register("gallery", models=("gallery.Album", "gallery.Photo", "gallery.Video"))
