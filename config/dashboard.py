"""The editor's dashboard, the admin's home page: what needs attention, block by block.

Each block lists at most `ROWS` rows, says how many there are in all and links to the admin list
of all of them (filtered when a filter says the same). Every block costs a fixed number of
queries, whatever the number of rows.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.models import Article, partnerships_without_articles
from cooperation.models import Agreement, Delegation, Partnership
from core.models import publishable_models
from core.publication_admin import PublicationStateFilter
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
    optional: bool = False  # left out of the page when empty


def admin_list(model, **filters):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def change_url(row):
    return reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])


def block(title, queryset, all_url, empty, detail, optional=False):
    rows = [Row(str(row), change_url(row), detail(row)) for row in queryset[:ROWS]]
    return Block(title, rows, queryset.count(), all_url, empty, optional)


def day(value):
    return date_format(value, "j F Y") if value else ""


def drafts(user):
    """What is written but not online yet, per model: drafts and rows scheduled for later, the
    next to go online first. Articles always have their block; the other models only when they
    have such rows."""
    found = []
    for model in [Article, *(m for m in publishable_models() if m is not Article)]:
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        pending = model.objects.pending().order_by(F("publish_at").asc(nulls_last=True), "-pk")
        title = _("À paraître : %(models)s") % {"models": model._meta.verbose_name_plural}
        found.append(
            block(
                title,
                pending,
                admin_list(model, publication_state=PublicationStateFilter.PENDING),
                _("Rien en attente."),
                lambda row: row.publication_state,
                optional=model is not Article,
            )
        )
    return found


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
    found = drafts(user)
    if user.has_perm("cooperation.view_agreement"):
        found += agreements()
    if user.has_perm("cooperation.view_delegation"):
        found += visits()
    if user.has_perm("cooperation.view_partnership"):
        found += partnerships_without_news()
    return [found_block for found_block in found if found_block.total or not found_block.optional]


def newsletter_for(user):
    return newsletter() if user.has_perm("newsletter.view_edition") else None
