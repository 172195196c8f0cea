"""Ontmoeting: the open house. Visitors browse the programme of activities and sign up, or just
walk in.
"""
