"""Build the newsletter's e-mails from the subject/text/HTML triples under templates/emails/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cooperation.models import Body, Party

from . import conf, confirmation
from .models import Subscriber

TOKEN_PLACEHOLDER = "subscriber-token-placeholder"


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def confirmation_url(subscriber):
    return absolute(reverse("newsletter:confirm", args=[confirmation.make_value(subscriber)]))


def list_id():
    return conf.get("LIST_ID")


def render_parts(name, context, language):
    """Subject, text and HTML from emails/<name>_subject.txt, <name>.txt and <name>.html."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    return subject, text, html


def build_message(subject, text, html, *, to, headers=None):
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=[conf.get("REPLY_TO")],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def render_email(name, context, *, to, language, headers=None):
    return build_message(*render_parts(name, context, language), to=to, headers=headers)


# Every link in an e-mail is built in the subscriber's language: /en/… for English readers.


def confirmation_email(subscriber):
    with translation.override(subscriber.language):
        context = {"confirm_url": confirmation_url(subscriber), "site_url": settings.SITE_URL}
    return render_email("newsletter_confirm", context, to=subscriber.email, language=subscriber.language)


def already_subscribed_email(subscriber):
    with translation.override(subscriber.language):
        context = {"preferences_url": absolute(subscriber.get_absolute_url()), "site_url": settings.SITE_URL}
    return render_email(
        "newsletter_already_subscribed", context, to=subscriber.email, language=subscriber.language
    )


class EditionMailer:
    """Compose an edition for each subscriber: only the articles that match their interests."""

    def __init__(self, edition):
        self.edition = edition
        self.list_id = list_id()
        party_countries = Prefetch(
            "partnerships__parties",
            queryset=Party.objects.select_related("body"),
        )
        self.articles = list(
            # An article withdrawn since it was chosen is left out.
            edition.articles.published()
            .order_by("-published_on", "-pk")
            .prefetch_related(
                "domains",
                Prefetch("bodies", queryset=Body.objects.only("pk", "country_id")),
                "partnerships",
                party_countries,
            )
        )
        self.article_ids = {article.pk for article in self.articles}
        self.topics = {article.pk: self.topics_of(article) for article in self.articles}
        self.rendered = {}

    @staticmethod
    def topics_of(article):
        countries = {body.country_id for body in article.bodies.all()}
        for partnership in article.partnerships.all():
            countries.update(party.body.country_id for party in partnership.parties.all())
        countries.discard(None)
        return {
            "domains": {domain.pk for domain in article.domains.all()},
            "partnerships": {partnership.pk for partnership in article.partnerships.all()},
            "countries": countries,
        }

    def articles_for(self, interests):
        """`interests`: {"domains": set, "countries": set, "partnerships": set} of pks; empty = all."""
        if not any(interests.values()):
            return list(self.articles)
        return [
            article
            for article in self.articles
            if any(self.topics[article.pk][kind] & interests[kind] for kind in interests)
        ]

    def message(self, *, to, language, articles, token=None, test=False, message_id=None):
        # Rendered once per language and set of articles, with a placeholder where each
        # subscriber's token goes: a 10,000-subscriber edition renders a handful of templates.
        key = (language, tuple(article.pk for article in articles), bool(token), test)
        if key not in self.rendered:
            self.rendered[key] = self.render(
                language, articles, token=TOKEN_PLACEHOLDER if token else None, test=test
            )
        subject, text, html = self.rendered[key]
        headers = {"List-Id": self.list_id, "Precedence": "bulk"}
        if message_id:
            headers["Message-ID"] = message_id
        if token:
            text, html = text.replace(TOKEN_PLACEHOLDER, token), html.replace(TOKEN_PLACEHOLDER, token)
            with translation.override(language):
                unsubscribe_url = absolute(reverse("newsletter:unsubscribe", args=[token]))
            headers |= {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        return build_message(subject, text, html, to=to, headers=headers)

    def render(self, language, articles, *, token=None, test=False):
        with translation.override(language):
            return render_parts(
                "newsletter_edition", self.context(language, articles, token=token, test=test), language
            )

    def context(self, language, articles, *, token, test):
        """What the edition's templates show, with its links in the active language."""
        context = {
            "edition": self.edition,
            "subject": self.edition.subject_for(language),
            "introduction": self.edition.introduction_for(language),
            "articles": articles,
            "site_url": settings.SITE_URL,
            "web_url": absolute(self.edition.get_absolute_url()),
            "test": test,
        }
        if token:
            context |= {
                "preferences_url": absolute(reverse("newsletter:preferences", args=[token])),
                "unsubscribe_url": absolute(reverse("newsletter:unsubscribe", args=[token])),
            }
        return context

    def message_for(self, subscriber, interests, *, message_id=None):
        """The subscriber's copy, or None when nothing in this edition matches their interests."""
        articles = self.articles_for(interests)
        if not articles:
            return None
        return self.message(
            to=subscriber.email,
            language=subscriber.language,
            articles=articles,
            token=subscriber.token,
            message_id=message_id,
        )


def interests_of(subscriber_ids):
    """{subscriber pk: {"domains": {…}, "countries": {…}, "partnerships": {…}}} in three queries."""
    interests = {pk: {"domains": set(), "countries": set(), "partnerships": set()} for pk in subscriber_ids}
    columns = {"domains": "domain_id", "countries": "country_id", "partnerships": "partnership_id"}
    for kind, column in columns.items():
        through = getattr(Subscriber, kind).through
        rows = through.objects.filter(subscriber_id__in=subscriber_ids).values_list("subscriber_id", column)
        for subscriber_id, pk in rows:
            interests[subscriber_id][kind].add(pk)
    return interests
