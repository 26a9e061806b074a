"""The admin site: its home page is the editor's dashboard (config/dashboard.py)."""

from django.contrib import admin

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
