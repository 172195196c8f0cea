"""The notification outbox, its channels and the reminder sweep (see the reminders issue)."""
