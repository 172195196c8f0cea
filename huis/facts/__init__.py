"""The house's facts: its name, address and route, phone, email, opening hours, closures and
welcome text, edited by staff on one page and shown on the contact page, in every footer, on the
home page ("open now") and in schema.org data."""
