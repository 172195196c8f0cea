"""Places, waiting lists and promotion: one mechanism for activities, courses and sessions.

Filled in by the ontmoeting issue; courses and intervision sessions reuse it.
"""
