from django.contrib import admin

from vntext.dates import short_date, weekday_name
from vntext.models import SpecialDay


@admin.register(SpecialDay)
class SpecialDayAdmin(admin.ModelAdmin):
    list_display = ["day", "weekday", "kind", "name", "announcement"]
    list_display_links = ["day", "name"]
    list_filter = ["kind"]
    search_fields = ["name", "announcement"]
    date_hierarchy = "date"
    fields = ["date", "kind", "name", "announcement"]

    @admin.display(description="ngày", ordering="date")
    def day(self, obj):
        return short_date(obj.date)

    @admin.display(description="thứ")
    def weekday(self, obj):
        return weekday_name(obj.date)
