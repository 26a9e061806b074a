"""Response headers Django does not set itself."""

from django.conf import settings


def permissions_policy_header(policy):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def extend_policy(response, **directives):
    """Add sources to directives of this response's Content-Security-Policy, enforced or
    report-only (`style_src=["'sha256-…'"]`), for a page that needs more than the site's policy."""
    update = {name.replace("_", "-"): list(sources) for name, sources in directives.items()}
    for attribute in ("_csp_update", "_csp_update_ro"):
        merged = dict(getattr(response, attribute, None) or {})
        for name, sources in update.items():
            merged[name] = [*merged.get(name, []), *sources]
        setattr(response, attribute, merged)
    return response
