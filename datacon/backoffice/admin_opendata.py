"""Open data has no records of its own: it publishes everyone else's (see datacon.opendata.registry)."""
