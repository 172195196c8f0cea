"""Models of ervaringsdeskundigen: added by its own issue."""
