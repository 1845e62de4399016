"""Actors: entity mentions resolved to CAMEO/Phoenix actor codes, and coreference."""
