"""Structure every page shares: one <h1>, a working skip link, labelled selects, a language switcher."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from tests.public_urls import public_pages

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1_count = 0
        self.ids = set()
        self.labels_for = set()
        self.skip_link = None
        self.selects = []
        self.search_forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if tag == "a" and "skip-link" in (attrs.get("class") or "") and self.skip_link is None:
            self.skip_link = attrs["href"]
        if tag == "select":
            self.selects.append(attrs)
        if tag == "form" and attrs.get("role") == "search":
            self.search_forms.append(attrs)


def outline(client, url):
    response = client.get(url)
    # A list whose filter was refused is still a whole page, with a 400 (core.views.RefusedParametersMixin).
    assert response.status_code == (400 if url.endswith(REFUSED_FILTER) else 200), url
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


REFUSED_FILTER = "?theme=inconnue"


def owned_pages():
    return [*public_pages(), reverse("articles:article-list") + REFUSED_FILTER]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_has_exactly_one_h1(client, seed, language):
    with override(language):
        urls = owned_pages()
    for url in urls:
        assert outline(client, url).h1_count == 1, url


def test_skip_link_target_exists(client, seed):
    for url in owned_pages():
        page = outline(client, url)
        assert page.skip_link and page.skip_link.startswith("#")
        assert page.skip_link[1:] in page.ids, url


def test_every_select_has_a_label(client, seed):
    for url in owned_pages():
        page = outline(client, url)
        for select in page.selects:
            assert select.get("id") in page.labels_for, (url, select)


def test_shared_pages_hold_no_csrf_token_and_the_footer_form_works_without_one(client, seed):
    html = client.get(reverse("home")).content.decode()
    # Pages are shared by every visitor (core/pagecache.py): no per-visitor token in them, and
    # the footer's sign-up form works without one.
    assert 'name="csrfmiddlewaretoken"' not in html
    assert "csrftoken" not in client.get(reverse("home")).cookies
    strict = Client(enforce_csrf_checks=True)
    signed_up = strict.post(
        reverse("newsletter:subscribe"), {"email": "lecteur@example.org", "language": "fr", "consent": "on"}
    )
    assert signed_up.status_code == 302


def test_search_box_is_labelled_and_goes_to_search(client, seed):
    page = outline(client, reverse("home"))
    assert page.search_forms
    for form in page.search_forms:
        assert form["action"] == reverse("cooperation:search")
        assert form["method"] == "get"
    assert "site-search-q" in page.labels_for
