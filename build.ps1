#Requires -Version 7.4
<#
.SYNOPSIS
    The one front door: builds, tests, packages, cleans or demonstrates the EmailAuth module.
.DESCRIPTION
    Build    Builds the solution; the module project assembles <OutputPath>/EmailAuth/<Version>/,
             which Test-ModuleManifest then checks. Outputs the module folder.
    Test     Build, then the xunit tests of the core (dotnet test) and the Pester tests of the cmdlets
             (tests/EmailAuth.Tests, with the pinned Pester restored from NuGet). Writes the result
             files to <OutputPath>/TestResults/, prints one closing line "N passed, M failed" over both
             and exits with 1 when anything failed.
    Package  Build, then zips the module folder into <OutputPath>/EmailAuth.<Version>.zip; outputs its path.
             Unzip it into a folder named EmailAuth/<Version> on $env:PSModulePath.
    Clean    Removes <OutputPath> and the bin/obj folders of every project.
    Demo     Build, then runs the module's Samples/Demo.ps1: an offline audit of the bundled sample zone.
    Run it in pwsh: `dotnet tool restore` once, then `dotnet pwsh ./build.ps1 -Task <Task>`.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Suite Pester -TestPath tests/EmailAuth.Tests/Get-SpfRecord.Tests.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where the module folder, the zip and the test results go; default: out/ beside this script.
    [string] $OutputPath = (Join-Path $PSScriptRoot 'out'),

    # Test: which suites to run (both by default).
    [ValidateSet('All', 'Core', 'Pester')]
    [string] $Suite = 'All',

    # Test: Pester files or folders to run instead of the whole tests/EmailAuth.Tests folder.
    [string[]] $TestPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
# Relative to the PowerShell location, like any path parameter.
$OutputPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputPath)
# The version has one home: Directory.Build.props.
$version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.Version |
    Where-Object { $_ } | Select-Object -First 1
$moduleDir = Join-Path $OutputPath 'EmailAuth' $version
$resultsDir = Join-Path $OutputPath 'TestResults'

function Invoke-Dotnet {
    <# Runs dotnet; a non-zero exit is a terminating error unless -AllowFailure. Output streams as it comes. #>
    param([Parameter(Mandatory)] [string[]] $Arguments, [switch] $AllowFailure)
    Write-Verbose "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
    $LASTEXITCODE
}

