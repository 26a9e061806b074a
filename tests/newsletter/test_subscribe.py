import datetime
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter import services, tasks
from newsletter.models import CONSENT_VERSION, Subscriber
from tests.factories import make_body, make_country, make_domain, make_partnership, make_subscriber

pytestmark = pytest.mark.django_db

URL = "/lettre/inscription/"


def sign_up(client, capture, email="lea@example.org", ip="192.0.2.1", **extra):
    data = {"email": email, "language": "fr", "consent": "on", "source": "/actualites/"} | extra
    with capture(execute=True):
        return client.post(URL, data, REMOTE_ADDR=ip)


def confirm_link(message):
    return re.search(
        r"https://atlas\.example\.org((?:/en)?/lettre/confirmation/[^/\s]+/)", message.body
    ).group(1)


def test_url_names():
    assert reverse("newsletter:subscribe") == URL
    assert reverse("newsletter:archive") == "/lettre/archives/"


def test_signup_page_shows_form_with_interests_and_consent_wording(client):
    domain = make_domain("Patrimoine")
    make_partnership(name="Hué – Namur", with_parties=False)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="email"' in html and 'autocomplete="email"' in html
    assert f'value="{domain.pk}"' in html and "Hué – Namur" in html
    assert "Je peux me désinscrire à tout moment" in html
    assert 'name="website"' in html  # honeypot, in a hidden container
    assert '<label for="id_consent">' in html


def test_follow_partnership_preselects_it(client):
    partnership = make_partnership(name="Hué – Namur", slug="hue-namur", with_parties=False)
    response = client.get(URL, {"partenariat": "hue-namur"})
    assert response.status_code == 200
    assert re.search(rf'value="{partnership.pk}"[^>]*checked', response.content.decode())
    assert "présélectionné" in response.content.decode()


@pytest.mark.parametrize("value", ["inconnu", "a\x00b", "x" * 5000, "<script>"])
def test_follow_partnership_with_bad_slug_is_ignored(client, value):
    response = client.get(URL, {"partenariat": value})
    assert response.status_code == 200
    assert "présélectionné" not in response.content.decode()


def test_follow_partnership_button_template():
    from django.template.loader import render_to_string

    partnership = make_partnership(slug="hue-namur", with_parties=False)
    html = render_to_string("newsletter/includes/follow_partnership.html", {"partnership": partnership})
    assert 'action="/lettre/inscription/"' in html and 'method="get"' in html
    assert 'value="hue-namur"' in html and "Suivre ce partenariat" in html


def test_signup_creates_pending_subscriber_and_sends_confirmation(client, django_capture_on_commit_callbacks):
    domain = make_domain()
    country = make_country()
    partnership = make_partnership(make_body(country=country))  # only countries with actors are offered
    response = sign_up(
        client,
        django_capture_on_commit_callbacks,
        email="  Lea.Dupont@EXAMPLE.Org ",
        language="en",
        domains=[domain.pk],
        countries=[country.pk],
        partnerships=[partnership.pk],
    )
    assert response.status_code == 302
    assert response["Location"] == "/lettre/inscription/merci/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Lea.Dupont@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "en"
    assert list(subscriber.domains.all()) == [domain]
    assert list(subscriber.countries.all()) == [country]
    assert list(subscriber.partnerships.all()) == [partnership]
    assert subscriber.consent_page == "/actualites/"
    assert subscriber.consent_version == CONSENT_VERSION
    assert subscriber.consent_at is not None and subscriber.confirmed_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Lea.Dupont@example.org"]
    assert message.reply_to == ["contact@atlas.example.org"]
    assert message.from_email == "Atlas <lettre@atlas.example.org>"
    assert confirm_link(message).startswith("/en/lettre/confirmation/")  # the subscriber's language
    assert confirm_link(message) in message.alternatives[0].content


