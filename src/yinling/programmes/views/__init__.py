"""Programme pages. Thin: every access decision is the permission gate's, every write a service."""
