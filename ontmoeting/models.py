"""Models of ontmoeting: added by its own issue."""
