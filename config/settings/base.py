"""Settings shared by every environment; each value can come from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.AtlasAdminConfig",  # django.contrib.admin, with the dashboard as its home
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "reversion",
    "django_tasks",
    "config.apps.TasksDatabaseConfig",  # django_tasks_db, named in French
    "imagekit",
    "django_prose_editor",
    "csp",
    "axes",
    "core",
    "media_library",
    "cooperation",
    "articles",
    "newsletter",
]

MIDDLEWARE = [
    "core.health.HealthCheckMiddleware",  # /healthz, before the host check and the page cache
    # First: X-Forwarded-* headers from a peer that is not a trusted proxy are dropped before
    # anything reads them (SECURE_PROXY_SSL_HEADER, the client address of axes and the newsletter).
    "core.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so cached pages get the headers too.
    "csp.middleware.CSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into the lock-out page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
    # A database host that vanished (network cut, machine down) is noticed within about a minute
    # instead of the kernel's two hours; the query then fails and the page is a 503.
    DATABASES["default"]["OPTIONS"].update(
        keepalives=1, keepalives_idle=30, keepalives_interval=10, keepalives_count=3
    )
    # JIT compilation costs more than it saves on the site's queries (1.5 s on a status refresh).
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
else:
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

# Seconds the site waits for any answer of PostgreSQL before giving up (core/database.py): 0 waits
# as long as it takes, as a management command on a developer's machine may; production bounds it.
DATABASE_ANSWER_TIMEOUT = float(os.environ.get("DJANGO_DATABASE_ANSWER_TIMEOUT", "0"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images: MEDIA_ROOT locally (served by runserver in DEBUG only); in production any
# Django storage backend (README « Images »: nginx, or S3-compatible storage with django-storages).
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Redis in production (REDIS_URL, shared by every web process); the database cache locally, so
# `make run` needs no other service.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"}
}

# Whole pages for anonymous visitors (core/pagecache.py); a change to any of these drops them all.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_CONTENT = ["cooperation", "articles", "media_library", "taggit", "newsletter.Edition"]

# Uploads to the media library (media_library/uploads.py): refused above these limits.
IMAGES_MAX_UPLOAD_BYTES = int(os.environ.get("DJANGO_IMAGES_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
IMAGES_MAX_PIXELS = int(os.environ.get("DJANGO_IMAGES_MAX_PIXELS", str(40_000_000)))
# Renditions are made once, when an image is uploaded; pages then build their URLs without
# touching the storage, the cache or the database (media_library/models.py).
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail: files under EMAIL_FILE_PATH locally, SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "sent_emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Atlas de la coopération décentralisée <lettre@localhost>"
)
NEWSLETTER_REPLY_TO = os.environ.get("NEWSLETTER_REPLY_TO", "contact@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The maps' background tiles (README « Map »): a raster tile URL template ({z}/{x}/{y}, optionally
# {s}) and its attribution (HTML, shown on every map). A Content-Security-Policy must allow the
# tiles' host in img-src.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)

LOGIN_URL = "admin:login"

# Staff sign-in (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair is locked out for AXES_COOLOFF_TIME; a locked-out attempt is refused
# before any password is hashed. Attempts are rows in the database, shared by every process.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "core.proxy.client_ip"  # the trusted-proxy rule below
AXES_LOCKOUT_CALLABLE = "config.admin.lockout_response"

# Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or networks);
# from any other peer these headers are dropped (core/proxy.py). None locally.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

# Content-Security-Policy (django-csp) on every response, the admin included: nothing inline
# (the one inline script, the article editor's import map, carries the request's nonce), nothing
# from another origin but the image hosts of IMG_SRC_HOSTS (a map tile server, the media storage).
IMG_SRC_HOSTS = env_list("DJANGO_CSP_IMG_SRC")
for _url in (MEDIA_URL, MAP_TILE_URL):
    if urlsplit(_url).netloc:  # a tile server's « {s}.tile… » subdomains become a wildcard
        IMG_SRC_HOSTS.append("{0.scheme}://{0.netloc}".format(urlsplit(_url)).replace("{s}", "*"))
_report_only = env_bool("DJANGO_CSP_REPORT_ONLY", False)


def content_security_policy(img_src=(), report_uri=""):
    directives = {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *img_src],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
    if report_uri:
        directives["report-uri"] = [report_uri]
    return {"DIRECTIVES": directives}


_policy = content_security_policy(IMG_SRC_HOSTS, os.environ.get("DJANGO_CSP_REPORT_URI", ""))
CONTENT_SECURITY_POLICY = None if _report_only else _policy
CONTENT_SECURITY_POLICY_REPORT_ONLY = _policy if _report_only else None

# Browser features the site never uses, refused to every page and whatever it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # the media picker is a same-origin popup
X_FRAME_OPTIONS = "DENY"

# The language cookie is only read by Django (LocaleMiddleware); Secure in production.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
