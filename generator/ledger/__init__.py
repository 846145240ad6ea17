"""The ledger: case files and campaign.yaml read strictly, checked, and turned into models.

yamlload (and yamldoc, yamlbuild, yamlsyntax, yamlshield, yamlbounds) reads YAML with positions;
schema and schemacheck check against the JSON Schemas in schemas/; rules holds the cross-field
rules; fields is the one registry of columns and titles; model holds the frozen dataclasses;
casefile writes case files; rhythms knows the period ids of each 报送周期 and reportnames checks
the names in reports/ against them; validate loads a whole repository and gathers every problem.
"""

from generator.ledger.model import Campaign, Case
from generator.ledger.problems import Problem
from generator.ledger.validate import Ledger, checked_campaign, checked_ledger, load_ledger

__all__ = [
    "Campaign",
    "Case",
    "Ledger",
    "Problem",
    "checked_campaign",
    "checked_ledger",
    "load_ledger",
]
