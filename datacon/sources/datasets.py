"""Open dataset of sourced facts (filled below)."""
