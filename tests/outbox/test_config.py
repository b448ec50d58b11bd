import pytest

from outbox.config import CONSOLE_BACKEND, SMTP_BACKEND, EmailConfig, email_config


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://portal%40example.vn:p%40ss@mail.example.vn:587?tls=1",
            EmailConfig(
                SMTP_BACKEND, "mail.example.vn", 587, "portal@example.vn", "p@ss", True, False
            ),
        ),
        (
            "smtp+tls://u:p@mail.example.vn",
            EmailConfig(SMTP_BACKEND, "mail.example.vn", 587, "u", "p", True, False),
        ),
        (
            "smtps://u:p@mail.example.vn",
            EmailConfig(SMTP_BACKEND, "mail.example.vn", 465, "u", "p", False, True),
        ),
        ("smtp://relay.local", EmailConfig(SMTP_BACKEND, "relay.local", 25)),
        (
            "smtp://relay.local:2525?timeout=2",
            EmailConfig(SMTP_BACKEND, "relay.local", 2525, timeout=2),
        ),
        ("console://", EmailConfig(CONSOLE_BACKEND)),
    ],
)
def test_email_url_is_read_like_the_database_url(url, expected):
    """User and password are percent-decoded; the scheme and ?tls pick the encryption."""
    assert email_config({"EMAIL_URL": url}, debug=False) == expected


def test_unknown_scheme_is_refused_at_start_up():
    with pytest.raises(ValueError, match="unknown scheme"):
        email_config({"EMAIL_URL": "http://mail.example.vn"}, debug=False)


def test_django_variables_work_without_a_url():
    environ = {
        "EMAIL_HOST": "mail.example.vn",
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": "1",
        "EMAIL_TIMEOUT": "3",
    }
    assert email_config(environ, debug=False) == EmailConfig(
        SMTP_BACKEND, "mail.example.vn", 587, "portal", "secret", True, False, 3
    )


def test_tls_and_ssl_together_are_refused():
    with pytest.raises(ValueError, match="exclude each other"):
        email_config({"EMAIL_HOST": "m", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, debug=False)


def test_nothing_set_prints_in_development_and_uses_a_local_server_in_production():
    assert email_config({}, debug=True).backend == CONSOLE_BACKEND
    assert email_config({}, debug=False) == EmailConfig(SMTP_BACKEND, "localhost", 25)
