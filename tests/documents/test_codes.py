"""How codes and typed words are compared: folded, numbers without their leading zeros."""

import pytest

from documents.codes import code_key, fold_word


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("05-CT/TW", "5 ct tw"),
        ("5/ct-tw", "5 ct tw"),
        ("05 CT TW", "5 ct tw"),
        ("12-NQ/ĐUK", "12 nq duk"),
        ("0-TB/ĐUK", "0 tb duk"),  # zero is a number, not nothing
        ("000-TB/ĐUK", "0 tb duk"),
        ("1405-QĐ/TU", "1405 qd tu"),
    ],
)
def test_codes_typed_any_way_have_one_key(typed, key):
    assert code_key(typed) == key


def test_a_word_keeps_its_inner_zeros():
    """Only leading zeros go: 2020 stays 2020, 05 becomes 5, 0 stays 0."""
    assert [fold_word(w) for w in ("2020", "05", "0", "00", "Đảng")] == [
        "2020",
        "5",
        "0",
        "0",
        "dang",
    ]
