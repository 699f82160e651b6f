"""Plan supervision pages. Thin: every decision is the permission gate's, every write a service."""
