"""Demo desks: the Ban Tuyên giáo's editor looks after its three categories only.

With accounts (DEBUG on): `bientaptuyengiao` edits and approves only "Tuyên giáo và dân
vận", "Học tập và làm theo Bác" and "Bảo vệ nền tảng tư tưởng", and reads the morning
digest instead of one e-mail per article; `bientapvien` keeps every category
(docs/editors.md). Idempotent.
"""

from news.editors import EditorProfile
from news.models import Category

DESKS = {
    "bientaptuyengiao": (
        ["tuyen-giao-va-dan-van", "hoc-tap-va-lam-theo-bac", "bao-ve-nen-tang-tu-tuong"],
        EditorProfile.Notify.DAILY,
    ),
}


def build(builder, users) -> None:
    for username, (slugs, notify) in DESKS.items():
        user = users.get(username)
        if user is None:
            continue
        profile, created = EditorProfile.objects.get_or_create(
            user=user, defaults={"notify": notify}
        )
        profile.categories.add(*Category.objects.filter(slug__in=slugs))
        builder.report.add("phân công biên tập", int(created))
