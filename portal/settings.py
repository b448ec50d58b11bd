"""Settings for the portal: one module, every deploy-time choice read from the environment.

Unset, everything falls back to a safe local default (SQLite, local-memory cache).
`.env.example` lists the variables; `docs/deploy.md` says how production sets them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from outbox.config import email_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) refuses to start without it: "
            "set SECRET_KEY to a long random value, or DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "netguard.apps.GuardedAdminConfig",  # django.contrib.admin, crafted ids refused
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "netguard.apps.LoginThrottleConfig",  # django-axes
    "audittrail",
    "tree_queries",
    "ckeditor",
    "ckeditor_uploader",
    "vntext",
    "richtext",
    "outbox",
    "pagemeta",
    "safeimage",
    "portal",
    "organizations",
    "news",
    "questions",
    "documents",
    "schedule",
    "pages",
    "sitewide",
    "gallery",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.TextGZipMiddleware",  # before anything that reads the body
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",  # a Vietnamese 503, not a 500
    "pagecache.middleware.PageCacheMiddleware",  # a hit, answered before what follows
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login (docs/security.md)
]

ROOT_URLCONF = "portal.urls"
# Site-wide facts for every page's metadata (docs/metadata.md).
PAGEMETA_SITE = "portal.metadata.site"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "sitewide.context_processors.site_parts",
            ],
        },
    },
]

# Database: SQLite file unless DATABASE_URL says otherwise (postgres://user@host:5432/name).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler pays off for long analytical queries, not for a web page's
    # short ones: on 100,000 articles it added 170 ms to a 100 ms count (bench/run.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # A PostgreSQL that does not answer fails a request (503) and /readyz within seconds
    # instead of holding a worker for the system's TCP timeout (docs/security.md).
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker),
# per-process local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, one client per pool and one round trip per incr
            # (pagecache/redis.py, docs/performance.md).
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            # A Redis that stops answering must not hang requests: give up within a
            # second and serve uncached (docs/performance.md, bench/faults.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Room for the page cache and pending view counts of a small site (the default 300
    # entries would evict view counts under ordinary traffic).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Anonymous pages are cached this long at most (0 turns the page cache off); any saved
# change makes them fresh at once (pagecache/, docs/performance.md).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# The page cache's state must be shared by every process: without REDIS_URL it is on only
# where one process serves (make run); elsewhere it switches itself off.
PAGE_CACHE_SINGLE_PROCESS = env_bool("PAGE_CACHE_SINGLE_PROCESS", default=DEBUG)
# Article views are counted in the cache and written to the database at most this often.
VIEW_COUNT_FLUSH_SECONDS = int(os.environ.get("VIEW_COUNT_FLUSH_SECONDS", "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first input formats: Django's `vi` locale has none and would accept US dates.
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "portal.staticfiles.AppDirectoriesFinder",  # without CKEditor's other languages
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads larger than this are refused by Django before any view sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Documents' files (docs/documents.md): outside MEDIA_ROOT, in a folder nginx does not
# publish; served by the download view, through nginx's X-Accel-Redirect when the
# internal location's prefix is set (e.g. "/_van-ban/").
DOCUMENT_FILES_ROOT = Path(os.environ.get("DOCUMENT_FILES_ROOT", BASE_DIR / "document_files"))
DOCUMENT_ACCEL_REDIRECT_PREFIX = os.environ.get("DOCUMENT_ACCEL_REDIRECT_PREFIX", "")
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(30 * 1024 * 1024)))
# Text taken from a document's files for search: far below PostgreSQL's 1 MB tsvector.
DOCUMENT_TEXT_MAX_CHARS = 200_000
# Videos of the gallery (docs/gallery.md, "Video"): the largest upload accepted; nginx's
# body limit for the gallery's admin pages follows it (deploy/nginx.conf).
GALLERY_VIDEO_MAX_BYTES = int(os.environ.get("GALLERY_VIDEO_MAX_BYTES", str(200 * 1024 * 1024)))

LOGIN_URL = "admin:login"
# Where a login lands when its `next` is missing or unsafe: staff log in for the admin.
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes, docs/security.md): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair is locked out for
# LOGIN_LOCKOUT_MINUTES; failures are kept in the database (visible and unlockable in
# the admin) and logged. The client address comes from netguard.client_ip, which
# believes X-Forwarded-For only from TRUSTED_PROXY_COUNT proxies (nginx in front: 1).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "netguard.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The failure log line names the username and address (never the password): the
# operator, or fail2ban, needs them.
AXES_SENSITIVE_PARAMETERS = []

# E-mail: EMAIL_URL (smtp://user:password@host:587?tls=1) or EMAIL_HOST and friends;
# neither = the console in development, a local mail server on :25 in production. Mail
# goes through the outbox (docs/outbox.md), which retries what the server refused.
_email = email_config(os.environ, debug=DEBUG)
EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT = _email.backend, _email.host, _email.port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email.user, _email.password
EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT = _email.use_tls, _email.use_ssl, _email.timeout
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng thông tin <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))
OUTBOX_KEEP_SENT_DAYS = int(os.environ.get("OUTBOX_KEEP_SENT_DAYS", "30"))

# Rich text: django-ckeditor bundles CKEditor 4.22.1, which upstream no longer supports.
# Its check ckeditor.W001 is silenced on purpose: everything the editor stores is
# sanitized on the server with nh3 and uploads go through our own validating view.
# The decision and its mitigations: docs/rich-text.md.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_BASEPATH = f"{STATIC_URL}ckeditor/ckeditor/"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
# Folders of pictures no model field names, whose renditions `make_renditions` makes
# (docs/images.md); the editor's uploads get theirs when they arrive.
SAFEIMAGE_RENDITION_FOLDERS = [CKEDITOR_UPLOAD_PATH]
# Staff holding any one of these may upload images from the editor (richtext/uploads.py).
RICHTEXT_UPLOAD_PERMISSIONS = ["news.add_article", "news.change_article"]
# A newsroom's toolbar: what richtext/sanitize.py keeps, nothing it would strip. The
# "superuser" config adds the HTML source button (the admin picks it by user).
_CKEDITOR_TOOLBAR = [
    ["Undo", "Redo"],
    ["Format"],
    ["Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript", "-", "RemoveFormat"],
    ["NumberedList", "BulletedList", "-", "Outdent", "Indent", "-", "Blockquote"],
    ["JustifyLeft", "JustifyCenter", "JustifyRight", "JustifyBlock"],
    ["Link", "Unlink"],
    ["Image", "Table", "HorizontalRule", "SpecialChar"],
    ["PasteText", "PasteFromWord", "-", "Find", "Replace"],
    ["ShowBlocks", "Maximize"],
]
# Services that call out to CKSource (exportpdf, scayt, wsc) and features the sanitizer
# would strip anyway (iframe, forms, fonts...).
_CKEDITOR_UNUSED_PLUGINS = (
    "image,exportpdf,scayt,wsc,iframe,flash,forms,smiley,templates,save,newpage,"
    "preview,print,language,bidi,div,font,colorbutton,about"
)
_CKEDITOR_NEWSROOM = {
    "language": "vi",
    "toolbar": "Newsroom",
    "toolbar_Newsroom": _CKEDITOR_TOOLBAR,
    "height": 480,
    "width": "100%",
    "format_tags": "p;h2;h3;h4;h5;h6",  # h1 is the article's title
    # image2: captioned images as <figure>/<figcaption>; uploadimage: pasted and dropped
    # images are uploaded (through richtext.uploads) instead of kept as data: URLs.
    "extraPlugins": "image2,uploadimage",
    "removePlugins": _CKEDITOR_UNUSED_PLUGINS + ",sourcearea",
    "removeDialogTabs": "link:advanced;link:target;image2:advanced;table:advanced",
    "image2_captionedClass": "image",
    "disableNativeSpellChecker": False,
}
CKEDITOR_CONFIGS = {
    "default": _CKEDITOR_NEWSROOM,
    "superuser": {
        **_CKEDITOR_NEWSROOM,
        "toolbar_Newsroom": [*_CKEDITOR_TOOLBAR, ["Source"]],
        "removePlugins": _CKEDITOR_UNUSED_PLUGINS,
    },
}

# Security: strict by default in production, relaxed only for local development.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # everywhere, the editor's upload too (XHR + JSON: docs/rich-text.md)
SESSION_COOKIE_HTTPONLY = True
# Public pages (portal.middleware): own scripts only, sanitized inline styles, no framing.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: https:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self' https:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CONTENT_SECURITY_POLICY_EXEMPT_PATHS = ["/admin/", "/ckeditor/"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes may speak plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("BEHIND_HTTPS_PROXY", default=True):
        # nginx (or the load balancer) terminates TLS and sets this header.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "netguard.logging.OneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Refused Host headers: one WARNING line each, no traceback (netguard.logging).
        "django.security.DisallowedHost": {"filters": ["one_line"]},
    },
}

# The public name of the portal, used where SiteSettings has not been filled in yet.
PORTAL_NAME = os.environ.get(
    "PORTAL_NAME", "Trang Thông tin điện tử Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh"
)

# The site's own address, for links in e-mails sent outside a request.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000")

# Hỏi – đáp (docs/questions.md): contact data of askers is cleared this many months
# after their question is closed; the form's anti-robot limits.
QUESTION_RETENTION_MONTHS = int(os.environ.get("QUESTION_RETENTION_MONTHS", "24"))
QUESTION_MIN_FILL_SECONDS = 4
QUESTION_FORM_MAX_AGE = 6 * 60 * 60
QUESTION_RATE_LIMITS = {  # at most `limit` per `period` seconds
    "address": {"limit": 5, "period": 60 * 60},
    "email": {"limit": 3, "period": 24 * 60 * 60},
    "lookup": {"limit": 10, "period": 10 * 60},
}
