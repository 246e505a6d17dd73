<#
.SYNOPSIS
    Test-EmailAuth itself, in PowerShell, over N generated domains against the posture benchmark's slow DNS server
    (knotd behind a proxy that adds 20 ms to every answer), several runs in one session.
.DESCRIPTION
    The same zone, server and bound as the "posture" mode of EmailAuth.Benchmarks (see benchmarks/README.md), which
    it starts with --serve. After 20 warm-up audits on names the runs never ask, each run audits N names no earlier
    run asked (the module's DNS cache lives as long as the session), with -Selector s1 and -ThrottleLimit 64, and
    prints its time and the ratio to the bound: sequential lookups per domain × delay × N / ThrottleLimit. The first
    run is what a fresh session pays (the JIT still compiling); later runs show a warm session.
    Build the module first: dotnet pwsh ./build.ps1 -Task Build (or name a manifest with -ModuleManifest). Needs knotd.
.EXAMPLE
    dotnet pwsh ./benchmarks/posture-pwsh.ps1 -Domains 1000 -Runs 3
#>
param(
    [int] $Domains = 1000,
    [int] $ThrottleLimit = 64,
    [int] $Delay = 20,
    [int] $Runs = 3,
    # The module to measure; default: the one build.ps1 put under out/.
    [string] $ModuleManifest
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
if (-not $ModuleManifest) {
    $ModuleManifest = Get-ChildItem (Join-Path $root 'out/EmailAuth') -Filter EmailAuth.psd1 -Recurse -ErrorAction SilentlyContinue |
        Select-Object -First 1 -ExpandProperty FullName
}
if (-not $ModuleManifest) { throw 'Build the module first: dotnet pwsh ./build.ps1 -Task Build' }
Import-Module $ModuleManifest -Force

# The server: its zone holds d0 .. d(N × Runs) and w0..w19; it prints "<endpoint> <sequential lookups per domain>".
$start = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in 'run', '-c', 'Release', '--project', (Join-Path $root 'benchmarks/EmailAuth.Benchmarks'), '--',
               'posture', '--serve', '--domains', ($Domains * $Runs), '--delay', $Delay, '--selector', 's1') {
    $start.ArgumentList.Add([string]$a)
}
$start.RedirectStandardInput = $true
$start.RedirectStandardOutput = $true
$server = [Diagnostics.Process]::Start($start)
try {
    # dotnet run may print build output first: the server's line is "<ip>:<port> <depth>".
    while (($line = $server.StandardOutput.ReadLine()) -ne $null -and $line -notmatch '^\S+:\d+ \d+$') { }
    if (-not $line) { throw 'The benchmark server did not start (is knotd installed?).' }
    $endpoint, $depth = $line -split ' '
    $bound = [int]$depth * $Delay / 1000 * $Domains / $ThrottleLimit
    "Test-EmailAuth, $Domains domains a run, delay $Delay ms per answer, ThrottleLimit $ThrottleLimit, -Selector s1"
    "sequential lookups per domain: $depth; bound {0:0.00} s" -f $bound

    $null = Test-EmailAuth -Domain (0..19 | ForEach-Object { "w$_.bench" }) -Server $endpoint -Selector s1 -ThrottleLimit $ThrottleLimit
    for ($run = 0; $run -lt $Runs; $run++) {
        $names = ($run * $Domains)..(($run + 1) * $Domains - 1) | ForEach-Object { "d$_.bench" }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $reports = Test-EmailAuth -Domain $names -Server $endpoint -Selector s1 -ThrottleLimit $ThrottleLimit
        $clock.Stop()
        $seconds = $clock.Elapsed.TotalSeconds
        $grades = ($reports | Group-Object Grade | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
        'run {0}: {1:0.00} s, {2:0} domains/s, ratio {3:0.00}x; grades: {4}' -f ($run + 1), $seconds, ($Domains / $seconds), ($seconds / $bound), $grades
        if ($reports.Count -ne $Domains -or ($reports | Where-Object Grade -eq 'TempError')) { throw "Run $($run + 1): not every domain was audited." }
    }
}
finally {
    $server.StandardInput.Close()
    if (-not $server.WaitForExit(10000)) { $server.Kill() }
}
