"""PDFs the portal hands out are tagged (PDF/UA-1): headings, reading order and language are in the
file, so a screen reader can read a certificate or a person's data export."""

PDF_VARIANT = "pdf/ua-1"
