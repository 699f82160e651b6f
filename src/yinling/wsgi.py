"""WSGI entry point for gunicorn: `gunicorn yinling.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yinling.settings")
application = get_wsgi_application()
