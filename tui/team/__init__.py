"""Team work: assignments and progress over a corpus."""
