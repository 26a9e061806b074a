import csv
import smtplib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Article
from core.exports import csv_cell
from core.security import extend_policy

from . import services
from .emails import EditionMailer
from .models import Delivery, Edition, ErasureRecord, Subscriber

ALREADY_SENT = _("Cette édition a déjà été envoyée : elle ne peut l'être à nouveau.")


# The proof of consent: shown to staff, never edited by them.
CONSENT_RECORD_FIELDS = [
    "consent_at",
    "consent_page",
    "consent_version",
    "confirmed_at",
    "unsubscribed_at",
    "notice_sent_at",
    "created_at",
    "updated_at",
]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "status",
        "language",
        "interests",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    list_filter = ["status", "language", "domains", "countries"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    filter_horizontal = ["domains", "countries", "partnerships"]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["email", "status", "language"]}),
        (_("Centres d'intérêt"), {"fields": ["domains", "countries", "partnerships"]}),
        (
            _("Consentement"),
            {"fields": CONSENT_RECORD_FIELDS},
        ),
    ]
    readonly_fields = ["email", "status", *CONSENT_RECORD_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("domains", "countries", "partnerships")

    def has_add_permission(self, request):
        return False  # a subscriber must give consent themselves

    @admin.display(description=_("centres d'intérêt"))
    def interests(self, obj):
        kinds = ("domains", "countries", "partnerships")
        names = [str(item) for kind in kinds for item in getattr(obj, kind).all()]
        return ", ".join(names) or gettext("tout")

    @admin.action(description=_("Exporter en CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="abonnes-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "adresse",
                "statut",
                "langue",
                "inscrit le",
                "consentement le",
                "page du consentement",
                "version du consentement",
                "confirmé le",
                "désinscrit le",
                "domaines",
                "pays",
                "partenariats",
            ]
        )
        for subscriber in queryset.prefetch_related("domains", "countries", "partnerships"):
            writer.writerow(
                csv_cell(value)
                for value in [
                    subscriber.email,
                    subscriber.status,
                    subscriber.language,
                    subscriber.created_at and subscriber.created_at.isoformat(),
                    subscriber.consent_at and subscriber.consent_at.isoformat(),
                    subscriber.consent_page,
                    subscriber.consent_version,
                    subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
                    subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
                    "; ".join(d.name for d in subscriber.domains.all()),
                    "; ".join(c.name_fr for c in subscriber.countries.all()),
                    "; ".join(p.name for p in subscriber.partnerships.all()),
                ]
            )
        return response

    def delete_model(self, request, obj):
        services.erase(obj)

    def delete_queryset(self, request, queryset):
        for subscriber in queryset:
            services.erase(subscriber)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "sent_at", "completed_at", "sent", "pending", "failed"]
    list_filter = ["status"]
    search_fields = ["subject", "introduction"]
    date_hierarchy = "created_at"
    filter_horizontal = ["articles"]
    fields = [
        "subject",
        "subject_en",
        "introduction",
        "introduction_en",
        "articles",
        "status",
        "sent_at",
        "sent_by",
        "completed_at",
    ]
    readonly_fields = ["status", "sent_at", "sent_by", "completed_at"]
    change_form_template = "admin/newsletter/edition/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    @admin.display(description=_("envoyés"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("en attente"), ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description=_("échecs"), ordering="failed_count")
    def failed(self, obj):
        return obj.failed_count

    def get_readonly_fields(self, request, obj=None):
        if obj and not obj.is_draft:
            return self.fields  # a sent edition is part of the record: nothing changes any more
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj and obj.status == Edition.Status.SENDING:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "articles":
            kwargs["queryset"] = Article.objects.published()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("articles", list(Edition.default_articles().values_list("pk", flat=True)))
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:object_id>/apercu/", view(self.preview_view), name="newsletter_edition_preview"),
            path("<int:object_id>/test/", view(self.test_view), name="newsletter_edition_test"),
            path("<int:object_id>/envoyer/", view(self.send_view), name="newsletter_edition_send"),
            path(
                "<int:object_id>/progression/", view(self.progress_view), name="newsletter_edition_progress"
            ),
        ] + super().get_urls()

    def get_edition(self, request, object_id, *, change=False):
        edition = get_object_or_404(Edition, pk=object_id)
        check = self.has_change_permission if change else self.has_view_permission
        if not check(request, edition):
            raise PermissionDenied
        return edition

    def page(self, request, edition, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/newsletter/edition/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": edition,
                "edition": edition,
                "title": title,
                **context,
            },
        )

    def preview_view(self, request, object_id):
        edition = self.get_edition(request, object_id)
        language = request.GET.get("langue") if request.GET.get("langue") in ("fr", "en") else "fr"
        mailer = EditionMailer(edition)
        message = mailer.message(
            to=request.user.email or "apercu@example.org",
            language=language,
            articles=mailer.articles,
            test=True,
        )
        response = self.page(
            request,
            edition,
            "preview.html",
            gettext("Aperçu : %(subject)s") % {"subject": edition.subject},
            language=language,
            subject=message.subject,
            text=message.body,
            html=message.alternatives[0].content,
        )
        # The e-mail's HTML is styled by style attributes (mail clients ignore style sheets), and
        # its sandboxed srcdoc frame inherits this page's policy: style attributes are allowed
        # here, scripts still are not.
        return extend_policy(response, style_src_attr=["'unsafe-inline'"])

    def test_view(self, request, object_id):
        return require_POST(self._test_view)(request, object_id)

    def _test_view(self, request, object_id):
        edition = self.get_edition(request, object_id)
        change_url = reverse("admin:newsletter_edition_change", args=[edition.pk])
        if not request.user.email:
            messages.error(request, gettext("Votre compte n'a pas d'adresse électronique : ajoutez-en une."))
            return redirect(change_url)
        language = request.POST.get("langue") if request.POST.get("langue") in ("fr", "en") else "fr"
        try:
            services.send_test(edition, request.user.email, language)
        except (smtplib.SMTPException, OSError) as exc:
            messages.error(request, gettext("L'envoi du test a échoué : %(error)s") % {"error": exc})
        else:
            messages.success(request, gettext("Test envoyé à %(email)s.") % {"email": request.user.email})
        return redirect(change_url)

    def send_view(self, request, object_id):
        edition = self.get_edition(request, object_id, change=True)
        progress_url = reverse("admin:newsletter_edition_progress", args=[edition.pk])
        if not edition.is_draft:
            messages.error(request, ALREADY_SENT)
            return redirect(progress_url)
        if request.method == "POST":
            try:
                count = services.request_send(edition, request.user)
            except services.EditionNotDraft:
                messages.error(request, ALREADY_SENT)
            else:
                messages.success(request, gettext("Envoi lancé à %(count)d abonnés.") % {"count": count})
            return redirect(progress_url)
        return self.page(
            request,
            edition,
            "send_confirmation.html",
            gettext("Envoyer « %(subject)s » ?") % {"subject": edition.subject},
            subscriber_count=Subscriber.objects.active().count(),
            article_count=edition.articles.count(),
        )

    def progress_view(self, request, object_id):
        edition = self.get_edition(request, object_id)
        failures = edition.deliveries.exclude(last_error="").select_related("subscriber").order_by("-pk")[:20]
        return self.page(
            request,
            edition,
            "progress.html",
            gettext("Progression : %(subject)s") % {"subject": edition.subject},
            progress=edition.progress(),
            failures=failures,
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["edition", "subscriber", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["status", "edition"]
    list_select_related = ["edition", "subscriber"]
    search_fields = ["subscriber__email", "=message_id"]  # a bounce quotes the Message-ID
    readonly_fields = [field.name for field in Delivery._meta.fields if field.editable]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    list_display = ["email_hash", "consent_at", "consent_version", "withdrawn_at", "erased_at"]
    search_fields = ["email_hash"]
    search_help_text = _("Saisissez l'adresse complète : elle est comparée à l'empreinte conservée.")

    def get_search_results(self, request, queryset, search_term):
        if "@" in search_term:
            return queryset.filter(email_hash=ErasureRecord.hash_email(search_term)), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
