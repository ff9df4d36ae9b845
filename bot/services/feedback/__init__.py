"""Feedback: the patient's answers, the pain model applied, thresholds, check-ins."""
