"""Programmes: changes to a patient's programme, the day's plan and pictures, progression."""
