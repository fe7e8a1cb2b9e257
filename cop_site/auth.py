"""The log-in lock (django-axes) as the first authentication backend."""

from axes.backends import AxesBackend


class LoginLockBackend(AxesBackend):
    """Refuses a log-in while the account or the client address is locked; the backends after it log in.

    AxesBackend, not AxesStandaloneBackend: it can also load the logged-in user (Django's
    ModelBackend), which tools that take the first backend need (Wagtail's test helpers).
    Every log-in form (Wagtail's, allauth's) authenticates with the request. Without one
    (Django's test client login, the shell) there is no visitor to count or refuse, where
    django-axes would raise an error instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
