from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from .models import Profile
from .workflow import MODERATORS, make_member

PASSWORD = "Lid-wachtwoord-2024!"  # noqa: S105 (test members only)


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"lid{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class MemberFactory(UserFactory):
    """A member with a verified e-mail address, a profile, in the "Leden" group."""

    @factory.post_generation
    def member(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        EmailAddress.objects.update_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})
        Profile.objects.get_or_create(user=obj, defaults={"full_name": f"Lid {obj.username}", "role": "Projectleider"})
        make_member(obj)


class ModeratorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"moderator{n}")

    @factory.post_generation
    def moderator(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            obj.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
