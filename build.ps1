<#
.SYNOPSIS
    Builds, tests, packages or cleans the EmailAuth module.
.DESCRIPTION
    Build    dotnet build of the module project, which assembles <OutputPath>/EmailAuth/<Version>/,
             then Test-ModuleManifest on that copy. Outputs the module folder path.
    Test     dotnet test EmailAuth.sln (every test project).
    Package  Build, then zip the module folder into <OutputPath>/EmailAuth.<Version>.zip.
             Unzip it into a folder named EmailAuth/<Version> on $env:PSModulePath.
    Clean    Removes <OutputPath> and the bin/obj folders of every project.
    Uses only core cmdlets and .NET calls, so it runs in Windows PowerShell 5.1, pwsh and
    the EmailAuth.Host engine alike. A failed dotnet command is a terminating error.
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where the module folder and the zip go; default: out/ beside this script.
    [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
if (-not $OutputPath) { $OutputPath = [System.IO.Path]::Combine($root, 'out') }
# Relative to the PowerShell location, like any path parameter (not the process directory).
$OutputPath = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)

# The version has one home: Directory.Build.props.
$props = [xml][System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'Directory.Build.props'))
$version = $props.SelectSingleNode('/Project/PropertyGroup/Version').InnerText
$moduleDir = [System.IO.Path]::Combine($OutputPath, 'EmailAuth', $version)

function Invoke-Dotnet {
    param([string[]] $Arguments, [switch] $PassThru)
    $PSCmdlet.WriteVerbose("dotnet $($Arguments -join ' ')")
    if ($PassThru) {
        # Test output streams as it comes: it is the result the caller wants to read.
        & dotnet @Arguments
    } else {
        $log = @(& dotnet @Arguments 2>&1 | ForEach-Object { "$_" })
        $log | ForEach-Object { $PSCmdlet.WriteVerbose($_) }
    }
    if ($LASTEXITCODE -ne 0) {
        $tail = if ($PassThru) { '' } else { "`n" + (($log | Select-Last 40) -join "`n") }
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE.$tail"
    }
}

# Select-Object is not in every engine (the hosted SDK has only core cmdlets).
function Select-Last {
    param([Parameter(ValueFromPipeline)] $InputObject, [int] $Count)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end { $items.GetRange([Math]::Max(0, $items.Count - $Count), [Math]::Min($Count, $items.Count)) }
}

function Invoke-Build {
    # A trailing '/' (not '\') so the argument never ends in \" on Windows.
    $outRoot = $OutputPath.TrimEnd('\', '/') + '/'
    Invoke-Dotnet @('build', [System.IO.Path]::Combine($root, 'src', 'EmailAuth', 'EmailAuth.csproj'),
        '-c', $Configuration, "-p:ModuleOutputRoot=$outRoot", '-nologo', '-nodeReuse:false')
    $manifest = [System.IO.Path]::Combine($moduleDir, 'EmailAuth.psd1')
    $info = Test-ModuleManifest -Path $manifest -ErrorAction Stop
    if ("$($info.Version)" -ne $version) { throw "Built manifest has version $($info.Version), expected $version." }
    $moduleDir
}

switch ($Task) {
    'Build' {
        Invoke-Build
    }
    'Test' {
        Invoke-Dotnet -PassThru @('test', [System.IO.Path]::Combine($root, 'EmailAuth.sln'), '-c', $Configuration, '-nodeReuse:false')
    }
    'Package' {
        $null = Invoke-Build
        if ($PSVersionTable.PSEdition -ne 'Core') {
            # Windows PowerShell does not load the zip assembly by itself (and Add-Type is not a core cmdlet).
            $null = [System.Reflection.Assembly]::LoadWithPartialName('System.IO.Compression.FileSystem')
        }
        $zip = [System.IO.Path]::Combine($OutputPath, "EmailAuth.$version.zip")
        if ([System.IO.File]::Exists($zip)) { [System.IO.File]::Delete($zip) }
        [System.IO.Compression.ZipFile]::CreateFromDirectory($moduleDir, $zip)
        $zip
    }
    'Clean' {
        $dirs = @($OutputPath)
        foreach ($top in 'src', 'tests', 'benchmarks') {
            $topDir = [System.IO.Path]::Combine($root, $top)
            if (-not [System.IO.Directory]::Exists($topDir)) { continue }
            foreach ($project in [System.IO.Directory]::GetDirectories($topDir)) {
                $dirs += [System.IO.Path]::Combine($project, 'bin'), [System.IO.Path]::Combine($project, 'obj')
            }
        }
        foreach ($dir in $dirs) {
            if ([System.IO.Directory]::Exists($dir)) {
                $PSCmdlet.WriteVerbose("Removing $dir")
                [System.IO.Directory]::Delete($dir, $true)
            }
        }
    }
}
