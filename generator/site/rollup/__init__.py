"""The district roll-up site (DESIGN.md "Beyond one office")."""
