"""Grade a class: each submission in its own confined child, scored by the parent."""
