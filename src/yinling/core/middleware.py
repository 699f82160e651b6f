from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from yinling.core.audit import RequestContext, current_request


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Makes the client address available to audit records written deep inside services."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(RequestContext(ip_address=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