function Invoke-Build {
    # A trailing '/' (not '\') so the argument never ends in \" on Windows.
    $outRoot = $OutputPath.TrimEnd('\', '/') + '/'
    $null = Invoke-Dotnet 'build', (Join-Path $root 'EmailAuth.sln'), '-c', $Configuration, "-p:ModuleOutputRoot=$outRoot",
        '-nologo', '-nodeReuse:false', '-v:minimal'
    $info = Test-ModuleManifest -Path (Join-Path $moduleDir 'EmailAuth.psd1')
    if ("$($info.Version)" -ne $version) { throw "Built manifest has version $($info.Version), expected $version." }
    $moduleDir
}

function Invoke-CoreTest {
    <# xunit through dotnet test; returns the counts read from its TRX file. #>
    $trx = Join-Path $resultsDir 'core.trx'
    Remove-Item $trx -ErrorAction Ignore
    $null = Invoke-Dotnet -AllowFailure 'test', (Join-Path $root 'tests' 'EmailAuth.Core.Tests'), '-c', $Configuration, '--no-build',
        '--logger', 'trx;LogFileName=core.trx', '--logger', 'console;verbosity=minimal', '--results-directory', $resultsDir
    if (-not (Test-Path $trx)) {
        Write-Warning 'dotnet test wrote no result file: counting the core suite as one failure.'
        return [pscustomobject]@{ Suite = 'xunit'; Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Suite   = 'xunit'
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

function Import-PinnedPester {
    <# Restores the Pester version pinned in tests/EmailAuth.Tests/PesterRestore.csproj and imports it from NuGet's folder. #>
    $project = Join-Path $root 'tests' 'EmailAuth.Tests' 'PesterRestore.csproj'
    $null = Invoke-Dotnet 'restore', $project, '-nologo', '-v:quiet'
    $assets = Get-Content -Raw (Join-Path $root 'tests' 'EmailAuth.Tests' 'obj' 'project.assets.json') | ConvertFrom-Json -AsHashtable
    $pesterVersion = ([xml](Get-Content -Raw $project)).Project.PropertyGroup.PesterVersion
    $manifest = $assets.packageFolders.Keys | ForEach-Object { Join-Path $_ 'pester' $pesterVersion 'tools' 'Pester.psd1' } |
        Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $manifest) { throw "Pester $pesterVersion was restored but its module was not found in $($assets.packageFolders.Keys -join ', ')." }
    Import-Module $manifest -Force -Global
}

function Invoke-PesterTest {
    Import-PinnedPester
    # The tests see a user's defaults, not this script's strict settings (both are inherited by child scopes).
    Set-StrictMode -Off
    $ErrorActionPreference = 'Continue'
    $config = New-PesterConfiguration
    # `pwsh -File` passes "a,b" as one string: split it, so the documented command line works from any shell.
    $config.Run.Path = if ($TestPath) { $TestPath -split ',' } else { Join-Path $root 'tests' 'EmailAuth.Tests' }
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = Join-Path $resultsDir 'pester.xml'
    # The tests import the module this build assembled, wherever -OutputPath put it.
    $env:EMAILAUTH_MODULE_MANIFEST = Join-Path $moduleDir 'EmailAuth.psd1'
    # ...and the AWS emulator (tests/Emulator/bin/<Configuration>/) this build made.
    $env:EMAILAUTH_CONFIGURATION = $Configuration
    $run = try { Invoke-Pester -Configuration $config } catch { Write-Error -ErrorRecord $_ -ErrorAction Continue }
    if (-not $run) {
        Write-Warning 'Pester did not run: counting the Pester suite as one failure.'
        return [pscustomobject]@{ Suite = 'Pester'; Passed = 0; Failed = 1; Skipped = 0 }
    }
    [pscustomobject]@{
        Suite   = 'Pester'
        Passed  = $run.PassedCount
        # A container or block that failed outside any test (a parse error, a failing AfterAll) counts once.
        Failed  = $run.FailedCount + @($run.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 }).Count +
                  @($run.FailedBlocks | Where-Object { $_.FailedCount -eq 0 }).Count
        Skipped = $run.SkippedCount + $run.NotRunCount
    }
}

switch ($Task) {
    'Build' { Invoke-Build }

    'Test' {
        $null = Invoke-Build
        $null = New-Item -ItemType Directory -Force $resultsDir
        $counts = @(
            if ($Suite -in 'All', 'Core') { Invoke-CoreTest }
            if ($Suite -in 'All', 'Pester') { Invoke-PesterTest }
        )
        $counts | Format-Table -AutoSize | Out-Host
        $passed = ($counts | Measure-Object Passed -Sum).Sum
        $failed = ($counts | Measure-Object Failed -Sum).Sum
        $skipped = ($counts | Measure-Object Skipped -Sum).Sum
        Write-Host "Results: $resultsDir"
        Write-Host "$passed passed, $failed failed, $skipped skipped"
        exit ([int]($failed -gt 0))
    }

    'Package' {
        $null = Invoke-Build
        $zip = Join-Path $OutputPath "EmailAuth.$version.zip"
        Compress-Archive -Path (Join-Path $moduleDir '*') -DestinationPath $zip -Force
        $zip
    }

    'Clean' {
        $dirs = @($OutputPath) + @(Get-ChildItem (Join-Path $root 'src'), (Join-Path $root 'tests'), (Join-Path $root 'benchmarks') -Directory -ErrorAction Ignore |
            ForEach-Object { Join-Path $_.FullName 'bin'; Join-Path $_.FullName 'obj' })
        $dirs | Where-Object { Test-Path $_ } | ForEach-Object {
            Write-Verbose "Removing $_"
            Remove-Item $_ -Recurse -Force
        }
    }

    'Demo' {
        $null = Invoke-Build
        # A child pwsh, as a user would start it: nothing of this script's state leaks into the demo.
        & ([Environment]::ProcessPath) @(if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) `
            -NoProfile -NonInteractive -Command "Import-Module '$moduleDir/EmailAuth.psd1'; & '$moduleDir/Samples/Demo.ps1'"
        exit $LASTEXITCODE
    }
}
