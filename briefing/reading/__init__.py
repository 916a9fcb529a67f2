"""Reading briefing files: bounded files, hardened YAML, the data contract, its checks, loading."""
