"""Số ký hiệu: how party documents are numbered, and how readers type the numbers.

"05-CT/TW" is a number, the kind's abbreviation and the issuer's. Readers type it as
they remember it ("05 ct tw", "5/CT-TW", "ĐUK" or "DUK"), so codes and queries are
compared as folded words with the leading zeros of numbers dropped: all of these are
"5 ct tw". docs/documents.md, "Codes".
"""

import re

import vntext

# Number (with an optional letter), the kind's abbreviation, then one or more issuer parts:
# 05-CT/TW, 149-KH/ĐUK, 30-HD/BTGTW, 01-CTr/ĐUK, 1405-QĐ/TU, 12a-NQ/ĐU.
WELL_FORMED = re.compile(
    r"^\d{1,5}[a-z]?-[A-ZĐ][A-Za-zĐđ]{0,5}(?:/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)+$"
)


def fold_word(word: str) -> str:
    """One folded word, with a number's leading zeros dropped ("05" → "5", "0" stays)."""
    word = vntext.fold(word)
    if word.isdigit():
        return word.lstrip("0") or "0"
    return word


def fold_words(text: str) -> str:
    """Folded words of `text`, numbers without leading zeros: "05-CT/TW" → "5 ct tw"."""
    return " ".join(fold_word(word) for word in vntext.fold(text).split())


def code_key(code: str) -> str:
    """What makes two codes the same code: "05-CT/TW" and "5/ct-tw" are both "5 ct tw"."""
    return fold_words(code)


def is_well_formed(code: str) -> bool:
    """Whether `code` looks like a party document's số ký hiệu (a warning, never a block)."""
    return bool(WELL_FORMED.match(vntext.normalize(code).strip()))
