# -ProfileName with shared config profiles, against the AWS emulator's STS, in a new pwsh per case: AWSSDK.Core reads
# AWS_SHARED_CREDENTIALS_FILE once per process (docs/AWS-NOTES-additions.md), so each case gets fresh temporary files.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator

    # Runs $Command in a new pwsh whose SDK sees only $Config / $Credentials (and HOME, so no SSO token cache of the machine).
    function Invoke-WithProfiles([string] $Config, [string] $Credentials, [string] $Command) {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "emailauth-profiles-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $dir
        $names = 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
            'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EC2_METADATA_DISABLED', 'HOME'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        try {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $null) }
            Set-Content (Join-Path $dir 'config') $Config
            Set-Content (Join-Path $dir 'credentials') $Credentials
            $env:AWS_CONFIG_FILE = Join-Path $dir 'config'
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $dir 'credentials'
            $env:AWS_ENDPOINT_URL = $aws.Endpoint
            $env:AWS_EC2_METADATA_DISABLED = 'true'
            $env:HOME = $dir
            Invoke-Pwsh -Command "Import-Module '$ModuleManifest'; `$ErrorActionPreference = 'Stop'; $Command"
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
            Remove-Item $dir -Recurse -Force
        }
    }
    $credentials = "[base]`naws_access_key_id = $($aws.AccountA.AccessKeyId)`naws_secret_access_key = $($aws.AccountA.SecretAccessKey)`n"
    $config = @"
[profile base]
region = us-east-1
[profile dns]
role_arn = $($aws.RoleArn)
source_profile = base
external_id = $($aws.ExternalId)
region = eu-west-1
[profile dns-no-external-id]
role_arn = $($aws.RoleArn)
source_profile = base
region = eu-west-1
[profile sso]
sso_start_url = http://127.0.0.1:9/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = EmailAuthSso
region = us-east-1
"@
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe '-ProfileName with shared config profiles' {
    It 'assumes role_arn from source_profile with the profile''s external_id (SDK profile support)' {
        $r = Invoke-WithProfiles $config $credentials "Get-SesAccount -ProfileName dns | ForEach-Object { `$_.Account + '|' + `$_.Region }"
        $r.Text | Should -Be '222222222222|eu-west-1'
        $r.ExitCode | Should -Be 0
    }

    It 'is refused by the role''s trust policy without external_id, as a clear error without the secret' {
        $r = Invoke-WithProfiles $config $credentials "Get-SesAccount -ProfileName dns-no-external-id"
        $r.ExitCode | Should -Not -Be 0
        $r.Text | Should -Match 'AccessDenied|not authorized'
        $r.Text | Should -Not -Match ([regex]::Escape($aws.AccountA.SecretAccessKey))
    }

    It 'gives an SSO profile without a cached token a terminating error naming aws sso login, without secrets' {
        $r = Invoke-WithProfiles $config $credentials "`$ErrorActionPreference = 'Continue'; try { Get-SesAccount -ProfileName sso } catch { 'TERMINATING ' + `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message }"
        $r.Text | Should -Match '^TERMINATING AwsSsoLoginRequired,'
        $r.Text | Should -Match ([regex]::Escape("Run 'aws sso login --profile sso'"))
        $r.Text | Should -Not -Match ([regex]::Escape($aws.AccountA.SecretAccessKey))
    }
}
