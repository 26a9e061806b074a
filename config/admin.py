"""The admin site: its home page is the editor's dashboard (config/dashboard.py)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import dashboard


class AtlasAdminSite(admin.AdminSite):
    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        context = {
            "dashboard_blocks": dashboard.blocks(request.user),
            "dashboard_newsletter": dashboard.newsletter_for(request.user),
            **(extra_context or {}),
        }
        return super().index(request, context)


def lockout_response(request, original_response, credentials):
    """django-axes' answer to a sign-in while the user name and address are locked out
    (AXES_LOCKOUT_CALLABLE): a 429 page in the admin's look, saying for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Connexion momentanément bloquée"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
