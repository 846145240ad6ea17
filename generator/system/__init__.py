"""The operating system's edges: the repository being worked on, atomic writes, node_modules
(files), the package's own data files (resources), today's date (clock) and loopback HTTP
(localhttp)."""
