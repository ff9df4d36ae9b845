"""The inbox: conversation threads between patients and their care team, and reading them."""
