from django.db.models import F, Prefetch
from django.http import HttpResponse
from django.urls import reverse
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
