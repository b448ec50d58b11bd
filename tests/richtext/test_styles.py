"""Inline styles: each property keeps only the values it needs; nothing covers the page."""

import pytest

from richtext.sanitize import clean_html
from richtext.styles import clean_style


@pytest.mark.parametrize(
    "style",
    [
        # a negative length dressed up as arithmetic
        "margin-top: calc(0px - +100dvh)",
        "width: calc(100% + 50px)",
        "margin-left: -2em",
        "margin-top: -.5px",
        "padding: +5px",
        # viewport units, old and new
        *(
            f"height: 100{unit}"
            for unit in ["vh", "vw", "dvh", "dvw", "svh", "lvw", "vi", "vb", "vmin", "vmax"]
        ),
        # colours that cannot be seen
        "color: #0000",
        "color: #00000000",
        "color: rgba(0,0,0,0)",
        "color: rgba(0, 0, 0, 0)",
        "color: hsla(0, 0%, 0%, 0)",
        "color: transparent",
        "background-color: transparent",
        "border: 1px solid transparent",
        "color: rgb(300, 0, 0)",
        # hiding, escaping, importance, anything that is not a declaration
        "display: none",
        "display: contents",
        "width: 1\\30 0px",
        "width: 100px !important",
        "color: red; }</style>",
        "width: 100px /* comment */",
        "text-align: center; garbage",
        "float: top",
        "border: 1px 2px solid",
    ],
)
def test_values_outside_a_propertys_grammar_drop_the_style(style):
    """Finding 2 of the security review: no value can lay content over the page or hide it."""
    assert clean_style(style) is None
    assert clean_html(f'<p style="{style}">Nội dung</p>') == "<p>Nội dung</p>"


@pytest.mark.parametrize(
    ("style", "kept"),
    [
        ("width: 400px; height: 300px", "width:400px;height:300px"),
        ("margin: 5px 10px", "margin:5px 10px"),
        ("margin: 0 auto", "margin:0 auto"),
        ("max-width: 100%", "max-width:100%"),
        ("text-indent: 1.5em; padding: .5rem", "text-indent:1.5em;padding:.5rem"),
        ("border: 1px solid #000", "border:1px solid #000"),
        ("BORDER-COLOR: #C0392B", "border-color:#c0392b"),
        ("color: rgb(192, 57, 43)", "color:rgb(192,57,43)"),
        ("text-decoration: underline line-through", "text-decoration:underline line-through"),
        ("font-weight: 700; font-style: italic", "font-weight:700;font-style:italic"),
        ("font-family: Times New Roman; color: navy", "color:navy"),  # pasted from Word
    ],
)
def test_values_each_property_needs_are_kept(style, kept):
    """What CKEditor and pasted documents write survives, in one canonical form."""
    assert clean_style(style) == kept
    assert clean_style(kept) == kept
