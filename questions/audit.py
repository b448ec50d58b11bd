"""Question handling steps in the audit trail (docs/audit.md). No asker's contact data."""

from django.db.models import CharField, F
from django.db.models.functions import Cast, Concat, LPad

from audittrail import Source, choice_label, ref, register, text
from questions.models import QuestionTransition


def rows():
    return QuestionTransition.objects.annotate(
        at=F("created_at"),
        who=F("actor_id"),
        what=Concat(
            text("Hỏi – đáp: "),
            choice_label("action", QuestionTransition.Action.choices),
            output_field=CharField(),
        ),
        target=Concat(
            text("HD-"),
            Cast("question__code_year", CharField()),
            text("-"),
            LPad(Cast("question__code_number", CharField()), 5, text("0")),
            text(": "),
            F("question__title"),
            output_field=CharField(),
        ),
        target_ref=ref("questions.question", "question_id"),
        detail=F("note"),
    )


register(Source("question", "Xử lý câu hỏi của người dân", rows))
