"""Django admin for the consultation capability (registered from backoffice/admin.py)."""
