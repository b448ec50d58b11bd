"""Article transitions in the audit trail (docs/audit.md)."""

from django.db.models import CharField, F
from django.db.models.functions import Concat

from audittrail import Source, choice_label, ref, register, text
from news.models import Article, ArticleTransition


def rows():
    return ArticleTransition.objects.annotate(
        at=F("created_at"),
        who=F("actor_id"),
        what=Concat(
            text("Bài viết: "),
            choice_label("from_status", Article.Status.choices),
            text(" → "),
            choice_label("to_status", Article.Status.choices),
            output_field=CharField(),
        ),
        target=F("article__title"),
        target_ref=ref("news.article", "article_id"),
        detail=F("note"),
    )


register(Source("article", "Duyệt và xuất bản bài viết", rows))
