#!/usr/bin/env python
"""Benchmark: does the sign-up form's answer time tell whether an address has an account?

What it does:
  1. sets up Django against DATABASE_URL (the script runs `migrate` and `createcachetable`,
     so use a scratch database), with Django's default password hasher, as in production;
  2. creates one account, then posts the sign-up form --pairs times for that (existing)
     address and as often for a new address, alternately, through Django's test client;
  3. prints each pair's times and the medians, removes what it created, and exits
     non-zero when a response differs between the two (status or redirect).

Run:
    createdb -h 127.0.0.1 -U postgres cop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cop_bench .venv/bin/python bench/signup_timing.py

E-mail goes to Django's in-memory backend (the test settings): it is built in both cases,
but not sent over SMTP.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "Bench-Wachtwoord-2026!"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=6, help="existing/new pairs to time (default 6)")
    parser.add_argument("--settings", default="cop_site.settings.test", help="Django settings module")
    return parser.parse_args()


def sign_up(client, email):
    """Post the sign-up form; returns (milliseconds, status, where it redirects to)."""
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "full_name": "Bench", "role": "Test"}
    start = time.perf_counter()
    response = client.post("/account/signup/", data)
    return (time.perf_counter() - start) * 1000, response.status_code, response.get("Location")


def main():
    args = parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    import django

    django.setup()
    from django.conf import global_settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client, override_settings

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    run = uuid.uuid4().hex[:8]
    existing = f"bestaand-{run}@example.org"
    rows, answers = [], set()
    # The production hasher (the test settings use a fast one); allowed host of the test client.
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS, ALLOWED_HOSTS=["testserver"]):
        try:
            sign_up(Client(), existing)
            for n in range(args.pairs):
                cache.clear()  # allauth's sign-up limit per address; this is about timing, not limits
                old_ms, *old_answer = sign_up(Client(), existing)
                new_ms, *new_answer = sign_up(Client(), f"nieuw-{run}-{n}@example.org")
                rows.append((old_ms, new_ms))
                answers.update({tuple(old_answer), tuple(new_answer)})
        finally:
            get_user_model().objects.filter(email__endswith="@example.org", email__contains=run).delete()
            cache.clear()

    print(f"{'pair':>4}  {'existing address':>17}  {'new address':>12}")
    for n, (old_ms, new_ms) in enumerate(rows, 1):
        print(f"{n:>4}  {old_ms:>14.1f} ms  {new_ms:>9.1f} ms")
    old_median, new_median = (statistics.median(column) for column in zip(*rows, strict=True))
    print(f"{'median':>6}  {old_median:>12.1f} ms  {new_median:>9.1f} ms")
    print(f"answers (status, redirect): {sorted(answers, key=str)}")
    if len(answers) != 1:
        sys.exit("The two kinds of address got different answers.")


if __name__ == "__main__":
    main()
