from wagtail.permission_policies import ModelPermissionPolicy


class RestrictedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except for actions nobody may take, not even a superuser."""

    def __init__(self, model, forbidden, **kwargs):
        super().__init__(model, **kwargs)
        self.forbidden = set(forbidden)

    def user_has_permission(self, user, action):
        return action not in self.forbidden and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.forbidden)
