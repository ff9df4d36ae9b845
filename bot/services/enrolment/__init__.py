"""Enrolment: invites, onboarding, consent, assignments, and what a patient changes later."""
