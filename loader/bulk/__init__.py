"""The first load of an empty, project-managed Neo4j, offline: ``neo4j-admin database import``
from CSV files the loader writes (:mod:`.csv_files`), then the phases that need the server
(:mod:`.first_load`)."""
