"""Whole public pages cached for anonymous visitors, dropped at once by any content change.

A page is cached under a key holding the content version, the day, the language of the URL
(its /en/ prefix or none) and the URL.
Saving or deleting any content row (see `PAGE_CACHE_CONTENT`) bumps the version after the
transaction commits, so every cached page is left behind at once. Staff, and anyone with a
session or a pending message, always get a freshly rendered page, as do POSTs, errors and any
response that sets a cookie.

A scheduled row goes online without any save: beside the version, the cache holds the next
go-live time (the earliest `publish_at` to come, computed for that version). The request that
finds it past bumps the version, after sending `core.models.went_live` so that stored search data
catches up. Both keys are read in one cache round trip.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .indexing import IndexQueue
from .middleware import language_of
from .models import ContentVersion, publishable_models, went_live

VERSION_KEY = "pagecache:version"
# (the version it was computed for, the next go-live as a datetime or None)
GO_LIVE_KEY = "pagecache:next-go-live"
# Sent after the version changed, e.g. to rebuild what is cached under it before a visitor asks.
content_changed = Signal()


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = stored_version()
        cache.add(VERSION_KEY, version, None)
    return version


def stored_version():
    """The version kept in the database, or a new one the first time (one query, two at most)."""
    version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    if version is None:
        version = ContentVersion.objects.get_or_create(pk=1, defaults={"version": time.time_ns()})[0].version
    return version


def _new_version(changes=None):
    version = time.time_ns()
    ContentVersion.objects.bulk_create(
        [ContentVersion(pk=1, version=version)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["version"],
    )
    cache.set(VERSION_KEY, version, None)
    content_changed.send(sender=None)
    return version


# Once per transaction, after the commit. Derived data refreshed after the commit (the search
# columns, cooperation/indexing.py) bumps again when it is done, so the last version is current.
_changes = IndexQueue(_new_version)


def bump_version(**kwargs):
    _changes.add(True)


def next_go_live(now):
    times = [model._default_manager.next_go_live(now) for model in publishable_models()]
    return min((at for at in times if at is not None), default=None)


def current_version(now=None):
    """The content version, bumped first if a scheduled row has gone online since it was set.

    The next go-live is kept with the version it was computed for: one computed while a save
    committed is ignored (the save's new version differs) and computed again."""
    now = now or timezone.now()
    found = cache.get_many([VERSION_KEY, GO_LIVE_KEY])
    version = found.get(VERSION_KEY)
    if version is None:
        version = content_version()
    computed_for, at = found.get(GO_LIVE_KEY, (None, None))
    if computed_for != version:
        at = next_go_live(now)
        cache.set(GO_LIVE_KEY, (version, at), None)
    if at is not None and at <= now:
        went_live.send(sender=None, since=at, until=now)
        version = _new_version()
        cache.set(GO_LIVE_KEY, (version, next_go_live(now)), None)
    return version


def connect_content_signals():
    """Bump the version when a row of `settings.PAGE_CACHE_CONTENT` ("app" or "app.Model") changes."""
    for label in getattr(settings, "PAGE_CACHE_CONTENT", []):
        if "." in label:
            models = [apps.get_model(label)]
        else:
            models = apps.get_app_config(label).get_models()
        for model in models:
            if getattr(model, "derived_from_content", False):
                continue  # built from the content (a stored snapshot): storing it changes no page
            uid = f"pagecache-{model._meta.label}"
            post_save.connect(bump_version, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(bump_version, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"{uid}-{field.name}")


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key_for(request)
        if key is None:
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.storable(response):
            patch_cache_control(response, public=True, no_cache=True)
            cache.set(key, response, timeout())
        return response

    def key_for(self, request):
        if not timeout() or request.method not in ("GET", "HEAD"):
            return None
        if set(request.COOKIES) - self.harmless_cookies():
            return None
        parts = [
            str(current_version()),
            timezone.localdate().isoformat(),
            # The URL decides the language (core/middleware.py): the cookie or the browser only in the admin.
            language_of(request),
            request.META.get("HTTP_HOST", ""),
            request.get_full_path(),
            # Some responses are compressed for the clients that accept it (the map's data).
            "gzip" if accepts_gzip(request) else "",
        ]
        return "pagecache:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()

    @staticmethod
    def harmless_cookies():
        """Cookies that do not change what an anonymous page shows; any other one skips the cache.
        By their setting names: production calls them __Host-csrftoken and so on."""
        return {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}

    @staticmethod
    def storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
