"""The content version: one number in the shared cache that every cached page and fragment carries.

Whatever changes what visitors see (a publish, unpublish, move or delete, a snippet or a site
setting saved) bumps it, and every cached page and fragment made under the old number is
passed over from then on, on every process and machine at once. Old entries simply expire.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CONTENT_VERSION_KEY = "content-version"


def first_version():
    # From the clock in microseconds, not 1: after Redis lost its data, the numbers must not repeat
    # ones that processes (cop_site.cache.LocalFirstCache), browsers and proxies still hold (the
    # perspective stylesheet's URL carries the version for a year); bumps never outrun the clock.
    return time.time_ns() // 1000


# The version one request works with (pinned_content_version), so its page and fragments are read
# and stored under one number, with one cache read instead of one per fragment.
_pinned_version = ContextVar("pinned_content_version", default=None)


def content_version():
    """The current content version (an int), the same on every process that shares the cache."""
    pinned = _pinned_version.get()
    if pinned is not None:
        return pinned
    return cache.get_or_set(CONTENT_VERSION_KEY, first_version, timeout=None)


@contextmanager
def pinned_content_version(version=None):
    """Read the content version once for everything inside (a request); `version`, when the
    caller has just read it, saves that read."""
    token = _pinned_version.set(version if version is not None else content_version())
    try:
        yield
    finally:
        _pinned_version.reset(token)


def bump_content_version():
    """Make every page and fragment cached so far stale."""
    try:
        return cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(CONTENT_VERSION_KEY, first_version(), timeout=None)
        return cache.incr(CONTENT_VERSION_KEY)


_MISSING = object()


def remember(name, compute):
    """compute(), kept in the fragments' cache until the content changes: the same for every visitor."""
    fragments = caches["template_fragments"]
    key = f"{name}:{content_version()}"
    value = fragments.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        fragments.set(key, value, settings.FRAGMENT_CACHE_TIMEOUT)
    return value


def remember_many(name, keys, compute):
    """{key: value} for each of `keys`, kept like remember(); compute(missing keys) returns
    {key: value} for those the shared cache does not have yet, in one go."""
    prefix = f"{name}:{content_version()}"
    cache_keys = {f"{prefix}:{key}": key for key in keys}
    fragments = caches["template_fragments"]
    found = {cache_keys[cache_key]: value for cache_key, value in fragments.get_many(list(cache_keys)).items()}
    missing = [key for key in keys if key not in found]
    if missing:
        computed = compute(missing)
        fragments.set_many(
            {f"{prefix}:{key}": value for key, value in computed.items()}, settings.FRAGMENT_CACHE_TIMEOUT
        )
        found.update(computed)
    return found


def purge():
    """Bump, logging instead of raising when the cache is unreachable: an editor's save must not
    fail for it. The pages cached before the outage then expire after PAGE_CACHE_SECONDS."""
    try:
        bump_content_version()
    except RedisError:
        logger.warning("Could not bump the content version: cached pages stay until they expire", exc_info=True)


def bump_after_commit():
    """Purge once the change is committed: bumping earlier would let a request that still reads the
    old rows cache them under the new version."""
    transaction.on_commit(purge)


def public_models():
    """Models, besides pages, whose rows public pages show or that decide what is public."""
    return (
        *get_snippet_models(),  # perspectives, definitions, organisations, speakers
        BaseSiteSetting,
        BaseGenericSetting,
        PageViewRestriction,
        Redirect,
        Site,
        get_image_model(),
        get_document_model(),
    )


def content_changed(sender, instance=None, created=False, **kwargs):
    # Wagtail creates a settings row with its defaults when a page first reads it: nothing changes.
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return
    if isinstance(instance, public_models()):
        bump_after_commit()


def page_changed(sender, **kwargs):
    bump_after_commit()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_after_commit()


def connect():
    """Wire the bumps (called from CoreConfig.ready). Pages bump on publish, unpublish, move and
    delete only: saving a draft changes nothing a visitor sees."""
    page_published.connect(page_changed, dispatch_uid="caching_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="caching_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="caching_page_moved")
    post_delete.connect(page_deleted, dispatch_uid="caching_page_deleted")
    post_save.connect(content_changed, dispatch_uid="caching_content_saved")
    post_delete.connect(content_changed, dispatch_uid="caching_content_deleted")
    # The groups of a page's view restriction, set after the restriction itself is saved.
    m2m_changed.connect(
        page_changed, sender=PageViewRestriction.groups.through, dispatch_uid="caching_restriction_groups"
    )
