"""Helpers for data migrations that give Wagtail's groups permissions."""

from django.contrib.auth.management import create_permissions

EDITOR_GROUPS = ["Editors", "Moderators"]


def grant_to_editor_groups(apps, app_label, codenames):
    """Give Wagtail's Editors and Moderators groups these permissions of an app."""
    # Permissions are normally created after all migrations; these are needed now.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions)
