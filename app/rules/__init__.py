"""Data-driven rules: grading scales, checklists, disposition rules and the approval policy.

Everything here is built from reference documents (pulled from central, or the sample set in
`resources/reference/` for the demo), so a warehouse changes its rules without a new release.
"""

from app.rules.book import (
    ApprovalPolicy,
    Checklist,
    ChecklistItem,
    DispositionFacts,
    DispositionRule,
    Grade,
    GradingScale,
    Proposal,
    RuleBook,
)

__all__ = [
    "ApprovalPolicy",
    "Checklist",
    "ChecklistItem",
    "DispositionFacts",
    "DispositionRule",
    "Grade",
    "GradingScale",
    "Proposal",
    "RuleBook",
]
