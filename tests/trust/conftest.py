"""The trust pages' browser test uses the shared browser fixtures (tests/conftest.py)."""
