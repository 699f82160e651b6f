from __future__ import annotations

from tests.access import Access, everyone, expect
from tests.factories import Role, user_with_role

READERS = {
    "district_admin": 200,
    "programme_officer": 200,
    "leader": 200,
    "other_district_admin": 200,
}
ADMIN = {"district_admin": 200, "other_district_admin": 200}

ACCESS = {
    "home": Access(get=everyone()),
    "healthz": Access(get=everyone(anonymous=200)),
    "favicon": Access(get=everyone(302, anonymous=302)),
    "login": Access(get=everyone(302, anonymous=200)),
    "logout": Access(get=everyone(405, anonymous=405), post=everyone(302, anonymous=302)),
    "password_change": Access(get=everyone()),
    "set_language": Access(get=everyone(302, anonymous=302), post=everyone(302, anonymous=302)),
    "audit_list": Access(get=expect(**ADMIN)),
    "school_list": Access(get=expect(**READERS)),
    "school_create": Access(get=expect(**ADMIN), post=expect(**ADMIN)),
    "school_edit": Access(
        get=expect(district_admin=200, other_district_admin=404),
        kwargs=lambda w: {"pk": w.school_a.pk},
        post=expect(district_admin=200, other_district_admin=404),
    ),
    "school_import": Access(get=expect(**ADMIN), post=expect(**ADMIN)),
    "school_import_template": Access(get=expect(**ADMIN)),
    "department_list": Access(get=expect(**READERS)),
    "department_create": Access(get=expect(**ADMIN), post=expect(**ADMIN)),
    "department_edit": Access(
        get=expect(district_admin=200, other_district_admin=404),
        kwargs=lambda w: {"pk": w.department.pk},
    ),
    "user_list": Access(get=expect(**ADMIN)),
    "user_create": Access(get=expect(**ADMIN), post=expect(**ADMIN)),
    "user_edit": Access(
        get=expect(district_admin=200, other_district_admin=404),
        kwargs=lambda w: {"pk": w.school_staff.pk},
    ),
    "membership_add": Access(
        get=expect(405, anonymous=405, superuser=405),
        kwargs=lambda w: {"pk": w.school_staff.pk},
        post=expect(district_admin=302, other_district_admin=404, superuser=302),
    ),
    "membership_remove": Access(
        get=expect(405, anonymous=405, superuser=405),
        kwargs=lambda w: {"pk": user_with_role(Role.SCHOOL_STAFF, w.school_a).memberships.get().pk},
        post=expect(district_admin=302, superuser=302),
    ),
    # The API answers 401 rather than redirecting; its documents are public descriptions.
    "api:openapi-json": Access(get=everyone(anonymous=200)),
    "api:openapi-view": Access(get=everyone(anonymous=200)),
    "api:me": Access(get=everyone(anonymous=401)),
    "api:schools": Access(get=expect(anonymous=401, **READERS)),
}
