from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.views.generic.base import RedirectView


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for where a response links no icon (JSON, downloads)."""

    permanent = False  # the static URL carries a content hash in production and changes with it

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return static("yinling/favicon.svg")
