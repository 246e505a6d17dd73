# README.md stays true: its two first commands, the CI script that runs the second, and the quick start.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
    $firstBlock = [regex]::Match($readme, '```sh\n(?<code>.*?)```', 'Singleline').Groups['code'].Value
    $commands = @($firstBlock -split "`n" | Where-Object { $_.Trim() })
    # The first ```powershell block under "## Quick start".
    $quickStart = [regex]::Match($readme, '(?ms)^## Quick start[^\n]*\n(?:(?!^## ).)*?```powershell\n(?<code>.*?)```').Groups['code'].Value
    # The first ```powershell block after "Amazon SES runbook".
    $runbook = [regex]::Match($readme, '(?s)Amazon SES runbook.*?```powershell\n(?<code>.*?)```').Groups['code'].Value
    # The first ```powershell block under "## Why is DMARC failing?".
    $whyDmarc = [regex]::Match($readme, '(?ms)^## Why is DMARC failing\?[^\n]*\n(?:(?!^## ).)*?```powershell\n(?<code>.*?)```').Groups['code'].Value
}

Describe 'README.md' {
    It 'starts with exactly two commands: the demo and the tests, each from a fresh clone' {
        $readme.IndexOf('```sh') | Should -BeLessThan $readme.IndexOf('```powershell')
        $commands | Should -HaveCount 2
        $commands[0] | Should -Match '^dotnet tool restore && dotnet pwsh \./build\.ps1 -Task Demo\s*$'
        $commands[1] | Should -Match '^dotnet tool restore && dotnet pwsh \./build\.ps1 -Task Test\s*$'
    }

    It 'is what .ci/run runs for the tests' {
        $ci = Get-Content (Join-Path $RepoRoot '.ci' 'run')
        $ci | Where-Object { $_.Trim() -eq $commands[1].Trim() } | Should -HaveCount 1
    }

    It 'pins pwsh as a local tool' {
        $tools = Get-Content -Raw (Join-Path $RepoRoot '.config' 'dotnet-tools.json') | ConvertFrom-Json
        $tools.tools.powershell.version | Should -Be '7.6.9'
        $tools.tools.powershell.commands | Should -Be 'pwsh'
    }

    It 'imports the built module by its versioned path in the quick start' {
        $quickStart | Should -Not -BeNullOrEmpty
        ($quickStart -split "`n" | Where-Object { $_ -match '^\s*Import-Module' }) | Should -Match ([regex]::Escape("./out/EmailAuth/$Version/EmailAuth.psd1"))
    }

    It 'runs the quick start in a new pwsh from the repository root without errors' {
        $script = Join-Path $TestDrive 'quickstart.ps1'
        Set-Content $script ('$ErrorActionPreference = "Continue"', $quickStart, 'if ($Error.Count) { $Error | Out-String | Write-Host; exit 1 }')
        $r = Invoke-Pwsh "& '$script'"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match 'example.com'
        $r.Text | Should -Match 'Pass'
    }

    It 'runs the SES runbook (create identity, Get-SesIdentity | Sync-SesDnsRecord, re-sync, Test-EmailAuth) in a new pwsh against the AWS emulator' {
        $runbook | Should -Match 'Get-SesIdentity [^|\n]*\| Sync-SesDnsRecord'
        $aws = Start-AwsEmulator
        $saved = Use-AwsEmulatorEnvironment $aws
        try {
            $null = Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'example.com' }
            $script = Join-Path $TestDrive 'runbook.ps1'
            Set-Content $script ("Import-Module '$ModuleManifest'", '$ErrorActionPreference = "Continue"', $runbook,
                'if ($Error.Count) { $Error | Out-String | Write-Host; exit 1 }')
            $r = Invoke-Pwsh "& '$script'"
        }
        finally {
            Restore-AwsEnvironment $saved
            Stop-AwsEmulator $aws
        }
        $r.ExitCode | Should -Be 0 -Because $r.Text
        # First sync: 3 DKIM CNAMEs, MAIL FROM MX and SPF created and INSYNC (the table may cut it to INSY…); the re-sync changes nothing.
        @($r.Output | Where-Object { $_ -match '^Create\s+\S+\s+(CNAME|MX|TXT)\s+INSY' }).Count | Should -Be 5 -Because $r.Text
        @($r.Output | Where-Object { $_ -match '^NoChange\s' }).Count | Should -Be 5 -Because $r.Text
        @($r.Output | Where-Object { $_ -match '^(Upsert|Skipped)\s' }) | Should -BeNullOrEmpty
        # The posture step sees the synced records (none missing) and the identity still pending at SES.
        $r.Text | Should -Match 'SES_IDENTITY_NOT_VERIFIED'
        $r.Text | Should -Match 'DKIM_CNAME_DANGLING\s+[0-9a-f]{20}' # the child's console may cut the name
        $r.Text | Should -Not -Match 'SES_DKIM_CNAME_MISSING|SES_MAIL_FROM_MX_MISSING|SES_MAIL_FROM_SPF_NO_SES|SPF_INCLUDE_NO_RECORD'
    }

    It 'runs the "Why is DMARC failing?" walkthrough on the bundled SES message in a new pwsh, with the verdict it describes' {
        $whyDmarc | Should -Match 'Test-EmailMessage \./samples/ses-default-mail-from\.eml'
        $script = Join-Path $TestDrive 'why-dmarc.ps1'
        Set-Content $script ("Import-Module '$ModuleManifest'", '$ErrorActionPreference = "Continue"', $whyDmarc,
            'if ($Error.Count) { $Error | Out-String | Write-Host; exit 1 }')
        $r = Invoke-Pwsh "& '$script'"
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $flat = ($r.Output | ForEach-Object Trim) -join ' '
        $flat | Should -Match 'Spf\s+: Pass for us-east-1\.amazonses\.com'
        $flat | Should -Match 'Dkim\s+: Pass d=amazonses\.com'
        $flat | Should -Match 'Dmarc\s+: Fail \(policy Quarantine, disposition Quarantine'
        $flat | Should -Match 'ReportedBy\s+: mx\.google\.com'
        $r.Text | Should -Match 'DMARC_SPF_NOT_ALIGNED_SES_DEFAULT_MAIL_FROM'
        $r.Text | Should -Match 'DMARC_DKIM_NOT_ALIGNED_SES_DEFAULT'
        $r.Text | Should -Match 'Error DMARC_FAIL\s+retail\.example\.com'
    }
}
