"""Herstelacademie: the Recovery College. Courses made and given together by an expert by
experience and a professional, open to all.
"""
