"""A separate process that tries to log in, for test_login_throttle_processes.py.

It runs the site's WSGI application (through Django's test client, in this process) against
the database named in DATABASE_URL. Each line on stdin is a JSON list [url, form data]; for
each it posts the form and prints the response's status code.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.test")

import django

django.setup()

from django.test import Client  # noqa: E402

for line in sys.stdin:
    url, data = json.loads(line)
    print(Client().post(url, data).status_code, flush=True)
