"""Packaged resources: icons, stylesheets."""
