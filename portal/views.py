"""The young person's own pages. Every one is `@young_person_required` (portal.access) or part
of signing in."""
