"""Django admin for the demand capability (registered from backoffice/admin.py)."""
