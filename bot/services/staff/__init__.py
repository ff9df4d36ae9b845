"""Staff: the caseload, the weekly digest, one patient's chart, view and record, the desk."""
