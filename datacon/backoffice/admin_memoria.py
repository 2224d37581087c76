"""Django admin for the memoria capability (registered from backoffice/admin.py)."""
