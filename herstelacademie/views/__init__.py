"""Pages of the Recovery College: public (catalogue, courses, programme), students (mijn
leertraject), trainers (courses, attendance, intakes, evaluations) and staff (planning)."""
