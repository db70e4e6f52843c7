from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict:
    """django-htmx's script tag reads `csp_nonce`; django-csp names it differently."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}
