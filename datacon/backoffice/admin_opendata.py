"""Django admin for the opendata capability (registered from backoffice/admin.py)."""
