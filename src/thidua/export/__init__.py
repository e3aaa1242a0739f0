"""Writing output folders: bulk export, single folders, staging, manifest, ZIP."""
