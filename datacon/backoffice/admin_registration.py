"""Django admin for the registration capability (registered from backoffice/admin.py)."""
