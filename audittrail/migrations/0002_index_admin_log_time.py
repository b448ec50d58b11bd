"""An index on the admin log's time: the audit trail reads its newest rows first.

LogEntry belongs to django.contrib.admin, which declares no such index; at two years of
admin activity the page's `ORDER BY action_time DESC LIMIT` would scan the table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audittrail", "0001_add_audit_trail_page"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS audittrail_admin_log_time ON django_admin_log (action_time)",
            reverse_sql="DROP INDEX IF EXISTS audittrail_admin_log_time",
        )
    ]
