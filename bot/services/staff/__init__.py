"""Staff: the caseload, the inbox, one patient's chart, view and record, and the staff desk."""
