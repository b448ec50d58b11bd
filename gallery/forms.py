"""The admin's multi-file upload of photos (Django's documented multiple-file field)."""

from django import forms
from django.core.exceptions import ValidationError

from gallery.models import Album, Photo

MAX_FILES = 60


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: `cleaned_data` is a list (docs: "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data if item]
        return [single_file_clean(data, initial)] if data else []


class AlbumAdminForm(forms.ModelForm):
    new_photos = MultipleFileField(
        label="Tải ảnh lên (chọn nhiều ảnh một lúc)",
        required=False,
        help_text=(
            f"Tối đa {MAX_FILES} ảnh mỗi lần, JPEG, PNG hoặc WebP, mỗi ảnh tối đa 10 MB. "
            "Ảnh được thêm vào cuối album; viết mô tả (alt) cho từng ảnh ở bảng bên dưới "
            "sau khi lưu."
        ),
    )
    new_photographer = forms.CharField(
        label="Người chụp (cho các ảnh vừa tải)", max_length=150, required=False
    )

    class Meta:
        model = Album
        fields = ["title", "slug", "date", "description", "organizations", "cover"]

    def clean_new_photos(self):
        files = self.cleaned_data["new_photos"]
        if len(files) > MAX_FILES:
            raise ValidationError(f"Mỗi lần tải tối đa {MAX_FILES} ảnh; bạn đã chọn {len(files)}.")
        self.photos, errors = [], []
        for upload in files:
            photo = Photo(image=upload)
            try:
                # Decodes and re-encodes once (safeimage); the result is kept for the save.
                photo.full_clean(exclude=["album"])
            except ValidationError as error:
                messages = error.message_dict.get("image", error.messages)
                errors.append(f"{upload.name}: {' '.join(messages)}")
                continue
            self.photos.append(photo)
        if errors:
            raise ValidationError(errors)
        return files

    def add_photos(self, album: Album) -> int:
        """Save the photos uploaded with the form at the end of `album`; how many."""
        photos = getattr(self, "photos", [])
        last = album.photos.order_by("-order").values_list("order", flat=True).first() or 0
        photographer = self.cleaned_data.get("new_photographer", "")
        for n, photo in enumerate(photos, start=1):
            photo.album = album
            photo.order = last + n * 10
            photo.photographer = photographer
            photo.save()
        return len(photos)
