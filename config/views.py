from django.db.models import F, Prefetch
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.generic import TemplateView

from articles.models import Article
from cooperation.models import Agreement, Body, Country, Partnership


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        partnerships = (
            Partnership.objects.published()
            .prefetch_related(Prefetch("bodies", Body.objects.select_related("country")))
            .order_by(F("started_on").desc(nulls_last=True), "name")
        )
        agreements = (
            Agreement.objects.published()
            .select_related("partnership")
            .order_by(F("signed_on").desc(nulls_last=True), "-created_at")
        )
        return super().get_context_data(
            latest_articles=Article.objects.published().for_cards()[:3],
            recent_partnerships=partnerships[:4],
            recent_agreements=agreements[:4],
            partnership_count=Partnership.objects.published().count(),
            country_count=Country.objects.in_atlas().count(),
            agreements_in_force_count=Agreement.objects.published().in_force().count(),
            **kwargs,
        )


class RobotsView(View):
    def get(self, request):
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /i18n/",
            f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        ]
        return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The web app manifest's icons (static/brand/, drawn by `manage.py draw_brand_images`).
MANIFEST_ICONS = [
    ("brand/icon-192.png", "192x192", "any"),
    ("brand/icon-512.png", "512x512", "any"),
    ("brand/icon-maskable-512.png", "512x512", "maskable"),
]


class WebManifestView(View):
    """site.webmanifest, in the language of its address: what a phone shows for the site saved to
    its home screen. A view rather than a static file: the icons' addresses carry their hashed
    names, the name is translated, and the type is application/manifest+json."""

    def get(self, request):
        manifest = {
            "name": gettext("Atlas de la coopération décentralisée"),
            "short_name": gettext("Atlas"),
            "description": gettext(
                "Le registre public de la coopération décentralisée entre villes : partenariats, "
                "accords, délégations et actualités."
            ),
            "lang": get_language(),
            "start_url": reverse("home"),
            "scope": reverse("home"),
            "display": "browser",
            "background_color": "#ffffff",
            "theme_color": "#10294a",
            "icons": [
                {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for path, sizes, purpose in MANIFEST_ICONS
            ],
        }
        return JsonResponse(
            manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
        )


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for when a page names no icon."""
    return HttpResponsePermanentRedirect(static("brand/favicon-32.png"))
