# Help for every cmdlet and parameter, and every help example run offline on the bundled samples.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $cmdlets = (Get-Command -Module EmailAuth).Name | Sort-Object
    $examples = foreach ($name in $cmdlets) {
        $i = 0
        foreach ($example in (Get-Help -Name $name -Full).examples.example) {
            @{ Cmdlet = $name; Number = ++$i; Code = ($example.code | Out-String).Trim() }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Help for <_>' -ForEach $cmdlets {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full
    }

    It 'has a synopsis written for it' {
        # Without a help file, Get-Help makes the synopsis from the syntax ("Get-X [-P] <T> ...").
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$name*"
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter the cmdlet has' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $undocumented = (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common } | Where-Object {
            -not ((Get-Help -Name $name -Parameter $_).description.Text -join '').Trim()
        }
        $undocumented | Should -BeNullOrEmpty
    }
}

Describe '-TimeoutSec help' {
    It 'gives the per-item time limit of <_>' -ForEach 'Get-SpfRecord', 'Test-SpfHost' {
        ((Get-Help $_ -Parameter TimeoutSec).description.Text -join ' ') | Should -Match ([regex]::Escape('max(20, 4 × TimeoutSec × servers)'))
    }
}

Describe 'Help examples' {
    BeforeAll {
        # AWS cmdlets' examples are written for a real account. They run here unchanged against the local
        # AWS emulator (127.0.0.1), which the SDK reaches through AWS_ENDPOINT_URL and the environment's keys
        # as a user's shell would: account A has identities in us-east-1 and eu-west-1; B has the role.
        $aws = Start-AwsEmulator
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1'; VerificationStatus = 'SUCCESS'; MailFromDomain = 'mail.example.com' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'eu-west-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.org'; Region = 'us-east-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'user@example.net'; Region = 'us-east-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.net'; Region = 'us-east-1'; VerificationStatus = 'SUCCESS' }
        # For the identity management examples: an identity to delete, a failed one, and policies to read and delete.
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'old.example.com'; Region = 'us-east-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'retired.example'; Region = 'us-east-1'; VerificationStatus = 'FAILED' }
        $grant = { param($account) '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["' + $account + '"]},"Action":["ses:SendEmail","ses:SendRawEmail"],"Resource":"arn:aws:ses:us-east-1:111111111111:identity/example.com"}]}' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1'; Policies = @{ partner = (& $grant '222222222222'); 'old-partner' = (& $grant '333333333333') } }
        # Sync-SesDnsRecord's examples: example.com's zone in account A, example.org's in account B (reached through B's role).
        $null = Invoke-AwsEmulatorControl $aws hosted-zone @{ Name = 'example.com' }
        $null = Invoke-AwsEmulatorControl $aws hosted-zone @{ Account = 'B'; Name = 'example.org' }
    }

    AfterAll {
        Stop-AwsEmulator $aws
    }

    It '<Cmdlet> example <Number> runs offline without errors' -ForEach $examples {
        # A fresh runspace for each, as a user would paste it; no -Server example may need the network.
        # Examples of non-AWS cmdlets that start from Get-SesIdentity (Get-SesDnsRecord, Export-SesDnsRecord) need it too.
        $isAws = (Get-Command $Cmdlet).Parameters.ContainsKey('EndpointUrl') -or $Code -match '\bGet-SesIdentity\b'
        $saved = if ($isAws) { Use-AwsEmulatorEnvironment $aws }
        try { $r = Invoke-InRunspace -Script $Code }
        finally { if ($isAws) { Restore-AwsEnvironment $saved } }
        $r.Errors | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        # Remove-* cmdlets write nothing when they succeed (or with -WhatIf); every other example shows its result.
        if ($Cmdlet -notlike 'Remove-*') { $r.Output | Should -Not -BeNullOrEmpty }
    }
}

Describe 'about_EmailAuth' {
    It 'is found by Get-Help and explains zone files and codes' {
        $text = Get-Help about_EmailAuth | Out-String
        $text | Should -Match '-ZoneFile'
        $text | Should -Match 'SPF_NO_RECORD'
    }
}
