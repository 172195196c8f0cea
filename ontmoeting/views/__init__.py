"""Pages of ontmoeting: the public agenda and sign-up (public.py), the staff's pages (staff/, one
module per entity), the calendar feed at /agenda.ics (feed.py, routed by ontmoeting/public_urls.py).
"""
