from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .sitemaps import SITEMAPS
from .views import HomeView, RobotsView

admin.site.site_header = _("Atlas de la coopération décentralisée — administration")
admin.site.site_title = _("Atlas de la coopération décentralisée")
admin.site.index_title = _("Contenus de l'atlas")

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
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("lettre/", include("newsletter.urls")),
    path("", include("cooperation.urls")),
]
