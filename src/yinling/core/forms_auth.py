from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

# One message for a wrong name and a wrong password: never tell whether an account exists.
ERR_LOGIN = _("用户名或密码不正确。")


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": ERR_LOGIN,
        "inactive": ERR_LOGIN,
    }
