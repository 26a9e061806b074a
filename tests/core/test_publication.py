"""The publication states of a row, as its QuerySet and its admin and pages read them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import override

from cooperation.models import Body
from core.models import Publication, PublicationState
from tests.factories import make_body

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def bodies():
    now = timezone.now()
    return {
        "draft": make_body(publication=Publication.DRAFT),
        "scheduled": make_body(publish_at=now + HOUR),
        "published": make_body(),
        "published_at_a_past_time": make_body(publish_at=now - HOUR),
        "withdrawn": make_body(publication=Publication.WITHDRAWN),
    }


def test_states_and_querysets_agree(bodies):
    now = timezone.now()
    expected = {
        "draft": PublicationState.DRAFT,
        "scheduled": PublicationState.SCHEDULED,
        "published": PublicationState.PUBLISHED,
        "published_at_a_past_time": PublicationState.PUBLISHED,
        "withdrawn": PublicationState.WITHDRAWN,
    }
    for name, body in bodies.items():
        assert body.state == expected[name], name
        assert Body.objects.in_state(body.state).filter(pk=body.pk).exists(), name
    published = {bodies["published"], bodies["published_at_a_past_time"]}
    assert set(Body.objects.published()) == published
    assert set(Body.objects.unpublished()) == set(bodies.values()) - published
    assert Body.objects.next_go_live() == bodies["scheduled"].publish_at
    assert Body.objects.next_go_live(now + 2 * HOUR) is None
    assert set(Body.objects.published(now + 2 * HOUR)) == published | {bodies["scheduled"]}


def test_the_state_reads_in_french_and_english():
    body = make_body(publish_at=timezone.make_aware(datetime.datetime(2099, 12, 3, 14, 0)))
    assert body.publication_state == "programmé pour le 3 déc. 2099 à 14:00"
    with override("en"):
        assert str(body.publication_state) == "scheduled for 3 Dec. 2099 at 14:00"
        assert str(make_body(publication=Publication.WITHDRAWN).publication_state) == "withdrawn"


def test_a_link_only_to_a_published_page(bodies):
    template = Template('{% load publication %}{% linked body class="tag" %}{{ body.name }}{% endlinked %}')
    published, draft = bodies["published"], bodies["draft"]
    rendered = template.render(Context({"body": published}))
    assert rendered == f'<a href="{published.get_absolute_url()}" class="tag">{published.name}</a>'
    assert template.render(Context({"body": draft})) == draft.name
