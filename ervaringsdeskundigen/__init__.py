"""Ervaringsdeskundigen: the coordination centre for experts by experience."""
