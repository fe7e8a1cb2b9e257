from wagtail.permission_policies import ModelPermissionPolicy


class FixedSetPermissionPolicy(ModelPermissionPolicy):
    """Editors may change the rows of a fixed set, but nobody adds or deletes them."""

    FORBIDDEN = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.FORBIDDEN)
