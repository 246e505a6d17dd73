# Runs a script in a fresh runspace with the module imported and collects every stream, including
# progress (which cannot be redirected) and errors (without stopping at the first one).

function Invoke-InRunspace {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [object[]] $ArgumentList = @(),
        # Variables to define first, e.g. @{ zone = $Zone }.
        [hashtable] $Variable = @{}
    )
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $iss.ImportPSModule($ModuleManifest)
    $runspace = [runspacefactory]::CreateRunspace($iss)
    $ps = [powershell]::Create()
    try {
        $runspace.Open()
        $ps.Runspace = $runspace
        $runspace.SessionStateProxy.Path.SetLocation($PWD.ProviderPath) | Out-Null
        foreach ($name in $Variable.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variable[$name]) }
        $null = $ps.AddScript($Script)
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        $output = [System.Collections.Generic.List[object]]::new()
        $terminating = $null
        try { foreach ($o in $ps.Invoke()) { $output.Add($o) } }
        catch [System.Management.Automation.MethodInvocationException] { $terminating = $_.Exception.InnerException.ErrorRecord }
        [pscustomobject]@{
            Output   = $output.ToArray()
            Errors   = @($ps.Streams.Error) + @($terminating | Where-Object { $_ })
            Verbose  = @($ps.Streams.Verbose | ForEach-Object Message)
            Warnings = @($ps.Streams.Warning | ForEach-Object Message)
            Progress = @($ps.Streams.Progress)
        }
    }
    finally {
        $ps.Dispose()
        $runspace.Dispose()
    }
}

function Invoke-Pwsh {
    <# Runs a command line in a new pwsh process, as a user would, from -WorkingDirectory; returns its exit code and output lines. #>
    param(
        [Parameter(Mandatory)] [string] $Command,
        [string] $WorkingDirectory = $RepoRoot
    )
    # Under `dotnet pwsh` the process is dotnet itself; pwsh.dll sits in $PSHOME.
    $exe = [Environment]::ProcessPath
    $prefix = @(if ((Split-Path -Leaf $exe) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    Push-Location $WorkingDirectory
    try {
        $env:NO_COLOR = '1'
        $lines = & $exe @prefix -NoProfile -NonInteractive -Command $Command 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($lines); Text = $lines -join "`n" }
    }
    finally {
        Remove-Item Env:NO_COLOR -ErrorAction Ignore
        Pop-Location
    }
}
