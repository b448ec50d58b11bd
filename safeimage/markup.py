"""The markup of stored pictures, and pictures inside rich text (docs/images.md).

`picture_html` writes what `{% picture %}` shows. `rewrite_body` turns pictures inside
rich text into renditions when a page is made.

The stored body stays what the sanitizer returned (richtext/sanitize.py); only the
page shows `<picture>` markup. Each `<img>` whose `src` is a stored file under
`MEDIA_URL` becomes `{% picture %}`'s markup with the image's own `alt`, `title` and
`style`; other images (outside links, unreadable files) stay as they are.
"""

import html
import re
from urllib.parse import unquote

from django.conf import settings
from django.utils.safestring import SafeString

from safeimage import renditions

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_STYLE_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*(\d+)px", re.IGNORECASE)
KEPT = ("title", "style")


def picture_html(
    picture,
    *,
    sizes: str = "100vw",
    alt: str = "",
    loading: str = "",
    fetchpriority: str = "",
    css_class: str = "",
    img_attrs=(),
) -> str:
    """The markup of `{% picture %}` for a `renditions.Picture` (also used by `body`).

    Every card of a list writes one, so each list of candidates is made once and the
    attributes are escaped as they are joined (the same output as `format_html`, in half
    the time: docs/performance.md, "Where rendering time goes").
    """
    if not loading:
        loading = "eager" if fetchpriority == "high" else "lazy"
    attrs = []
    if css_class:
        attrs.append(("class", css_class))
    attrs.extend(img_attrs)
    own = picture.candidates(picture.format)
    fallback = picture.fallback(candidates=own)
    attrs.append(("src", fallback.url))
    if picture.formats() and len(own) > 1:
        attrs.extend([("srcset", _srcset(own)), ("sizes", sizes)])
    attrs.extend([("width", picture.width), ("height", picture.height), ("alt", alt)])
    if loading != "eager":
        attrs.append(("loading", loading))
    attrs.append(("decoding", "async"))
    if fetchpriority:
        attrs.append(("fetchpriority", fetchpriority))
    img = "<img" + "".join(f' {name}="{escape(value)}"' for name, value in attrs) + ">"
    if "WEBP" not in picture.formats() or picture.format == "WEBP":
        return SafeString(img)
    webp = escape(_srcset(picture.candidates("WEBP")))
    return SafeString(
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{escape(sizes)}">'
        f"{img}</picture>"
    )


def escape(value) -> str:
    """`conditional_escape` without its lazy-string wrapper: markup stays as it is."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _srcset(candidates) -> str:
    return ", ".join(f"{c.url} {c.width}w" for c in candidates)


def stored_name(src: str) -> str:
    """The storage name behind a media URL, or "" for any other address."""
    prefix = settings.MEDIA_URL
    if not prefix or not src.startswith(prefix) or "?" in src or "#" in src:
        return ""
    name = unquote(src[len(prefix) :])
    if not name or name.startswith("/") or ".." in name.split("/"):
        return ""
    return name


def _attributes(tag: str) -> dict[str, str]:
    return {key.lower(): html.unescape(value) for key, value in _ATTR.findall(tag)}


def _sizes(attrs: dict[str, str], column: str) -> str:
    """`sizes` for one body picture: the column, or its own shown width when narrower."""
    width = attrs.get("width", "")
    match = _STYLE_WIDTH.search(attrs.get("style", ""))
    shown = int(match.group(1)) if match else int(width) if width.isdigit() else 0
    if not shown:
        return column
    return f"(min-width: 900px) {min(shown, 800)}px, min({shown}px, 100vw)"


def rewrite_body(body: str, *, sizes: str) -> SafeString | str:
    """`body` (sanitized HTML) with its stored pictures as `<picture>` markup."""
    tags = _IMG.findall(body)
    if not tags:
        return body
    parsed = {tag: _attributes(tag) for tag in tags}
    names = {tag: stored_name(attrs.get("src", "")) for tag, attrs in parsed.items()}
    found = renditions.describe_many([name for name in names.values() if name])

    def replace(match):
        tag = match.group(0)
        picture = found.get(names.get(tag, ""))
        if picture is None:
            return tag
        attrs = parsed[tag]
        return picture_html(
            picture,
            sizes=_sizes(attrs, sizes),
            alt=attrs.get("alt", ""),
            img_attrs=[(key, attrs[key]) for key in KEPT if attrs.get(key)],
        )

    return _IMG.sub(replace, body)
