"""Court-rules deadline engine: FRCP 6-style counting plus data-driven rule sets.

Pure Python (no database, no Qt).  :mod:`.counting` computes one explainable deadline;
:mod:`.ruleset` loads versioned rule sets (TOML) that map a triggering event to its deadlines.
"""

from __future__ import annotations

from casedesk.core.rules.counting import (
    FIRM_CLOSURE_NAME,
    SERVICE_ADD_ON_DAYS,
    ComputedDeadline,
    Counting,
    Direction,
    FixedSuspension,
    RecurringSuspension,
    Service,
    SuspensionPeriod,
    check_jurisdiction,
    compute_deadline,
    holiday_name,
)
from casedesk.core.rules.ruleset import (
    RuleDeadline,
    RuleSet,
    Trigger,
    load_rule_set_file,
    load_rule_sets,
    parse_rule_set,
    shipped_rules_dir,
)

__all__ = [
    "FIRM_CLOSURE_NAME",
    "SERVICE_ADD_ON_DAYS",
    "ComputedDeadline",
    "Counting",
    "Direction",
    "FixedSuspension",
    "RecurringSuspension",
    "RuleDeadline",
    "RuleSet",
    "Service",
    "SuspensionPeriod",
    "Trigger",
    "check_jurisdiction",
    "compute_deadline",
    "holiday_name",
    "load_rule_set_file",
    "load_rule_sets",
    "parse_rule_set",
    "shipped_rules_dir",
]
