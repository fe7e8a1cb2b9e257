"""gunicorn's settings for the site (scripts/serve.sh, the Procfile's web process).

The app server's own knobs come from the environment here, as gunicorn reads its config file
before Django is set up; the site's settings stay in cop_site/settings/base.py. All of them are
listed in .env.example.
"""

import multiprocessing
import os

# With the production settings unless DJANGO_SETTINGS_MODULE says otherwise (cop_site/wsgi.py).
wsgi_app = "cop_site.wsgi:application"

# Loopback by default: the reverse proxy on the same machine talks to it. BIND=0.0.0.0:8000 (or a
# unix:/run/… socket) for a proxy elsewhere; PORT alone keeps loopback and changes the port.
bind = [os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"]

# Threaded workers: the threads wait on PostgreSQL, Redis and Elasticsearch, the processes do the
# Python work, one per core plus one. Sync workers would also be held up by every idle keep-alive
# or TLS connection until the timeout (scripts/scan.sh ran into that).
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)

# A worker that has not answered for this long is killed and replaced; search gives up on
# Elasticsearch after ELASTICSEARCH_TIMEOUT (5 s) long before that.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
# On a restart (SIGHUP, or SIGTERM on stop) running requests get this long to finish.
graceful_timeout = 30
# Keep-alive towards the reverse proxy, shorter than its own idle timeout.
keepalive = 5
# Each worker is replaced after about this many requests, at staggered moments, so slow memory
# growth never builds up and the workers never all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 1000)
max_requests_jitter = max_requests // 10
# Restarts go through signals (the process manager's reload sends SIGHUP); no control socket in
# the home directory, which two instances on one machine would fight over.
control_socket_disable = True

# The access log on stdout, gunicorn's own messages on stderr. With LOG_FORMAT=json (the default
# here, as in the production settings) both are JSON lines, and an access line carries the
# request id the site sent back in X-Request-ID.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or "json"
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "INFO").lower()
if LOG_FORMAT == "json":
    access_log_format = "%(m)s %(U)s %(s)s"
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "cop_site.logs.JsonFormatter"}},
        "handlers": {
            "access": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
            "error": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"},
        },
        "root": {"handlers": ["error"], "level": "INFO"},
        "loggers": {
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
        },
    }
else:
    accesslog = "-"
    access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms [%({x-request-id}o)s]'
