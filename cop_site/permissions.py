"""Moved to core.permissions; the data migrations of knowledge, events and search import it from here."""

from core.permissions import EDITOR_GROUPS, grant_to_editor_groups

__all__ = ["EDITOR_GROUPS", "grant_to_editor_groups"]
