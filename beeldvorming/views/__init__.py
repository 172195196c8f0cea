"""Pages of beeldvorming, one module per audience: public, authors, staff."""
