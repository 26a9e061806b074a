from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


@cache
def admin_prefix():
    return reverse("admin:index")


def language_of(request):
    """The language of a request: the URL's prefix (/en/…), else French at the root; only the admin,
    which has no English address, follows the staff member's cookie or browser as it always did."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path
    if negotiated(request):
        return translation.get_language_from_request(request)
    return settings.LANGUAGE_CODE


def negotiated(request):
    return request.path_info.startswith(admin_prefix())


class UrlLanguageMiddleware:
    """Activate the language of the URL (`language_of`): no cookie or Accept-Language on pages.

    Django's LocaleMiddleware does the same for `i18n_patterns(prefix_default_language=False)`,
    but adds `Vary: Accept-Language` to every French page, which would make shared caches keep one
    copy per browser language of a page that never changes with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(language_of(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if negotiated(request):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
