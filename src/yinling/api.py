"""The JSON API for integrations, described by OpenAPI at /api/openapi.json (docs at /api/docs).

Each app adds its router here; every endpoint asks the same permission gate as the pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import SessionAuth

from yinling.core.api import router as core_router


class LoggedIn(SessionAuth):
    """Session authentication that refuses inactive users (CSRF checked on writes)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


api = NinjaAPI(
    title="Yinling API",
    version="1",
    description="引领：区域学校发展项目管理与督查系统 JSON API",
    auth=LoggedIn(),
    urls_namespace="api",
)
api.add_router("/core/", core_router)


@api.exception_handler(PermissionDenied)
def _refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """403 with a JSON body, whatever DEBUG says (Ninja turns unknown errors into a 500 page
    with a traceback while DEBUG is on)."""
    return api.create_response(request, {"detail": _("没有权限执行此操作")}, status=403)


def _add_optional_routers() -> None:
    """Apps contribute routers from their own `api` module when they have one."""
    import importlib

    for label in ("plans", "programmes", "evaluation"):
        try:
            module = importlib.import_module(f"yinling.{label}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"yinling.{label}.api":
                raise
            continue
        api.add_router(f"/{label}/", module.router)


_add_optional_routers()
