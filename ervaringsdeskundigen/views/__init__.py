"""Pages of ervaringsdeskundigen: public (request form, signed links, feed), the expert's own
pages, and the coordinators' pages."""
