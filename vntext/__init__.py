"""Vietnamese text folding shared by every app: slugs and search keys.

Django's `slugify()` drops "đ" ("Đảng" → "ang") because đ/Đ have no Unicode
decomposition, so they are mapped first; then NFKD and the combining marks go.
Old and new tone placement ("uỷ" / "ủy") fold to the same letters.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, the form the portal stores text in, with NUL and other controls removed."""
    text = unicodedata.normalize("NFC", text or "")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def one_line(text: str) -> str:
    """`normalize`d, on one line with single spaces: how names and queries are kept."""
    return " ".join(normalize(text).split())


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits with single spaces: "Đảng uỷ Khối!" → "dang uy khoi"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_D_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.translate(_D_MAP)  # NFKD may have produced a bare đ from a compatibility form
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def slugify(text: str, max_length: int = 200, fallback: str = "") -> str:
    """ASCII slug: "Đảng ủy Khối" → "dang-uy-khoi". Never cuts a word in half."""
    slug = fold(text).replace(" ", "-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        word_continues = slug[max_length] != "-"
        slug = cut.rsplit("-", 1)[0] if word_continues and "-" in cut else cut
    return slug.strip("-") or fallback


def first_free(slug: str, taken, max_length: int = 200) -> str:
    """`slug`, or `slug-2`, `slug-3`… the first not in `taken`, within `max_length`."""
    taken = set(taken)
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slug[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate
