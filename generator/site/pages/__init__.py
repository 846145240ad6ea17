"""The office site's page functions, one module per family: home, tables (台账), case, groups
(units, types, leaders, alerts), documents (典型案例, 活动总结, 使用说明), downloads."""
