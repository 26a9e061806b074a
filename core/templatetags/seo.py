"""`{% page_seo as seo %}`: what search engines are told about the page being rendered.

- `seo.canonical`: the page's absolute address in its language, without filters, sort or search
  words. A page of results beyond the first keeps its `?page=N`: each page lists other rows, and
  search engines are told to treat pages of a series as pages of their own (pointing them all to
  page 1 would say their rows are on page 1).
- `seo.alternates`: the same page in every language (`hreflang`), then `x-default` (French).
- `seo.robots`: `noindex, follow` for search results (`noindex` on the view) and for any query
  string other than `?page=N` (filters and sorts make endless combinations of the same rows);
  the view's `robots` when it has one (personal pages, previews); else nothing (indexable).

Absolute addresses come from SITE_URL, never from the request's Host header.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from core.sanitize import plain_text

register = template.Library()

PAGE_PARAMETER = "page"
NOINDEX = "noindex, follow"


@dataclass
class PageSeo:
    canonical: str = ""
    alternates: list = field(default_factory=list)
    robots: str = ""
    # The language switcher: the same page (query string kept) in each other language.
    switch: list = field(default_factory=list)


def page_number(context):
    """The number of the page of results shown, from the view's paginated list (`page_obj`, or the
    `partnerships` of a body, country or domain page)."""
    for name in ("page_obj", "partnerships"):
        page = context.get(name)
        if isinstance(page, Page):
            return page.number
    return 1


def robots(context, request):
    view = context.get("view")
    if context.get("preview_of"):
        return "noindex"
    if getattr(view, "robots", ""):
        return view.robots
    if set(request.GET) - {PAGE_PARAMETER}:
        return NOINDEX
    return ""


def switch_links(request):
    """The page in each other language, with its query string (same filters, same page of results);
    the other language's home page when the address matches no page."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        if request.resolver_match is None:
            with override(code):
                href = reverse("home")
        else:
            href = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": get_language_info(code)["name_local"], "href": href})
    return links


@register.simple_tag(takes_context=True)
def page_seo(context):
    request = context.get("request")
    if request is None:
        return PageSeo()
    if request.resolver_match is None:
        return PageSeo(switch=switch_links(request))
    number = page_number(context)
    suffix = f"?{PAGE_PARAMETER}={number}" if number > 1 else ""
    by_language = {
        code: f"{settings.SITE_URL}{translate_url(request.path, code)}{suffix}"
        for code, _name in settings.LANGUAGES
    }
    alternates = [{"hreflang": code, "href": href} for code, href in by_language.items()]
    alternates.append({"hreflang": "x-default", "href": by_language[settings.LANGUAGE_CODE]})
    return PageSeo(
        canonical=by_language.get(get_language(), f"{settings.SITE_URL}{request.path}{suffix}"),
        alternates=alternates,
        robots=robots(context, request),
        switch=switch_links(request),
    )


DESCRIPTION_LENGTH = 200


@register.filter
def meta_description(text):
    """A rich or plain text as a page's description: its words on one line, cut after a word within
    DESCRIPTION_LENGTH characters (« … » marks the cut)."""
    words = " ".join(plain_text(text or "").split())
    if len(words) <= DESCRIPTION_LENGTH:
        return words
    cut = words[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"
