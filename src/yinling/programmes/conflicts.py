"""Conflicts of interest between experts and applicant schools.

An expert never reviews a school that is their own (their affiliation, or a school where they hold
a school role), a school of the same education group (集团), a school paired with their own
(支援校 / 结对校), or a school they declared a tie with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yinling.core.models import Role, RoleMembership, School
from yinling.programmes.models import ExpertProfile, ExpertTie, Pairing

OWN_SCHOOL = _("本校")
SAME_GROUP = _("同一教育集团")
PAIRED_SCHOOL = _("结对/支援学校")
DECLARED_TIE = _("专家申明的利害关系")


@dataclass
class ConflictIndex:
    """Everything needed to judge conflicts for many experts at once, loaded in a few queries."""

    own_schools: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    groups: dict[int, str] = field(default_factory=dict)
    ties: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    pairs: set[frozenset[int]] = field(default_factory=set)

    @classmethod
    def load(cls, expert_ids: Iterable[int]) -> ConflictIndex:
        ids = list(expert_ids)
        index = cls()
        for profile in ExpertProfile.objects.filter(user_id__in=ids).select_related(
            "affiliation_school"
        ):
            if profile.affiliation_school_id:
                index.own_schools[profile.user_id].add(profile.affiliation_school_id)
            index.groups[profile.user_id] = profile.group
        for user_id, school_id in RoleMembership.objects.filter(
            user_id__in=ids, role__in=[Role.SCHOOL_ADMIN, Role.SCHOOL_STAFF]
        ).values_list("user_id", "school_id"):
            index.own_schools[user_id].add(school_id)
        for user_id, school_id in ExpertTie.objects.filter(profile__user_id__in=ids).values_list(
            "profile__user_id", "school_id"
        ):
            index.ties[user_id].add(school_id)
        own = {s for schools in index.own_schools.values() for s in schools}
        for a, b in Pairing.objects.filter(
            Q(school_id__in=own) | Q(partner_id__in=own), is_active=True
        ).values_list("school_id", "partner_id"):
            index.pairs.add(frozenset((a, b)))
        return index

    def reasons(self, expert_id: int, school: School) -> list[str]:
        own = self.own_schools.get(expert_id, set())
        found = []
        if school.pk in own:
            found.append(str(OWN_SCHOOL))
        group = self.groups.get(expert_id, "")
        if group and group == school.education_group:
            found.append(str(SAME_GROUP))
        if any(frozenset((mine, school.pk)) in self.pairs for mine in own):
            found.append(str(PAIRED_SCHOOL))
        if school.pk in self.ties.get(expert_id, set()):
            found.append(str(DECLARED_TIE))
        return found


def conflict_reasons(expert_id: int, school: School) -> list[str]:
    return ConflictIndex.load([expert_id]).reasons(expert_id, school)
