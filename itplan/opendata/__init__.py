"""Open data: the plans, projects, money lines and indicators as a Frictionless Data Package
(``package.py`` builds it from the tables described in ``schema.py``), downloaded from a plan's
page (``views.py``) or written by ``manage.py export_open_data``."""
