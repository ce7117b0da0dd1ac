import ToolCommands

Bulkhead.runAsMain()
