"""Privacy: reading the audit trail, and retention and erasure."""
