"""The production settings, each read in a fresh interpreter with its own environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Everything production needs, and nothing from the environment the tests run in.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cop_site.settings.production",
    "DJANGO_SECRET_KEY": "test-secret-" + "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "kennisbank.example.nl",
    "WAGTAILADMIN_BASE_URL": "https://kennisbank.example.nl",
}
SHOWN = ["WAGTAILADMIN_BASE_URL", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SILENCED_SYSTEM_CHECKS"]


def run_python(args, **env):
    keep = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "WAGTAIL"))}
    environment = {**keep, **PRODUCTION_ENV, **env}
    for name in [name for name, value in environment.items() if value is None]:
        del environment[name]
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True)


def production_settings(**env):
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {SHOWN!r}}}))"
    )
    result = run_python(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_public_address_is_required():
    result = run_python(["-c", "from django.conf import settings; settings.DEBUG"], WAGTAILADMIN_BASE_URL=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Environment variable WAGTAILADMIN_BASE_URL is required." in result.stderr


@pytest.mark.parametrize("address", ["kennisbank.example.nl", "ftp://kennisbank.example.nl", "https://x.nl/kb"])
def test_a_public_address_that_is_not_one_is_refused(address):
    result = run_python(["-c", "from django.conf import settings; settings.DEBUG"], WAGTAILADMIN_BASE_URL=address)
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be like https://kennisbank.example.nl" in result.stderr


def test_preload_and_the_proxy_header_are_off_unless_asked_for():
    assert production_settings() == {
        "WAGTAILADMIN_BASE_URL": "https://kennisbank.example.nl",
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "SILENCED_SYSTEM_CHECKS": ["security.W021"],
    }


def test_preload_and_the_proxy_header_follow_the_environment():
    assert production_settings(DJANGO_SECURE_HSTS_PRELOAD="true", DJANGO_SECURE_PROXY_SSL_HEADER="true") == {
        "WAGTAILADMIN_BASE_URL": "https://kennisbank.example.nl",
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SILENCED_SYSTEM_CHECKS": [],
    }


@pytest.mark.parametrize("preload", ["false", "true"])
def test_the_deploy_check_is_clean(preload):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECURE_HSTS_PRELOAD=preload,
        DATABASE_URL=os.environ.get("DATABASE_URL"),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_every_documented_manage_command_names_the_production_settings():
    """Each README code block that runs manage.py sets the production settings before it does."""
    readme = (ROOT / "README.md").read_text()
    command = re.compile(r"manage\.py \w")
    blocks = [block for block in re.findall(r"```[a-z]*\n(.*?)```", readme, re.DOTALL) if command.search(block)]
    assert len(blocks) >= 2  # cron and deploy
    for block in blocks:
        before = block[: command.search(block).start()]
        assert re.search(r"^(export )?DJANGO_SETTINGS_MODULE=cop_site\.settings\.production$", before, re.M), block
