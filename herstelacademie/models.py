"""Models of herstelacademie: added by its own issue."""
