"""Pages of ontmoeting: the public agenda and sign-up (public.py), the staff's pages (staff.py),
the calendar feed at /agenda.ics (feed.py, routed by ontmoeting/public_urls.py)."""
