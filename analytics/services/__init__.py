"""Services: what the pages, CLI and report ask for, the one door to the store and the models."""
