"""Events: predicates coded in CAMEO/PLOVER, with their modality, actors, date and place."""
