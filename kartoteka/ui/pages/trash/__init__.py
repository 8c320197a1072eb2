"""trash."""
