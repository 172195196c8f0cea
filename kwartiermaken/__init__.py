"""Kwartiermaken: neighbourhood work. Partners log outreach, signal thresholds and gaps, and refer
people warmly.
"""
