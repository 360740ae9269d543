"""Files in and out: the one CSV reader and its values, the import report, and one module
per format, each with its export beside its import."""
