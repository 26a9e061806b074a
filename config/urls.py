from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView

admin.site.site_header = _("Atlas de la coopération décentralisée — administration")
admin.site.site_title = _("Atlas de la coopération décentralisée")
admin.site.index_title = _("Contenus de l'atlas")

# A database that does not answer gives a 503 page rather than a 500 (core/views.py).
handler500 = "core.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # Without a CSRF token, so that the switcher can sit in pages cached for every visitor: the
    # worst a forged request can do is change someone's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The article editor's labels (django-prose-editor's French catalogue), as a static-like script.
    path(
        "admin/editeur/jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_prose_editor"]),
        name="editor-jsi18n",
    ),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("lettre/", include("newsletter.urls")),
    path("", include("cooperation.urls")),
]

# Uploaded images, served by Django in development only (DEBUG); in production by the web server
# or the storage backend (README « Images »).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
