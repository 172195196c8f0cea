"""Pages of ontmoeting: the public agenda and sign-up (public.py), the staff's pages (staff.py)."""
