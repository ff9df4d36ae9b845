"""Exercise pictures drawn from the poses in ``content/``: stills, animations, the cache."""
