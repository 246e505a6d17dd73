#!/usr/bin/env pwsh
# Sync-SesDnsRecord of N identities (default 100) into one hosted zone through the local AWS emulator, which
# enforces Route 53's 5 requests/s per account (a token bucket of 5). Prints, per run, the Route 53 requests
# made, the lower bound they imply at 5/s, the time taken, and the throttling answers seen.
# Runs: 1. first sync (creates), 2. re-sync (all NoChange), 3. first sync into a fresh zone while the
# emulator throttles every third Route 53 request, 4. first sync with -Wait. Needs the module built: dotnet pwsh ./build.ps1 -Task Build.
#   dotnet pwsh benchmarks/sync-route53.ps1 [-Identities 100]
param([ValidateRange(1, 2000)] [int] $Identities = 100)
$ErrorActionPreference = 'Stop'
$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$Version = ([xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
Import-Module (Join-Path $RepoRoot 'out' 'EmailAuth' $Version 'EmailAuth.psd1')
. (Join-Path $RepoRoot 'tests' 'EmailAuth.Tests' 'Helpers' 'AwsEmulator.ps1')

$aws = Start-AwsEmulator
try {
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential; Region = 'us-east-1' }
    # Identities as Get-SesIdentity returns them (the SES side is not what is measured): dNNN.example.com,
    # three Easy DKIM tokens each and a custom MAIL FROM domain: 5 record sets per identity.
    $ids = foreach ($i in 1..$Identities) {
        $d = 'd{0:D4}.example.com' -f $i
        [EmailAuth.Core.Aws.Ses.SesIdentity]@{
            Identity = $d; IdentityType = 'DOMAIN'; Domain = $d; Account = $aws.AccountA.Id; Region = 'us-east-1'; MailFromDomain = "mail.$d"
            Dkim = [EmailAuth.Core.Aws.Ses.SesIdentityDkim]@{ Origin = 'AWS_SES'; Tokens = [string[]]@("a$i", "b$i", "c$i") }
        }
    }
    $records = @($ids | Get-SesDnsRecord -NoDmarc)

    function Measure-Sync([string] $Label, [string] $Zone, [switch] $Wait) {
        $before = Invoke-AwsEmulatorControl $aws request-stats @{ Service = 'route53' }
        $errors = $null
        $elapsed = Measure-Command { $script:out = @($records | Sync-SesDnsRecord @A -Wait:$Wait -ErrorVariable errors -ErrorAction SilentlyContinue) }
        $after = Invoke-AwsEmulatorControl $aws request-stats @{ Service = 'route53' }
        $n = $after.Total - $before.Total
        $throttled = [int]($after.Errors.Throttling) - [int]($before.Errors.Throttling)
        [pscustomobject]@{
            Run              = $Label
            RecordSets       = $records.Count
            Actions          = ($script:out | Group-Object Action | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' '
            Route53Requests  = $n
            Throttled        = $throttled
            BoundSec         = [math]::Round($n / 5, 1)
            Seconds          = [math]::Round($elapsed.TotalSeconds, 1)
            Errors           = @($errors).Count
            ZoneRecordSets   = @((Invoke-AwsEmulatorControl $aws dump-zone @{ ZoneId = $Zone }).Records).Count
        }
    }

    $zone = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'example.com' }).Id
    # Warm up (JIT, STS, the first connection) on a zone of its own so the runs below measure steady state.
    $warm = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'warm.example.net' }).Id
    $null = [EmailAuth.Core.Aws.DnsPlan.SesDnsRecord]@{ Name = 'x.warm.example.net.'; Type = 'TXT'; Values = [string[]]@('"warm"'); Ttl = 60 } | Sync-SesDnsRecord @A
    Measure-Sync 'first sync' $zone
    Measure-Sync 're-sync' $zone
    $null = Invoke-AwsEmulatorControl $aws reset
    $zone2 = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'example.com' }).Id
    $null = Invoke-AwsEmulatorControl $aws throttle-every @{ Service = 'route53'; N = 3 }
    Measure-Sync 'first sync, every 3rd request throttled' $zone2
    $null = Invoke-AwsEmulatorControl $aws reset
    $zone3 = (Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'example.com' }).Id
    Measure-Sync 'first sync -Wait (GetChange every 2 s)' $zone3 -Wait
} finally {
    Stop-AwsEmulator $aws
}
