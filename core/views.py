from django.contrib.auth import get_permission_codename
from django.utils.cache import patch_cache_control


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
