from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yinling.core.navigation import home_panels
from yinling.core.roles import principal_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role sees its own panels; a user with no role is told whom to ask."""
    principal = principal_for(request.user)
    panels = home_panels(request, principal)
    return render(request, "core/home.html", {"panels": panels, "principal": principal})
