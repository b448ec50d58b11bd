"""Vietnamese personal names are written family name first: "Lê Minh Tâm".

Django's user keeps `last_name` (the admin's "Họ": family and middle names) and
`first_name` ("Tên": the given name), and its `get_full_name()` puts the given name
first ("Tâm Lê Minh"). Every name the portal shows goes through here instead.
"""


def full_name(first_name: str, last_name: str) -> str:
    """ "Họ Tên" from Django's two fields; either may be empty."""
    return " ".join(
        part for part in ((last_name or "").strip(), (first_name or "").strip()) if part
    )


def display_name(user) -> str:
    """A staff member's full name, family name first, else the login name ("" for none)."""
    if not user:
        return ""
    return full_name(user.first_name, user.last_name) or user.get_username()
