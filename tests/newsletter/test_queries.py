"""Each public newsletter page costs the same number of queries whatever the amount of data."""

import pytest

from newsletter import confirmation
from newsletter.models import Edition, Subscriber
from tests.factories import (
    make_article,
    make_body,
    make_country,
    make_domain,
    make_edition,
    make_partnership,
    make_subscriber,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def add_data(n):
    articles = [make_article() for _ in range(n)]
    for _ in range(n):
        make_domain()
        make_partnership(make_body(country=make_country()))
    for _ in range(n):
        make_edition(*articles, status=Edition.Status.SENT)


def urls():
    edition = Edition.objects.archived().first()
    subscriber = Subscriber.objects.get(email="lea@example.org")
    pending = Subscriber.objects.get(email="pending@example.org")
    return [
        "/lettre/inscription/",
        "/lettre/inscription/merci/",
        "/lettre/archives/",
        f"/lettre/archives/{edition.pk}/",
        f"/lettre/preferences/{subscriber.token}/",
        f"/lettre/desinscription/{subscriber.token}/",
        f"/lettre/preferences/{subscriber.token}/supprimer/",
        f"/lettre/confirmation/{confirmation.make_value(pending)}/",
    ]


def test_query_counts_do_not_grow_with_data(client):
    add_data(1)
    domains = [make_domain()]
    make_subscriber("lea@example.org", domains=domains)
    make_subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    pages = urls()
    before = {url: count_queries(client, url) for url in pages}
    add_data(6)
    lea = Subscriber.objects.get(email="lea@example.org")
    lea.domains.set(list(lea.domains.all()) + [make_domain() for _ in range(5)])
    after = {url: count_queries(client, url) for url in pages}
    assert after == before
    assert max(before.values()) <= 8
