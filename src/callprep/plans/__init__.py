"""The plan on disk: the model, the plan file reader and writer, the store, the home and the
seller's profile beside the plans."""
