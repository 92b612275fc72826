"""Data-safety UI: 数据安全 settings, damaged-database and second-instance handling."""
