"""Models of kwartiermaken: added by its own issue."""
