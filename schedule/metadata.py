"""What the schedule's pages tell machines: their pagemeta.Metadata (docs/metadata.md)."""

from django.urls import reverse

import pagemeta

SECTION = "Lịch công tác"


def week(request, *, monday, sunday, url, printed=False) -> pagemeta.Metadata:
    """A week's page. `url` is the canonical address: "this week" (`/lich-cong-tac/`) names
    itself, a week its own page, and a print view the page it prints."""
    iso = monday.isocalendar()
    title = f"{SECTION} tuần {iso.week}/{iso.year}"
    description = (
        f"Lịch công tác của Thường trực, Ban Thường vụ từ {monday:%d/%m/%Y} đến {sunday:%d/%m/%Y}."
    )
    return pagemeta.Metadata(
        title=title + (" – bản in" if printed else ""),
        description=description,
        url=url,
        date=monday,
        section=SECTION,
        robots="noindex" if printed else "",
        breadcrumbs=[
            ("Trang chủ", reverse("portal:home")),
            (SECTION, reverse("schedule:current")),
            *([] if url == reverse("schedule:current") else [(f"Tuần {iso.week}/{iso.year}", url)]),
        ],
        schema=[
            {
                "@type": "WebPage",
                "name": title,
                "url": pagemeta.absolute(request, url),
                "description": description,
                "inLanguage": "vi",
            }
        ],
    )


def pick_error(request) -> pagemeta.Metadata:
    """The week picker's answer to a value that names no week: never indexed."""
    return pagemeta.Metadata(
        title=f"{SECTION}: không xác định được tuần",
        description="Chọn tuần cần xem lịch công tác.",
        section=SECTION,
        robots="noindex",
        breadcrumbs=[
            ("Trang chủ", reverse("portal:home")),
            (SECTION, reverse("schedule:current")),
        ],
    )
