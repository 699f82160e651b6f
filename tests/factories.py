"""factory_boy factories for the core domain; other apps add theirs beside their tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from yinling.core.models import Department, Region, Role, RoleMembership, School, User

TEST_PASSWORD = "Test-password-2026"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试{n}区")
    code = factory.Sequence(lambda n: f"3101{n:02d}")
    kind = Region.Kind.DISTRICT


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"上海市测试第{n}中学")
    short_name = factory.Sequence(lambda n: f"测试{n}中")
    code = factory.Sequence(lambda n: f"T{n:05d}")
    stage = School.Stage.JUNIOR
    district = factory.SubFactory(RegionFactory)


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"区测试局{n}")
    district = factory.SubFactory(RegionFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


def grant(user: User, role: str, organisation: Region | School | Department) -> RoleMembership:
    """Give a user a role directly (tests only; the product goes through membership_grant)."""
    scope = {Region: "region", School: "school", Department: "department"}[type(organisation)]
    return RoleMembership.objects.create(user=user, role=role, **{scope: organisation})


def user_with_role(role: str, organisation: Region | School | Department, **kwargs: object) -> User:
    user = UserFactory(**kwargs)
    grant(user, role, organisation)
    return user


__all__ = ["Role", "TEST_PASSWORD", "grant", "user_with_role"]
