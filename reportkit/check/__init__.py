"""``reportkit check``: every validation of a pack without rendering it, as findings with rules."""
