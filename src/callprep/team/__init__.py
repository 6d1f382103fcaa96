"""A team on one store: owners, the git store that syncs it, the manager's review queue and the
export for a dashboard."""
