"""Publications and withdrawals of albums and videos in the audit trail (docs/audit.md)."""

from django.db.models import Case, CharField, F, When
from django.db.models.functions import Coalesce, Concat

from audittrail import Source, choice_label, ref, register, text
from gallery.models import Transition


def rows():
    is_album = When(album__isnull=False, then=text("Album ảnh: "))
    return Transition.objects.annotate(
        at=F("created_at"),
        who=F("actor_id"),
        what=Concat(
            Case(is_album, default=text("Video: "), output_field=CharField()),
            choice_label("action", Transition.Action.choices),
            output_field=CharField(),
        ),
        target=Coalesce("album__title", "video__title"),
        target_ref=Case(
            When(album__isnull=False, then=ref("gallery.album", "album_id")),
            default=ref("gallery.video", "video_id"),
            output_field=CharField(),
        ),
        detail=F("note"),
    )


register(Source("gallery", "Thư viện ảnh và video", rows))
