from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView, WebManifestView, favicon

admin.site.site_header = _("Atlas de la coopération décentralisée — administration")
admin.site.site_title = _("Atlas de la coopération décentralisée")
admin.site.index_title = _("Contenus de l'atlas")

# A database that does not answer gives a 503 page rather than a 500 (core/views.py).
handler500 = "core.views.server_error"

# Outside the language prefix: what is not a page (robots, sitemap, the admin in French).
urlpatterns = [
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # The language switcher is a link to the other language's address (templates/includes/
    # language_switch.html); this endpoint only remains so that a page still holding the old form
    # sends the visitor to the same page in the chosen language. Without a CSRF token, as it was.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The article editor's labels (django-prose-editor's French catalogue), as a static-like script.
    path(
        "admin/editeur/jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_prose_editor"]),
        name="editor-jsi18n",
    ),
    path("admin/", admin.site.urls),
]

# Every public page, feed and data file: French at the root, English under /en/ (README « Languages »).
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("site.webmanifest", WebManifestView.as_view(), name="webmanifest"),
    path("", include("articles.urls")),
    path("lettre/", include("newsletter.urls")),
    path("", include("cooperation.urls")),
    prefix_default_language=False,
)

# Uploaded images, served by Django in development only (DEBUG); in production by the web server
# or the storage backend (README « Images »).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
