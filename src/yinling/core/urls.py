from django.contrib.auth import views as auth_views
from django.urls import path

from yinling.core.forms_auth import LoginForm
from yinling.core.views import assets, audit, health, home, organisations, users

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", assets.FaviconView.as_view(), name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", users.password_change, name="password_change"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("org/schools/", organisations.school_list, name="school_list"),
    path("org/schools/new/", organisations.school_create, name="school_create"),
    path("org/schools/<int:pk>/", organisations.school_edit, name="school_edit"),
    path("org/schools/import/", organisations.school_import_view, name="school_import"),
    path(
        "org/schools/import/template.xlsx",
        organisations.school_import_template_view,
        name="school_import_template",
    ),
    path("org/departments/", organisations.department_list, name="department_list"),
    path("org/departments/new/", organisations.department_create, name="department_create"),
    path("org/departments/<int:pk>/", organisations.department_edit, name="department_edit"),
    path("org/users/", users.user_list, name="user_list"),
    path("org/users/new/", users.user_create, name="user_create"),
    path("org/users/<int:pk>/", users.user_edit, name="user_edit"),
    path("org/users/<int:pk>/roles/", users.membership_add, name="membership_add"),
    path("org/roles/<int:pk>/delete/", users.membership_remove, name="membership_remove"),
]
