"""Pipeline D: assessments and their scores, value-added runs, green indicators."""

from yinling.evaluation.models.assessments import (
    Assessment,
    AssessmentResult,
    DataVersion,
    Gender,
    Grade,
)
from yinling.evaluation.models.green import GreenIndicator, GreenIndicatorRecord, GreenIndicatorSet
from yinling.evaluation.models.imports import ImportJob
from yinling.evaluation.models.value_added import (
    Band,
    EstimateStatus,
    SchoolValueAdded,
    ValueAddedModel,
    ValueAddedRun,
)

__all__ = [
    "Assessment",
    "AssessmentResult",
    "Band",
    "DataVersion",
    "EstimateStatus",
    "Gender",
    "Grade",
    "GreenIndicator",
    "GreenIndicatorRecord",
    "GreenIndicatorSet",
    "ImportJob",
    "SchoolValueAdded",
    "ValueAddedModel",
    "ValueAddedRun",
]
