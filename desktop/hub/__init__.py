"""Data packages (上报数据包) from branches and the hub (汇总台) that gathers them. No Qt."""
