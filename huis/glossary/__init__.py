"""The house's words (kwartiermaken, herstelacademie, GBO, ...) explained in easy language."""
