"""Models of beeldvorming: added by its own issue."""
