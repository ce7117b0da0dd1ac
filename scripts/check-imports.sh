#!/usr/bin/env bash
# Pure targets must not import I/O frameworks (STYLE.md 1.2): fails when one does.
set -euo pipefail
cd "$(dirname "$0")/.."
pure=(SecurityModel VersionKit DockerfileSyntax DockerfileLint ReportFormats ProjectConfiguration OCIImage Catalogers SBOMFormats ImageChecks AdvisoryModel AdvisoryFeeds VulnerabilityMatching VulnerabilityReports YAMLDocuments KubernetesAudit ContainerAudit DockerHostAudit ComposeAudit RuntimeEvents FalcoCondition FalcoRules RuleEngine AlertFormats SensorRecords RuntimeInventory DefaultRules)
forbidden='^\s*(public |internal |package )?import (Foundation|FoundationNetworking|NIO[A-Za-z]*|AsyncHTTPClient|GRDB|Hummingbird|CLibbpf|CLibBPF|Dispatch|Glibc)\s*$'
status=0
for t in "${pure[@]}"; do
  if hits=$(grep -rnE "$forbidden" "Sources/$t" --include='*.swift'); then
    echo "pure target $t imports an I/O module:" >&2
    echo "$hits" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "check-imports: pure targets are clean (${pure[*]})"
exit $status
