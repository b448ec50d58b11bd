"""Inline styles parsed, not pattern-matched: each property accepts only the values it needs.

CKEditor 4 writes image sizes, floats, alignment, indents and table borders inline. What
a hostile (or careless) writer could do with a free `style` is lay an element over the
page's header and title or hide text from the reviewer: negative offsets, viewport
units, `calc()`, transparent colours, `display: none`. So each declaration of an allowed
property is parsed into tokens and each token checked against the grammar of that
property (docs/rich-text.md):

- lengths are 0 or a non-negative number in px, em, rem or % (no sign, no `calc()`, no
  viewport units such as vw, dvh, svh, vi, vb);
- keywords come from a short list per property (alignment, float, border style...);
- colours are opaque: a name, `#rgb`, `#rrggbb`, or `rgb()` with three numbers (no
  alpha channel, no `transparent`).

Properties outside the allowlist are dropped (pasted Word markup is full of them); an
allowed property with any value outside its grammar, or anything that is not a
declaration at all, drops the whole `style` attribute. The result is written in one
canonical form (`property:value;property:value`), so cleaning it again changes nothing.
"""

import re

_LENGTH = re.compile(r"(?:0|(?:\d+(?:\.\d+)?|\.\d+)(?:px|em|rem|%))")
_HEX = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
_RGB = re.compile(r"rgb\((\d{1,3}%?),(\d{1,3}%?),(\d{1,3}%?)\)")
_TOKEN = re.compile(r"rgb\([^)]*\)|[^\s]+")
# Characters a declaration we accept can contain; anything else (quotes, backslash
# escapes, comments, braces, angle brackets) drops the style.
_SAFE = re.compile(r"[a-z0-9#%.,:;()\s-]*")

COLOUR_NAMES = frozenset(
    [
        "black",
        "white",
        "gray",
        "grey",
        "silver",
        "red",
        "maroon",
        "orange",
        "yellow",
        "olive",
        "lime",
        "green",
        "teal",
        "aqua",
        "cyan",
        "blue",
        "navy",
        "fuchsia",
        "magenta",
        "purple",
        "brown",
        "pink",
        "gold",
        "darkred",
        "darkgreen",
        "darkblue",
        "darkgray",
        "darkgrey",
        "lightgray",
        "lightgrey",
    ]
)
BORDER_STYLES = frozenset(
    ["none", "hidden", "solid", "dashed", "dotted", "double", "groove", "ridge", "inset", "outset"]
)
BORDER_WIDTHS = frozenset({"thin", "medium", "thick"})


def _is_length(token: str) -> bool:
    return bool(_LENGTH.fullmatch(token))


def _is_colour(token: str) -> bool:
    if token in COLOUR_NAMES or _HEX.fullmatch(token):
        return True
    match = _RGB.fullmatch(token)
    if not match:
        return False
    return all(
        int(part.rstrip("%")) <= (100 if part.endswith("%") else 255) for part in match.groups()
    )


def _one_of(*words):
    allowed = frozenset(words)
    return lambda tokens: len(tokens) == 1 and tokens[0] in allowed


def _sides(check):
    """One to four values, each passing `check` (margin: 5px 10px)."""
    return lambda tokens: 1 <= len(tokens) <= 4 and all(check(token) for token in tokens)


def _border(tokens) -> bool:
    """`border: 1px solid #000`: at most one width, one style and one colour, any order."""
    kinds = []
    for token in tokens:
        if _is_length(token) or token in BORDER_WIDTHS:
            kinds.append("width")
        elif token in BORDER_STYLES:
            kinds.append("style")
        elif _is_colour(token):
            kinds.append("colour")
        else:
            return False
    return 1 <= len(kinds) <= 3 and len(set(kinds)) == len(kinds)


def _length_or_auto(word: str) -> bool:
    return word == "auto" or _is_length(word)


def _text_decoration(tokens) -> bool:
    lines = {"underline", "line-through", "overline"}
    return tokens == ["none"] or (
        bool(tokens) and len(set(tokens)) == len(tokens) and set(tokens) <= lines
    )


_single_length = _sides(_is_length)
GRAMMAR = {
    "text-align": _one_of("left", "right", "center", "justify", "start", "end"),
    "vertical-align": _one_of(
        "baseline", "top", "middle", "bottom", "text-top", "text-bottom", "sub", "super"
    ),
    "float": _one_of("left", "right", "none"),
    # image2 centres a captioned image with inline-block; nothing may be hidden.
    "display": _one_of("block", "inline", "inline-block"),
    "width": lambda t: len(t) == 1 and _length_or_auto(t[0]),
    "height": lambda t: len(t) == 1 and _length_or_auto(t[0]),
    "max-width": lambda t: len(t) == 1 and (_is_length(t[0]) or t[0] == "none"),
    "min-width": lambda t: len(t) == 1 and _is_length(t[0]),
    "margin": _sides(_length_or_auto),
    **{f"margin-{side}": _sides(_length_or_auto) for side in ("top", "right", "bottom", "left")},
    "padding": _sides(_is_length),
    **{f"padding-{side}": _sides(_is_length) for side in ("top", "right", "bottom", "left")},
    "border": _border,
    "border-width": _sides(lambda t: _is_length(t) or t in BORDER_WIDTHS),
    "border-style": _sides(lambda t: t in BORDER_STYLES),
    "border-color": _sides(_is_colour),
    "border-collapse": _one_of("collapse", "separate"),
    "color": lambda t: len(t) == 1 and _is_colour(t[0]),
    "background-color": lambda t: len(t) == 1 and _is_colour(t[0]),
    "font-weight": _one_of("normal", "bold", "bolder", "lighter", *map(str, range(100, 1000, 100))),
    "font-style": _one_of("normal", "italic", "oblique"),
    "text-decoration": _text_decoration,
    "text-indent": lambda t: len(t) == 1 and _is_length(t[0]),
    "list-style-type": _one_of(
        "none",
        "disc",
        "circle",
        "square",
        "decimal",
        "decimal-leading-zero",
        "lower-roman",
        "upper-roman",
        "lower-alpha",
        "upper-alpha",
        "lower-latin",
        "upper-latin",
        "lower-greek",
    ),
}
ALLOWED_PROPERTIES = frozenset(GRAMMAR)


def clean_style(value: str) -> str | None:
    """The allowed declarations of `value`, canonical; None when the style must go."""
    value = value.lower()
    if not _SAFE.fullmatch(value):
        return None
    kept = []
    for declaration in value.split(";"):
        if not declaration.strip():
            continue
        name, colon, raw = declaration.partition(":")
        name = name.strip()
        if not colon or not re.fullmatch(r"-?[a-z][a-z-]*", name):
            return None
        tokens = [token.replace(" ", "") for token in _TOKEN.findall(raw.strip())]
        if name not in GRAMMAR:
            continue  # not ours to keep (font-family from a pasted document...)
        if not tokens or not GRAMMAR[name](tokens):
            return None
        kept.append(f"{name}:{' '.join(tokens)}")
    return ";".join(kept) or None
