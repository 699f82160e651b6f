from django.urls import include, path
from django.views.i18n import set_language

from yinling.api import api

urlpatterns = [
    path("", include("yinling.core.urls")),
    path("plans/", include("yinling.plans.urls")),
    path("programmes/", include("yinling.programmes.urls")),
    path("evaluation/", include("yinling.evaluation.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
]
