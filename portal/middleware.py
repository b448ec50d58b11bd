"""Response headers the public pages share."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on public pages: the second layer behind sanitizing.

    Public pages run only the portal's own script files: no inline script, no plugin,
    no framing by other sites. Inline `style` attributes stay allowed because article
    bodies carry CKEditor's (sanitized) image sizes and alignment. The admin, whose
    editor needs more, is left to Django's own protections.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            f"{name} {value}" for name, value in settings.CONTENT_SECURITY_POLICY.items()
        )
        self.exempt = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
