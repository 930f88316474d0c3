"""`make bench`: our analytics layer timed against a pandas baseline that must give the same answers."""
