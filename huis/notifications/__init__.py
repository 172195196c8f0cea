"""The notification outbox, its channels and the reminder sweep.

Every message the house sends is a row in `Notification` with a unique deduplication key, a
recipient, a kind, a language, a channel (email or text message), a due time and a status
(pending, sent, failed, cancelled). Nothing is scheduled days ahead as a Celery task: the beat task
`notifications.send_due` runs every minute and sends the rows that are due.

Contract for the function apps (`huis.notifications.services`)::

    notification_schedule(*, key, kind, context, recipient=None, email="", phone="",
                          language=None, due_at=None, attachments=None) -> Notification | None

- Idempotent on `key`: a second call with the same key returns the existing row and sends nothing
  more. Use keys like "reminder-24h:registration:123".
- `recipient` is a User or None (a guest). Language defaults to recipient.preferred_language, then
  the active language. Channels follow the recipient's preferences (profile page; by default email
  only); when they chose both, the text message gets the key "<key>:sms". Guests get email if an
  address is given, else a text message. Returns None when there is no way to reach the person.
- `context` must be JSON-serialisable (lazy translations are turned into text in the active
  language); "site_url" (settings.SITE_URL) is added at send time.
- `due_at` None means now: the send task is queued after the surrounding transaction commits.
- `attachments`: [{"filename": ..., "content": str, "mimetype": ...}], for email.

    notification_cancel(*, key_prefix) -> int

- Cancels pending rows whose key is `key_prefix` or starts with `key_prefix + ":"` (a prefix that
  ends in ":" matches any key starting with it). "reminder:registration:12" never cancels
  "reminder:registration:123". Returns how many rows were cancelled.

Templates, found by kind in any app's templates folder, rendered at send time in the row's
language with the row's context::

    templates/notifications/<kind>/subject.txt   one line; nothing sensitive (no health, no names)
    templates/notifications/<kind>/body.txt      plain text (not HTML-escaped)
    templates/notifications/<kind>/body.html     {% extends "notifications/base_email.html" %}
    templates/notifications/<kind>/sms.txt       optional; body.txt is used when missing

Sending claims a row with SELECT ... FOR UPDATE SKIP LOCKED, sends it and marks it sent in the same
transaction: a second claim sends nothing, two workers never send the same row, and a worker that
dies mid-send leaves the row pending for the next sweep. Failed sends are retried after
settings.NOTIFICATIONS_RETRY_DELAYS; after the last try the row is failed and listed for staff
(dashboard, "Messages that could not be sent") with a retry button.
"""
