"""Organization history events in the audit trail (docs/audit.md)."""

from django.db.models import CharField, F
from django.db.models.functions import Concat

from audittrail import Source, choice_label, ref, register, text
from organizations.models import OrganizationEvent


def rows():
    return OrganizationEvent.objects.annotate(
        at=F("created_at"),
        who=F("created_by_id"),
        what=Concat(
            text("Tổ chức: "),
            choice_label("kind", OrganizationEvent.Kind.choices),
            output_field=CharField(),
        ),
        target=F("organization__name"),
        target_ref=ref("organizations.organization", "organization_id"),
        detail=Concat(F("decision_number"), text(" "), F("note"), output_field=CharField()),
    )


register(Source("organization", "Lịch sử tổ chức đảng", rows))
