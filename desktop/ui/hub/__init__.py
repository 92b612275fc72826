"""The hub (汇总台) window: 支部一览, 干部, 报表 and 导入数据包, on desktop/hub's Qt-free core."""
