"""The read API, /api/v1/, and the personal tokens that open it (see urls.py)."""
