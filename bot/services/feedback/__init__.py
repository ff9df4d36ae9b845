"""Feedback: the patient's answers after a session, thresholds, and check-ins."""
