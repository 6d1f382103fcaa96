"""Many plans at once: the index and the account cache, which plans a listing shows, the
stats, and finding a plan by id, earlier id or account."""
