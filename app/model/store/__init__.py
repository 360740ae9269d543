"""The store: where the data is, the engine and the Store, the schema and its
migrations, the entities and the settings."""