def test_same_answer_whatever_the_state_of_the_address(client, django_capture_on_commit_callbacks):
    make_subscriber("active@example.org")
    make_subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    make_subscriber("gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    answers = set()
    for email in ["new@example.org", "active@example.org", "pending@example.org", "gone@example.org"]:
        response = sign_up(client, django_capture_on_commit_callbacks, email=email)
        answers.add((response.status_code, response["Location"]))
    assert answers == {(302, "/lettre/inscription/merci/")}
    done = client.get("/lettre/inscription/merci/")
    assert done.status_code == 200 and "Vérifiez votre boîte" in done.content.decode()


def statement_shapes(queries):
    """The SQL run, with every literal (address, date, id) taken out."""
    shapes = []
    for query in queries:
        sql = re.sub(r"'(?:[^']|'')*'", "?", query["sql"])
        shapes.append(re.sub(r"\b\d+(\.\d+)?\b", "?", sql))
    return shapes


def test_the_answer_does_the_same_work_whatever_the_state_of_the_address(client, settings):
    """No timing oracle: the request only queues the sign-up, the address is looked up in the task."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_subscriber("active@example.org")
    make_subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    make_subscriber("gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    domain = make_domain()
    work = set()
    for email in ["new@example.org", "active@example.org", "pending@example.org", "gone@example.org"]:
        data = {"email": email, "language": "fr", "consent": "on", "domains": [domain.pk]}
        with CaptureQueriesContext(connection) as queries:
            assert client.post(URL, data).status_code == 302
        work.add(tuple(statement_shapes(queries)))
    [same] = work
    assert not any("newsletter_subscriber" in statement for statement in same)
    queued = DBTaskResult.objects.order_by("enqueued_at")
    assert [result.task_path for result in queued] == ["newsletter.tasks.subscribe"] * 4
    assert Subscriber.objects.count() == 3  # nothing recorded yet: the worker does it


def test_the_sign_up_task_records_it_and_forgets_the_address(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    domain = make_domain()
    services.request_subscription(
        email="Lea@Example.org", language="en", domains=[domain], source_page="/actualites/"
    )
    [queued] = DBTaskResult.objects.all()
    signed_up_at = datetime.datetime.fromisoformat(queued.args_kwargs["kwargs"]["consent_at"])
    context = SimpleNamespace(task_result=SimpleNamespace(id=queued.pk))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.subscribe.call(context, **queued.args_kwargs["kwargs"])
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.status) == ("Lea@example.org", "en", "pending")
    assert list(subscriber.domains.all()) == [domain]
    assert subscriber.consent_at == signed_up_at and subscriber.consent_page == "/actualites/"
    queued.refresh_from_db()
    assert "Lea" not in str(queued.args_kwargs)  # the queue keeps no address
    assert DBTaskResult.objects.filter(task_path="newsletter.tasks.send_notice").count() == 1


def test_active_subscriber_is_not_changed_by_a_new_signup(client, django_capture_on_commit_callbacks):
    domain = make_domain()
    subscriber = make_subscriber("active@example.org", language="fr")
    sign_up(
        client,
        django_capture_on_commit_callbacks,
        email="ACTIVE@example.org",
        language="en",
        domains=[domain.pk],
    )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.language == "fr"
    assert not subscriber.domains.exists()
    assert Subscriber.objects.count() == 1
    # The owner is told, with the link to their preferences; at most once an hour.
    assert len(mail.outbox) == 1
    assert subscriber.token in mail.outbox[0].body
    sign_up(client, django_capture_on_commit_callbacks, email="active@example.org")
    assert len(mail.outbox) == 1


def test_pending_address_gets_at_most_one_confirmation_per_hour(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    sign_up(client, django_capture_on_commit_callbacks)
    sign_up(client, django_capture_on_commit_callbacks, email="LEA@example.org")
    assert len(mail.outbox) == 1
    Subscriber.objects.update(notice_sent_at=timezone.now() - datetime.timedelta(minutes=61))
    sign_up(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    # Both links confirm the same pending sign-up.
    assert confirm_link(mail.outbox[0]).split(":")[0] == confirm_link(mail.outbox[1]).split(":")[0]


def test_honeypot_stores_nothing_and_answers_the_same(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/lettre/inscription/merci/"
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_ip_answers_429_and_keeps_the_input(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_SIGNUP_RATE = (3, 3600)
    for n in range(3):
        assert (
            sign_up(client, django_capture_on_commit_callbacks, email=f"a{n}@example.org").status_code == 302
        )
    response = sign_up(client, django_capture_on_commit_callbacks, email="typed@example.org")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Trop d'inscriptions" in html
    assert 'value="typed@example.org"' in html
    assert not Subscriber.objects.filter(email="typed@example.org").exists()
    # Another address is not limited.
    other = client.post(
        URL, {"email": "b@example.org", "consent": "on", "language": "fr"}, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    "email",
    ["pas-une-adresse", "lea@", "a\x00b@example.org", "x" * 5000 + "@example.org", "", "a" * 5000],
)
def test_bad_address_is_a_form_error(client, email):
    response = client.post(URL, {"email": email, "language": "fr", "consent": "on"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"domains": ["a\x00"]},
        {"domains": ["999999"]},
        {"countries": ["x" * 5000]},
        {"partnerships": ["abc"]},
        {"language": "de"},
        {"language": "f\x00"},
        {"source": "\x00" * 10},
        {"website": "\x00"},
    ],
)
def test_bad_values_never_crash(client, extra):
    data = {"email": "lea@example.org", "language": "fr", "consent": "on"} | extra
    response = client.post(URL, data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert 'value="lea@example.org"' in response.content.decode()


def test_missing_consent_keeps_what_was_typed(client):
    domain = make_domain()
    response = client.post(URL, {"email": "lea@example.org", "language": "en", "domains": [domain.pk]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cochez la case" in html
    assert 'value="lea@example.org"' in html
    assert re.search(rf'value="{domain.pk}"[^>]*checked', html)
    assert re.search(r'value="en"[^>]*checked', html)


def test_footer_form_is_on_every_page_without_queries(client, django_assert_num_queries):
    response = client.get("/lettre/archives/")
    html = response.content.decode()
    assert 'id="nl-footer-email"' in html and '<label for="nl-footer-email">' in html
    assert 'name="consent"' in html and "Je peux me désinscrire" in html
    assert 'href="/lettre/inscription/"' in html
    assert 'name="source" value="/lettre/archives/"' in html
    # The footer adds no query: the same page without it costs the same.
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        render_to_string("includes/newsletter_slot.html", request=request)


def test_footer_post_with_error_shows_the_full_page(client):
    response = client.post(
        URL, {"email": "pas-une-adresse", "language": "fr", "consent": "on", "source": "/"}
    )
    assert response.status_code == 400
    assert 'value="pas-une-adresse"' in response.content.decode()
    assert "Domaines de coopération" in response.content.decode()


def test_rate_limit_behind_a_trusted_proxy_counts_the_address_it_forwards(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE = (1, 3600)
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    data = {"email": "a@example.org", "language": "fr", "consent": "on"}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert client.post(URL, data, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1", **proxy).status_code == 302
    assert client.post(URL, data, HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy).status_code == 302
    assert client.post(URL, data, HTTP_X_FORWARDED_FOR="7.7.7.7, 192.0.2.1", **proxy).status_code == 429


def test_rate_limit_ignores_forwarded_addresses_from_a_peer_that_is_not_a_trusted_proxy(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE = (1, 3600)
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    data = {"email": "a@example.org", "language": "fr", "consent": "on"}
    visitor = {"REMOTE_ADDR": "192.0.2.50"}
    assert client.post(URL, data, HTTP_X_FORWARDED_FOR="192.0.2.1", **visitor).status_code == 302
    # A new X-Forwarded-For each time does not give the same visitor a new allowance.
    assert client.post(URL, data, HTTP_X_FORWARDED_FOR="192.0.2.2", **visitor).status_code == 429


def test_rate_limit_reads_the_configured_header_from_a_trusted_proxy_only(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE = (1, 3600)
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.NEWSLETTER_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    data = {"email": "a@example.org", "language": "fr", "consent": "on"}
    assert client.post(URL, data, HTTP_X_REAL_IP="192.0.2.1", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(URL, data, HTTP_X_REAL_IP="192.0.2.2", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(URL, data, HTTP_X_REAL_IP="192.0.2.3", REMOTE_ADDR="192.0.2.9").status_code == 302
    assert client.post(URL, data, HTTP_X_REAL_IP="192.0.2.4", REMOTE_ADDR="192.0.2.9").status_code == 429


def test_languages_are_named_in_their_own_language(client):
    for url in (URL, "/en" + URL):
        content = client.get(url).content.decode()
        assert '<span lang="fr">Français</span>' in content, url
        assert '<span lang="en">English</span>' in content, url
        assert "Anglais" not in content and ">French<" not in content, url


def test_preferences_name_languages_in_their_own_language(client):
    subscriber = make_subscriber()
    content = client.get(reverse("newsletter:preferences", args=[subscriber.token])).content.decode()
    assert '<span lang="en">English</span>' in content and "Anglais" not in content


def test_a_refused_submission_says_error_first_and_lists_the_errors_focused(client):
    page = client.get(URL).content.decode()
    assert re.search(r"<title>\s*S'abonner à la lettre d'actualités ·", page)
    assert "autofocus" not in page
    response = client.post(URL, {"email": "pas-une-adresse", "language": "en", "source": "/"})
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r"<title>\s*Erreur : S'abonner à la lettre d'actualités\s*·", page)
    summary = re.search(
        r'<div class="form-errors" role="alert" tabindex="-1" autofocus>(.*?)</div>', page, re.S
    )
    assert summary, "the summary takes the focus, without a script"
    assert '<a href="#id_email">Adresse électronique</a>' in summary[1]
    assert '<a href="#id_consent">' in summary[1]
    # It comes first in the page's content, before the form.
    assert page.index("form-errors") < page.index('<form class="signup-form"')
    english = client.post("/en" + URL, {"email": "x", "language": "en"}).content.decode()
    assert re.search(r"<title>\s*Error: ", english)
