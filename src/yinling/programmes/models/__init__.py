"""Programmes (pipeline B, and later C): programmes, applications, reviews, project schools,
practice communities and their events."""

from yinling.programmes.models.application import (
    ACTIVE_APPLICATION,
    REACHED_OFFICE,
    Application,
    ApplicationRound,
    ApplicationVersion,
    Mover,
)
from yinling.programmes.models.community import (
    CommunityMember,
    Event,
    EventAttachment,
    PracticeCommunity,
)
from yinling.programmes.models.membership import (
    GrowthEvidence,
    ProgrammeSchool,
    ProgrammeSchoolStatusChange,
)
from yinling.programmes.models.programme import (
    DEFAULT_DOMAINS,
    TEXT_FIELDS,
    Domain,
    GuideItem,
    Pairing,
    Programme,
    ProgrammeTarget,
)
from yinling.programmes.models.review import (
    Decision,
    ExpertProfile,
    ExpertTie,
    ReviewAssignment,
    ReviewScore,
    Rubric,
    RubricCriterion,
)

__all__ = [
    "ACTIVE_APPLICATION",
    "DEFAULT_DOMAINS",
    "REACHED_OFFICE",
    "TEXT_FIELDS",
    "Application",
    "ApplicationRound",
    "ApplicationVersion",
    "CommunityMember",
    "Decision",
    "Domain",
    "Event",
    "EventAttachment",
    "ExpertProfile",
    "ExpertTie",
    "GrowthEvidence",
    "GuideItem",
    "Mover",
    "Pairing",
    "PracticeCommunity",
    "Programme",
    "ProgrammeSchool",
    "ProgrammeSchoolStatusChange",
    "ProgrammeTarget",
    "ReviewAssignment",
    "ReviewScore",
    "Rubric",
    "RubricCriterion",
]
