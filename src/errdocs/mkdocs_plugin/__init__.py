"""The thin MkDocs layer: everything MkDocs-specific lives here and nowhere else."""
