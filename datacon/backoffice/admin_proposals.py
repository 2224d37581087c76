"""Django admin for the proposals capability (registered from backoffice/admin.py)."""
