"""The editor's dashboard, the admin's home page: what needs attention, block by block.

Each block lists at most `ROWS` rows, says how many there are in all and links to the admin list
of all of them (filtered when a filter says the same). Every block costs a fixed number of
queries, whatever the number of rows.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.models import Article, partnerships_without_articles
from cooperation.models import Agreement, Delegation, Partnership
from newsletter.models import Delivery, Edition, Subscriber

ROWS = 10


@dataclass
class Row:
    label: str
    url: str
    detail: str = ""


@dataclass
class Block:
    title: str
    rows: list
    total: int
    all_url: str
    empty: str


def admin_list(model, **filters):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def change_url(row):
    return reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])


def block(title, queryset, all_url, empty, detail):
    rows = [Row(str(row), change_url(row), detail(row)) for row in queryset[:ROWS]]
    return Block(title, rows, queryset.count(), all_url, empty)


def day(value):
    return date_format(value, "j F Y") if value else ""


def drafts():
    """What is written but not out: drafts, and what is scheduled for later.

    Articles only, until every public model has publication states; one block per model and state.
    """
    today = timezone.localdate()
    published = Article.Status.PUBLISHED
    articles = Article.objects.only("pk", "title", "updated_at", "published_on")
    return [
        block(
            _("Articles en brouillon"),
            articles.filter(status=Article.Status.DRAFT).order_by("-updated_at", "-pk"),
            admin_list(Article, status__exact=Article.Status.DRAFT),
            _("Aucun brouillon."),
            lambda article: _("modifié le %(day)s") % {"day": day(timezone.localdate(article.updated_at))},
        ),
        block(
            _("Articles programmés"),
            articles.filter(status=published, published_on__gt=today).order_by("published_on", "pk"),
            admin_list(Article, status__exact=published, published_on__gt=today.isoformat()),
            _("Aucun article programmé."),
            lambda article: _("paraît le %(day)s") % {"day": day(article.published_on)},
        ),
    ]


def agreements():
    """Agreements that end soon with no renewal yet, and those that ended with none (the links
    use the filter of cooperation/admin.py that says the same)."""
    # Only what the rows show: a partnership row is wide (its search texts).
    agreements = Agreement.objects.select_related("partnership").only(
        "title", "valid_until", "partnership__name"
    )
    return [
        block(
            _("Accords qui expirent dans les 6 mois"),
            agreements.expiring(months=6),
            admin_list(Agreement, echeance="bientot"),
            _("Aucun accord n'expire dans les 6 mois sans être renouvelé."),
            lambda agreement: (
                _("%(partnership)s — expire le %(day)s")
                % {"partnership": agreement.partnership, "day": day(agreement.valid_until)}
            ),
        ),
        block(
            _("Accords expirés sans renouvellement"),
            agreements.lapsed(),
            admin_list(Agreement, echeance="expire"),
            _("Aucun accord expiré sans renouvellement."),
            lambda agreement: (
                _("%(partnership)s — a expiré le %(day)s")
                % {"partnership": agreement.partnership, "day": day(agreement.valid_until)}
            ),
        ),
    ]


def visits():
    return [
        block(
            _("Dernières visites"),
            Delegation.objects.select_related("sending_body", "host_body")
            .only("title", "start_on", "end_on", "sending_body__name", "host_body__name")
            .order_by("-start_on", "-pk"),
            admin_list(Delegation),
            _("Aucune délégation."),
            lambda delegation: f"{delegation.dates} — {delegation.sending_body} → {delegation.host_body}",
        )
    ]


def partnerships_without_news():
    return [
        block(
            _("Partenariats sans article"),
            partnerships_without_articles().only("pk", "name", "kind"),
            admin_list(Partnership, articles="sans"),
            _("Chaque partenariat a au moins un article."),
            lambda partnership: partnership.get_kind_display(),
        )
    ]


@dataclass
class Newsletter:
    subscribers: int
    subscribers_url: str
    edition: Edition | None
    edition_url: str
    editions_url: str
    failures: int
    failures_url: str
    edition_failures_url: str = field(default="")


def newsletter():
    edition = Edition.objects.with_progress().order_by("-created_at", "-pk").first()
    failed = Delivery.Status.FAILED
    return Newsletter(
        subscribers=Subscriber.objects.active().count(),
        subscribers_url=admin_list(Subscriber, status__exact=Subscriber.Status.ACTIVE),
        edition=edition,
        edition_url=change_url(edition) if edition else "",
        editions_url=admin_list(Edition),
        failures=Delivery.objects.filter(status=failed).count(),
        failures_url=admin_list(Delivery, status__exact=failed),
        edition_failures_url=admin_list(Delivery, status__exact=failed, edition__id__exact=edition.pk)
        if edition
        else "",
    )


def blocks(user):
    """The dashboard's blocks, as far as `user` may see what they list."""
    found = []
    if user.has_perm("articles.view_article"):
        found += drafts()
    if user.has_perm("cooperation.view_agreement"):
        found += agreements()
    if user.has_perm("cooperation.view_delegation"):
        found += visits()
    if user.has_perm("cooperation.view_partnership"):
        found += partnerships_without_news()
    return found


def newsletter_for(user):
    return newsletter() if user.has_perm("newsletter.view_edition") else None
