"""The main menu: categories and the standing sections, in the one order an admin sets.

Categories (`Category.order`) and the sections' menu entries (`sitewide.MenuEntry.order`)
share one scale, so an admin places "Lịch công tác" between two categories by number.
A section whose app is not installed (its URL does not resolve) is left out.

The menu is on every page, so it stays two queries whatever it holds: the top level
(categories UNION menu entries), then what hangs under it (sub-categories UNION the
introduction pages shown under "Giới thiệu").
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Value
from django.urls import NoReverseMatch, reverse

from news.models import Category
from pages.models import Page
from sitewide.models import MenuEntry

CATEGORY, SECTION, PAGE = "category", "section", "page"
SECTION_NAMES = dict(MenuEntry.Section.choices)
# Sections are told apart from category slugs (which never hold this sign) as parents.
SECTION_KEY = "§"


@dataclass
class MenuItem:
    """One link of the menu (a category, a section, an introduction page)."""

    kind: str
    pk: int | None  # a category's; None for the others, so that templates comparing
    # `item.pk == category.pk` match categories only
    name: str
    url: str
    slug: str
    order: int
    short_name: str = ""
    menu_children: list = field(default_factory=list)
    is_current: bool = False  # a section the page being shown belongs to

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def is_category(self) -> bool:
        return self.kind == CATEGORY

    def get_absolute_url(self) -> str:
        return self.url


def _text(value: str):
    return Value(value, output_field=CharField())


def _top_level():
    categories = (
        Category.objects.top_level()
        .in_menu()
        .annotate(kind=_text(CATEGORY), key=_text(""), parent_key=_text(""))
        .values_list("kind", "key", "pk", "name", "short_name", "slug", "order", "parent_key")
        .order_by()
    )
    sections = (
        MenuEntry.objects.filter(is_shown=True)
        .annotate(
            kind=_text(SECTION),
            name=_text(""),
            short_name=_text(""),
            slug=_text(""),
            parent_key=_text(""),
        )
        .values_list("kind", "section", "pk", "name", "short_name", "slug", "order", "parent_key")
        .order_by()
    )
    return categories.union(sections, all=True)


def _below(category_slugs):
    children = (
        Category.objects.in_menu()
        .filter(parent__slug__in=category_slugs)
        .annotate(kind=_text(CATEGORY), key=_text(""))
        .values_list("kind", "key", "pk", "name", "short_name", "slug", "order", "parent__slug")
        .order_by()
    )
    pages = (
        Page.objects.in_menu()
        .top_level()
        .annotate(
            kind=_text(PAGE), key=_text(""), parent_key=_text(SECTION_KEY + MenuEntry.Section.INTRO)
        )
        .values_list("kind", "key", "pk", "title", "menu_title", "slug", "order", "parent_key")
        .order_by()
    )
    return children.union(pages, all=True)


def _item(kind, key, pk, name, short_name, slug, order) -> MenuItem | None:
    if kind == CATEGORY:
        url = reverse("news:category_detail", kwargs={"slug": slug})
        return MenuItem(CATEGORY, pk, name, url, slug, order, short_name)
    if kind == PAGE:
        url = reverse("pages:page_detail", kwargs={"slug": slug})
        return MenuItem(PAGE, None, name, url, slug, order, short_name)
    try:
        url = reverse(MenuEntry.URL_NAMES[key])
    except NoReverseMatch:  # the section's app is not installed
        return None
    return MenuItem(SECTION, None, SECTION_NAMES[key], url, key, order)


def _organization_links() -> list[MenuItem]:
    """Under "Tổ chức đảng": the chart and the leaders."""
    return [
        MenuItem(SECTION, None, "Sơ đồ tổ chức", reverse("organizations:chart"), "", 1000),
        MenuItem(
            SECTION, None, "Lãnh đạo Đảng ủy Khối", reverse("organizations:leadership"), "", 1001
        ),
    ]


def _gallery_links() -> list[MenuItem]:
    """Under "Ảnh – Video": the photo library and the videos."""
    return [
        MenuItem(SECTION, None, "Thư viện ảnh", reverse("gallery:album_list"), "", 1000),
        MenuItem(SECTION, None, "Video", reverse("gallery:video_list"), "", 1001),
    ]


def main_menu(path: str = "") -> list[MenuItem]:
    """The top level in order, each item with its `menu_children` (two queries).

    A section that `path` (the page being shown) lies under is marked `is_current`.
    """
    top = []
    for *columns, _parent in _top_level():
        item = _item(*columns)
        if item is not None:
            top.append(item)
    if not top:
        return []
    by_parent = {item.slug if item.is_category else SECTION_KEY + item.slug: item for item in top}
    category_slugs = [item.slug for item in top if item.is_category]
    for *columns, parent in _below(category_slugs):
        parent_item = by_parent.get(parent)
        if parent_item is not None:
            parent_item.menu_children.append(_item(*columns))
    for item in top:
        item.menu_children.sort(key=lambda child: (child.order, child.name))
        if item.kind == SECTION and item.slug == MenuEntry.Section.ORGANIZATIONS:
            item.menu_children += _organization_links()
        if item.kind == SECTION and item.slug == MenuEntry.Section.GALLERY:
            item.menu_children += _gallery_links()
    return mark_current(sorted(top, key=lambda item: (item.order, item.name)), path)


def current_prefixes(item: MenuItem) -> tuple[str, ...]:
    """The paths under which a top-level link is the current one: a section's own; the
    photo and video lists for "Ảnh – Video"; none for a category (the page names it)."""
    if item.kind != SECTION:
        return ()
    if item.slug == MenuEntry.Section.GALLERY:
        return tuple(child.url for child in _gallery_links())
    return (item.url,)


def mark_current(top: list[MenuItem], path: str) -> list[MenuItem]:
    """Mark the sections that `path` (the page being shown) lies under."""
    for item in top:
        item.is_current = path.startswith(current_prefixes(item))
    return top


def shared_menu(request) -> list[MenuItem]:
    """`main_menu(request.path)`, built once per content state with the rest of the
    chrome (portal/chrome.py): only the section marked as current differs by page."""
    from portal import chrome

    return mark_current(chrome.shared(request)["menu"], request.path)
