"""The 概览 page: today at a glance."""
