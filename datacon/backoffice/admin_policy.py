"""Django admin for the policy capability (registered from backoffice/admin.py)."""
