"""The site's template library: `{% load portal %}`.

The date filters are those of `vntext` (`{% load vndates %}` in other apps' templates).
"""

from django import template
from django.utils.safestring import mark_safe

from pagecache import fragments
from vntext.templatetags import vndates

register = template.Library()

for _name in ("article_datetime", "long_date", "short_date", "weekday_name"):
    register.filter(_name, getattr(vndates, _name))
register.simple_tag(vndates.today_long, name="today_long")


@register.filter
def display_name(user) -> str:
    """{{ entry.actor|display_name }}: a staff member's full name, else the login name."""
    if not user:
        return ""
    return user.get_full_name() or user.get_username()


# Shortcut keys (HTML accesskey, TT 32/2017): the numbers of the UK government scheme
# that many public portals follow. Each key is used once per page.
SHORTCUTS = {
    "home": ("1", "Trang chủ"),
    "site_map": ("3", "Sơ đồ trang"),
    "search": ("4", "Ô tìm kiếm"),
    "accessibility": ("0", "Trợ giúp tiếp cận"),
}


@register.simple_tag
def accesskey(name):
    """`accesskey="{% accesskey 'home' %}"`: the one place the keys are defined."""
    return SHORTCUTS[name][0]


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        html = fragments.fragment(
            self.name.resolve(context), lambda: self.nodelist.render(context), *vary
        )
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """`{% fragment "footer" [vary ...] %}…{% endfragment %}`: what is inside, rendered once
    per content state and per `vary` values (pagecache/fragments.py). Only for parts that
    show the content every page shares, never the page's own or a reader's input."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
