"""Time expressions (TimeML TIMEX3): found by rules, resolved against the publication date."""
