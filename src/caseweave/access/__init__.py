"""access: consent, care teams, sensitivity categories, THE policy, break-glass."""
