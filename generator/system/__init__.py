"""The operating system's edges: the repository being worked on, atomic writes, node_modules
(files), today's date (clock) and loopback HTTP (localhttp)."""
