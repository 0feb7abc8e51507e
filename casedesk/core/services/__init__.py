"""Domain services: every read and write the CLI, the GUI and the importer make.

Each function takes the unlocked :class:`~casedesk.core.casefile.CaseFile`, checks the current
user's rights, validates its input (raising errors that name the field) and writes through an
audited session.  Returned ORM objects are detached snapshots: safe to read, not to modify.
"""
