from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from yinling.core import selectors
from yinling.core.permissions import can
from yinling.core.roles import principal_for

router = Router(tags=["core"])


class RoleOut(Schema):
    role: str
    role_label: str
    organisation: str


class MeOut(Schema):
    username: str
    full_name: str
    is_superuser: bool
    roles: list[RoleOut]


class SchoolOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    stage: str
    ownership: str
    district: str


@router.get("/me", response=MeOut, summary="The logged-in user and their roles")
def me(request: HttpRequest) -> dict[str, object]:
    principal = principal_for(request.user)
    return {
        "username": request.user.username,
        "full_name": request.user.full_name,
        "is_superuser": request.user.is_superuser,
        "roles": [
            {
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "organisation": str(m.organisation),
            }
            for m in principal.memberships
        ],
    }


@router.get("/schools", response=list[SchoolOut], summary="Schools of the districts the user reads")
def schools(request: HttpRequest, q: str = "") -> list[dict[str, object]]:
    if not can(request.user, "core.org_view"):
        raise PermissionDenied
    return [
        {
            "id": s.pk,
            "code": s.code,
            "name": s.name,
            "short_name": s.short_name,
            "stage": s.stage,
            "ownership": s.ownership,
            "district": s.district.name,
        }
        for s in selectors.school_list(request.user, q=q)
    ]
