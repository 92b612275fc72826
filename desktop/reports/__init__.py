"""Official-format PDF reports (GB/T 9704-2012 layout), Qt-free."""
