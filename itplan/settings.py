"""Settings for the provincial IT-plan portal.

Production unless told otherwise: DEBUG and a development secret only with ``DJANGO_DEBUG=1``
(``make run`` and the test suite set it); without it the settings refuse to start unless
``SECRET_KEY`` and ``ALLOWED_HOSTS`` are given. ``DATABASE_URL`` selects PostgreSQL (SQLite
otherwise). Every variable a deployment sets is listed in the README ("Cài đặt khi chạy thật").
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Forgetting a variable must not open the portal: DEBUG only when asked for by name.
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Khi chạy thật (DJANGO_DEBUG khác 1) cần biến môi trường SECRET_KEY và ALLOWED_HOSTS; "
            "chạy trên máy mình: DJANGO_DEBUG=1 (production requires SECRET_KEY and ALLOWED_HOSTS; "
            "set DJANGO_DEBUG=1 for a local portal)."
        )
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") != "0"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "import_export",
    "django_filters",
    "provinces",
    "projects",
    "budgets",
    "indicators",
    "itplan",
    "itplan.lockout.AxesConfig",  # django-axes, named in Vietnamese
    "csp",
    "django_tasks",
    "django_tasks_db",  # after itplan, whose db_worker command (warmed up) replaces this one's
    "rest_framework",  # the read API, /api/v1/ (itplan.api)
    "drf_spectacular",  # … its OpenAPI 3 schema
    "drf_spectacular_sidecar",  # … and Swagger UI / Redoc served from the portal's own files
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "itplan.sessions.IdleTimeoutMiddleware",
    "itplan.middleware.VietnameseFirstLocaleMiddleware",
    "itplan.middleware.NoStoreDownloadsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "itplan.urls"
WSGI_APPLICATION = "itplan.wsgi.application"

# Each feature of the site keeps its templates beside its code (itplan/<feature>/templates/
# <feature>/…); templates/ holds the site's own: the base page, the parts several features share,
# the admin's and the sign-in pages. (The features are packages of the one itplan app, not apps:
# their models stay in itplan/models.py.)
FEATURES_WITH_TEMPLATES = ["plans", "progress", "dashboard", "appendix", "reports", "api"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [
            BASE_DIR / "templates",
            *(BASE_DIR / "itplan" / feature / "templates" for feature in FEATURES_WITH_TEMPLATES),
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections are opt-in (CONN_MAX_AGE=60 in production).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,  # a persistent connection lost (database restarted) is replaced
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent saves wait their turn instead of failing with "database is locked": readers
    # never block the writer (WAL), a writer waits up to 20 s for the lock, and a transaction
    # takes the write lock when it starts (a read lock upgraded later cannot wait, it fails).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the dashboards' aggregates (cost above 100.000) on every
    # request: 15-20 ms of a 60 ms query, never won back on tables of this size.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# Background tasks (django-tasks): an issued report's PDF is made by a worker, `manage.py
# db_worker` (`make run` starts one beside the server; a deployment runs one beside gunicorn),
# from a queue in the database. TASKS_BACKEND=immediate makes it in the request that issues
# (the test suite's default, set in pyproject.toml).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")]
    }
}
# A worker (web or background) loads WeasyPrint, the report templates and fonts when it starts
# (itplan.reports.render.warm_up); PDF_WARM_UP=0 skips it.
PDF_WARM_UP = os.environ.get("PDF_WARM_UP", "1") != "0"

# Shared by every worker and every gunicorn instance: the rendered dashboards and lists
# (itplan.pagecache) and the data version they are keyed on. With REDIS_URL (a deployment:
# redis://127.0.0.1:6379/0, or unix:///run/redis/redis-server.sock?db=0) Django's own Redis
# cache, which the app servers behind one nginx share; without it the database (its table comes
# with `migrate`), as on one machine and in the test suite.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "itplan",
        }
    }
    # Sessions read from Redis, written through to the database ("cached_db", not "cache"): the
    # page cache fills the same Redis, which evicts the least recently used keys when full
    # (deploy/redis.md), and a restart of Redis empties it; a session kept only there would
    # sign users out mid-work. A session is written at most once a minute (itplan.sessions),
    # so the write-through costs little; every read is Redis's. The idle limit holds in both:
    # each save gives the Redis key SESSION_COOKIE_AGE to live (Redis's clock, which the test
    # suite's fixed clock cannot move: the suite runs on the database cache) and the row its
    # expire_date.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "itplan_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long a cached page may live at most; a write to the data replaces it at once. 0: no cache.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "900"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's "vi" locale has no NUMBER_GROUPING: ours sets 1.234.567 and dd/mm/yyyy.
FORMAT_MODULE_PATH = ["itplan.formats"]

STATIC_URL = "static/"
# Where `collectstatic` gathers the files nginx serves under /static/ (deploy/nginx/itplan.conf).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# Uploaded plan documents: outside the web root, served only through views that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Where `manage.py backup` writes its archives unless given --output (itplan.backup).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# An appendix upload larger than this is refused before it is read.
APPENDIX_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What an .xlsx package may unpack to, checked from its zip directory before anything is parsed
# (a small file of repeated XML can swell a thousandfold), and how many cells (empty styled
# cells included) one sheet may hold: a 5.000-row appendix has far fewer.
APPENDIX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
APPENDIX_MAX_ENTRIES = 2000
APPENDIX_MAX_RATIO = 100
APPENDIX_MAX_CELLS = 300_000
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# Signed UBND reports (itplan.reports.signature): the certificates (PEM or DER file paths,
# separated by ":" in the environment) of the certification authorities whose signatures are
# "trusted", e.g. the Vietnamese national root CA and the CAs under it the departments use.
# Empty: a signed report is still accepted when its signature is intact and covers the whole
# file, and the page says its certificate could not be checked against a trusted authority.
REPORT_SIGNATURE_TRUST_ROOTS = [
    path for path in os.environ.get("REPORT_SIGNATURE_TRUST_ROOTS", "").split(":") if path
]
# Optional: the department's own certificate and key (a PKCS#12 .p12/.pfx file, its passphrase
# in the environment) with which the server signs an issued report on a clerk's request. One
# department's certificate: for a deployment that serves one province; unset, the portal only
# takes copies signed outside it.
REPORT_SIGNING_PKCS12 = os.environ.get("REPORT_SIGNING_PKCS12", "")
REPORT_SIGNING_PKCS12_PASSPHRASE = os.environ.get("REPORT_SIGNING_PKCS12_PASSPHRASE", "")

# E-mail (deadline reminders): SMTP when EMAIL_HOST is set, otherwise written to the console.
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") != "0"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Cổng kế hoạch CNTT <khong-tra-loi@localhost>"
)
# The portal's address as users reach it, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The licence of the open-data package (manage.py export_open_data, "Dữ liệu mở (CSV)" on a
# plan's page), by its SPDX id. CC-BY-4.0 by default: anyone may reuse the figures, commercially
# too, if they name the province as the source, which is what a public body asks of its data;
# it is the licence the large open-data portals recommend, and ministries' dashboards and other
# portals may combine it with their own data. CC0-1.0 would drop the attribution.
OPEN_DATA_LICENSE = os.environ.get("OPEN_DATA_LICENSE", "CC-BY-4.0")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Sessions end after SESSION_IDLE_MINUTES without a request (30 by default) and with the
# browser; itplan.sessions.IdleTimeoutMiddleware moves the expiry forward as the user works.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Password reset links last one hour (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 60 * 60

# What the browser may load and do: only the portal's own files, no inline script, no framing,
# forms post only here (django-csp 4). Stylesheets come from the portal's files too; style=""
# attributes stay allowed (the report's column widths, the dashboard's bars): they run no code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features the portal never uses are off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "fullscreen",
    )
}
SECURE_REFERRER_POLICY = "same-origin"

# Repeated failed logins are throttled (django-axes): after 5 failures for one username from one
# address, that pair waits 15 minutes; a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind reverse proxies every request comes from the last proxy's address: set
# AXES_IPWARE_PROXY_COUNT to the number of proxies in front of gunicorn (1 for one nginx), and
# the client's address is read from X-Forwarded-For that many entries from the right
# (itplan.proxy). Unset (gunicorn reached directly), X-Forwarded-For is ignored: it is spoofable.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "itplan.proxy.client_ip"

# The read API (itplan.api): personal tokens or the session, read-only, JSON. Requests per
# user (all of a user's tokens together) and per address for the unauthenticated, in DRF's
# "number/period" form (period: second, minute, hour or day).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "itplan.api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["itplan.api.auth.HasPortalRole"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "itplan.api.pagination.Cursor",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_RATE_USER", "600/hour"),
        "anon": os.environ.get("API_RATE_ANON", "60/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "itplan.api.errors.handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API đọc dữ liệu — Cổng theo dõi kế hoạch ứng dụng CNTT",
    "DESCRIPTION": (
        "API chỉ đọc của cổng theo dõi kế hoạch ứng dụng CNTT của các tỉnh. Xác thực bằng khóa "
        "cá nhân (`Authorization: Bearer itp_…`, tạo tại /tai-khoan/khoa-api/) hoặc phiên đăng "
        "nhập của cổng. Số tiền tính bằng đồng; mỗi người dùng chỉ đọc được dữ liệu mình được "
        "xem trên cổng. (Read-only API of the provincial IT-plan portal: a personal token or "
        "the portal session; amounts in đồng; each user reads what the portal shows them.)"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each layout step of every PDF at INFO; its warnings still show
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pyHanko warns, with a traceback, of every certificate it cannot chain to a trusted
        # root and every change after signing: the signed report's verdict says both
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}
