"""The 花名册 page: member table, filters, member dialog, import and export."""
