# The AWS emulator (tests/Emulator: SESv2, Route 53 and STS on 127.0.0.1 with SigV4 checks and two accounts)
# as a process, for the AWS cmdlets' tests. Start it in BeforeAll, stop it in AfterAll:
#   BeforeAll { $aws = Start-AwsEmulator }   AfterAll { Stop-AwsEmulator $aws }
# Control it with Invoke-AwsEmulatorControl (POST /_emulator/<action>, loopback only).

function Get-AwsEmulatorPath {
    <# The emulator dll the solution build wrote for build.ps1's -Configuration (EMAILAUTH_CONFIGURATION), else the newest build. #>
    $bin = Join-Path $RepoRoot 'tests' 'Emulator' 'bin'
    $configurations = if ($env:EMAILAUTH_CONFIGURATION) { @($env:EMAILAUTH_CONFIGURATION) } else { 'Release', 'Debug' }
    $dll = $configurations | ForEach-Object { Get-ChildItem (Join-Path $bin $_) -Recurse -Filter 'EmailAuth.Emulator.dll' -ErrorAction Ignore } |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $dll) { throw "The AWS emulator is not built under $bin ($($configurations -join ', ')): run 'dotnet pwsh ./build.ps1 -Task Build'." }
    $dll.FullName
}

function Start-AwsEmulator {
    <#
    Runs `dotnet EmailAuth.Emulator.dll`; returns Endpoint, AccountA/AccountB (Id, AccessKeyId, SecretAccessKey,
    Credential as a PSCredential), RoleArn and ExternalId (B's role that A may assume) and the Process.
    #>
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.ArgumentList.Add((Get-AwsEmulatorPath))
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    # The emulator never needs the caller's AWS settings; keep them out of its environment.
    foreach ($name in @($psi.Environment.Keys | Where-Object { $_ -like 'AWS_*' })) { $null = $psi.Environment.Remove($name) }
    $process = [System.Diagnostics.Process]::Start($psi)
    # Bounded: the first line comes once Kestrel listens; 60 s covers a cold start on a busy machine.
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(60000) -or -not $line.Result) {
        $err = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { '' }
        if (-not $process.HasExited) { $process.Kill() }
        throw "The AWS emulator did not start. $err"
    }
    $info = $line.Result | ConvertFrom-Json
    foreach ($account in $info.AccountA, $info.AccountB) {
        $secret = ConvertTo-SecureString $account.SecretAccessKey -AsPlainText -Force
        $account | Add-Member -NotePropertyName Credential -NotePropertyValue ([pscredential]::new($account.AccessKeyId, $secret))
    }
    [pscustomobject]@{
        Endpoint   = $info.Endpoint
        AccountA   = $info.AccountA
        AccountB   = $info.AccountB
        RoleArn    = $info.RoleArn
        ExternalId = $info.ExternalId
        Process    = $process
    }
}

function Stop-AwsEmulator {
    <# Closes the emulator's stdin (it stops by itself), or kills it after 10 s. #>
    param([Parameter(Mandatory)] [AllowNull()] $Emulator)
    if (-not $Emulator) { return }
    $p = $Emulator.Process
    if (-not $p.HasExited) {
        $p.StandardInput.Close()
        if (-not $p.WaitForExit(10000)) { $p.Kill(); $null = $p.WaitForExit(10000) }
    }
    $p.Dispose()
}

function Invoke-AwsEmulatorControl {
    <#
    POST /_emulator/<Action> with -Body as JSON. Actions: reset; identity (Account A|B, Region, Identity,
    VerificationStatus, DkimStatus, MailFromDomain, MailFromStatus, Policies @{ name = json }); dump-ses (Account, Region:
    Identities with MailFromDomain, BehaviorOnMxFailure, Policies; reads only); hosted-zone (Account, Name, Private);
    record-set (Account, ZoneId, Name, Type, Ttl, Values: an array); request-stats (Service): Total, Errors by code;
    dump-zone (Account, ZoneId); fault (Service ses|route53|sts, Kind Throttle|PriorRequestNotComplete|ServerError|Unavailable, Count);
    throttle-every (Service, N); disable-region (Region).
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Action, [hashtable] $Body = @{})
    $r = Invoke-WebRequest -Method Post -Uri "$($Emulator.Endpoint)/_emulator/$Action" -ContentType 'application/json' `
        -Body ($Body | ConvertTo-Json -Compress) -TimeoutSec 30 -SkipHttpErrorCheck
    $answer = $r.Content | ConvertFrom-Json
    if ($r.StatusCode -ne 200) { throw "Emulator control '$Action' answered $($r.StatusCode): $($answer.Message)" }
    $answer
}

function Use-AwsEmulatorEnvironment {
    <#
    Points the SDK's environment at the emulator as account A (AWS_ENDPOINT_URL, keys, region) and returns
    the previous values for Restore-AwsEnvironment: for code run as a user would type it (help examples).
    #>
    param([Parameter(Mandatory)] $Emulator, [string] $Region = 'us-east-1')
    $names = 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE',
        'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED'
    $saved = @{}
    foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $null) }
    $env:AWS_ENDPOINT_URL = $Emulator.Endpoint
    $env:AWS_ACCESS_KEY_ID = $Emulator.AccountA.AccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Emulator.AccountA.SecretAccessKey
    $env:AWS_REGION = $Region
    # No shared files and no instance metadata: nothing outside the emulator is consulted.
    $env:AWS_CONFIG_FILE = Join-Path ([IO.Path]::GetTempPath()) 'emailauth-no-aws-config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path ([IO.Path]::GetTempPath()) 'emailauth-no-aws-credentials'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $saved
}

function Restore-AwsEnvironment {
    param([Parameter(Mandatory)] [hashtable] $Saved)
    foreach ($n in $Saved.Keys) { [Environment]::SetEnvironmentVariable($n, $Saved[$n]) }
}
