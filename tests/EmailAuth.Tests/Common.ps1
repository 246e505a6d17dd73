# Dot-sourced by every test file (BeforeAll, and BeforeDiscovery where test cases come from the module):
#   BeforeAll { . $PSScriptRoot/Common.ps1 }
# Imports the module that build.ps1 assembled and defines the paths and helpers the tests share.

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$Version = ([xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))).Project.PropertyGroup.Version |
    Where-Object { $_ } | Select-Object -First 1
# build.ps1 -Task Test says where it put the module; otherwise the default build output.
$ModuleManifest = if ($env:EMAILAUTH_MODULE_MANIFEST) { $env:EMAILAUTH_MODULE_MANIFEST }
                  else { Join-Path $RepoRoot 'out' 'EmailAuth' $Version 'EmailAuth.psd1' }
$ModuleBase = Split-Path -Parent $ModuleManifest
$Zone = Join-Path $RepoRoot 'samples' 'example.com.zone'
$Fixtures = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'ps'

if (-not (Test-Path $ModuleManifest)) {
    throw "The module is not built at ${ModuleManifest}: run 'dotnet pwsh ./build.ps1 -Task Build' first (the Test task does)."
}
Import-Module $ModuleManifest -ErrorAction Stop

. (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
. (Join-Path $PSScriptRoot 'Helpers' 'Isolation.ps1')
. (Join-Path $PSScriptRoot 'Helpers' 'DnsServers.ps1')
. (Join-Path $PSScriptRoot 'Helpers' 'AwsEmulator.ps1')
. (Join-Path $PSScriptRoot 'Helpers' 'Browser.ps1')

function Get-ErrorId {
    <# The ErrorId part of FullyQualifiedErrorId ('InvalidDomainName' of 'InvalidDomainName,EmailAuth.Commands...'). #>
    param([Parameter(ValueFromPipeline)] [System.Management.Automation.ErrorRecord] $ErrorRecord)
    process { $ErrorRecord.FullyQualifiedErrorId.Split(',')[0] }
}
