import sys

from django.contrib.auth import get_permission_codename
from django.db import OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views import defaults


class PreviewMixin:
    """The detail page of a `Publishable` row: visitors get it only once published (a 404 before);
    staff allowed to view the model in the admin see it in any state, as a preview: with a banner,
    `noindex`, and never cached (`private, no-store`, so neither the page cache nor a proxy keeps it).
    """

    previewing = False

    def may_preview(self, model):
        user = self.request.user
        if not user.is_staff:
            return False
        opts = model._meta
        return user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        if not self.may_preview(queryset.model):
            queryset = queryset.published()
        found = super().get_object(queryset)
        self.previewing = not found.is_published
        return found

    def get_context_data(self, **kwargs):
        if self.previewing:
            kwargs["preview_of"] = self.object
        return super().get_context_data(**kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.previewing:
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        return response


class RefusedParametersMixin:
    """A list or search page whose parameters were refused (a year that is not a number, a
    country or theme not on offer) still shows its form, with the error beside the field and every
    value kept as typed, but answers 400: the address asked for something that does not exist, and
    neither a search engine nor the page cache should keep it. `parameters_form()` is the bound
    form (or filter set) the view checked."""

    def parameters_form(self):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        form = self.parameters_form()
        if form is not None and form.is_bound and not form.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


# Seconds a visitor is told to wait when the database does not answer.
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """The 500 handler (config/urls.py). A database that does not answer in time (statement
    timeout, connection refused or cut) is not a bug of the page: a 503 with Retry-After, from a
    template that reads nothing from the database. Django has logged the exception already."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError):
        # No request context: the context processors could touch the session, hence the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        return response
    return defaults.server_error(request, template_name)
