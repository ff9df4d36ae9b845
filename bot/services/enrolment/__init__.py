"""Enrolment: invites, onboarding, the readiness check, consent and who looks after whom."""
