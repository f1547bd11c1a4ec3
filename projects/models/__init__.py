"""The projects app's models, one module per subject: archiving (``archiving``), plans with their
groups and projects (``plans``), progress reports with their periods and attachments
(``reports``)."""

from projects.models.archiving import Archivable, Deletion, LiveManager
from projects.models.plans import Plan, PlanManager, Project, ProjectGroup
from projects.models.reports import (
    ONE_PER_PERIOD,
    Attachment,
    ReportingPeriod,
    StatusUpdate,
    attachment_path,
    period_label,
)

__all__ = [
    "ONE_PER_PERIOD",
    "Archivable",
    "Attachment",
    "Deletion",
    "LiveManager",
    "Plan",
    "PlanManager",
    "Project",
    "ProjectGroup",
    "ReportingPeriod",
    "StatusUpdate",
    "attachment_path",
    "period_label",
]
