"""Response headers that Django's SecurityMiddleware does not set (ASVS 5.0 V3.4).

Django 5.2 has no Content-Security-Policy of its own (6.0 will), and the policy here
is one constant: every script, style, image and font comes from this origin, nothing
inline. Static files are answered by WhiteNoise before this middleware runs; pages
and API answers, which carry personal data, are never stored by a cache.
"""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # Pico CSS draws its icons from data: SVGs
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
# Live mode records the meeting (SPEC C3): that page alone may ask for the microphone,
# for itself only, and the browser still asks the user.
LIVE_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace("microphone=()", "microphone=(self)")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Personal data must not linger in a shared or back-button cache.
        response.setdefault("Cache-Control", "no-store")
        return response
