from django.conf import settings


def site(request):
    """The site's absolute address, from settings: never from the request's Host header, which
    may be one outside ALLOWED_HOSTS (get_host() would raise while the 400 page renders)."""
    return {"site_url": settings.SITE_URL}
