"""What each command does, as functions: choose a briefing, narrow it, search, compare editions."""
