"""The readiness checklist (``prodready.yaml``): its schema and the cross-check of its claims."""
