"""The portal's settings in parts; huis/settings.py assembles them (DJANGO_SETTINGS_MODULE stays
`huis.settings`)."""
