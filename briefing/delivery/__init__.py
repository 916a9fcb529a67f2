"""Where output goes: the console settings, stdout and the pager, atomic files, pandoc."""
