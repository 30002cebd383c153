"""Applies Django's contenttypes and auth migrations with Django itself (run by gen)."""
import os
import urllib.parse

import django
from django.conf import settings

u = urllib.parse.urlparse(os.environ["DATABASE_URL"])
settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": u.path[1:],
                           "USER": u.username, "HOST": u.hostname, "PORT": u.port}},
    USE_TZ=True,
)
django.setup()
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
