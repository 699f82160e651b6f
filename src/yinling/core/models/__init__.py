"""Core domain: regions, schools, departments, people, role memberships and the audit trail."""

from yinling.core.models.audit import AuditEvent
from yinling.core.models.organisations import Department, Region, School
from yinling.core.models.people import Role, RoleMembership, User

__all__ = ["AuditEvent", "Department", "Region", "Role", "RoleMembership", "School", "User"]
