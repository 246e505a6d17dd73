# Set-SesMailFromDomain against the AWS emulator: subdomain rule, -Clear, before → after in ShouldProcess, pipeline, -WhatIf.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $RoleB = @{ RoleArn = $aws.RoleArn; ExternalId = $aws.ExternalId }
    function Get-EmulatedIdentity([string] $Name, [string] $Account = 'A', [string] $Region = 'us-east-1') {
        (Invoke-AwsEmulatorControl $aws dump-ses @{ Account = $Account; Region = $Region }).Identities | Where-Object Identity -eq $Name
    }
    function Initialize-Identities {
        $null = Invoke-AwsEmulatorControl $aws reset
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1'; VerificationStatus = 'SUCCESS' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'eu-west-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.org'; Region = 'us-east-1'; MailFromDomain = 'bounce.example.org' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.com'; Region = 'us-east-1' }
    }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Set-SesMailFromDomain' {
    BeforeEach { Initialize-Identities }

    It 'sets a subdomain given as one label and returns the identity with -PassThru' {
        $i = Set-SesMailFromDomain @A -Identity example.com -MailFromDomain mail -BehaviorOnMxFailure RejectMessage -Region us-east-1 -PassThru
        $i | Should -BeOfType ([EmailAuth.Core.Aws.Ses.SesIdentity])
        $i.MailFromDomain | Should -Be 'mail.example.com'
        $i.BehaviorOnMxFailure | Should -Be 'REJECT_MESSAGE'
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -Be 'mail.example.com'
        (Get-EmulatedIdentity example.com -Region eu-west-1).MailFromDomain | Should -BeNullOrEmpty
    }

    It 'writes nothing without -PassThru' {
        Set-SesMailFromDomain @A -Identity example.com -MailFromDomain bounce.example.com -Region us-east-1 | Should -BeNullOrEmpty
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -Be 'bounce.example.com'
    }

    It 'keeps the identity''s MX failure behaviour when -BehaviorOnMxFailure is not given' {
        Set-SesMailFromDomain @A -Identity example.com -MailFromDomain mail -BehaviorOnMxFailure RejectMessage -Region us-east-1
        Set-SesMailFromDomain @A -Identity example.com -MailFromDomain bounce -Region us-east-1
        $i = Get-EmulatedIdentity example.com
        $i.MailFromDomain | Should -Be 'bounce.example.com'
        $i.BehaviorOnMxFailure | Should -Be 'REJECT_MESSAGE'
    }

    It 'returns to the default MAIL FROM with <Case>' -ForEach @(
        @{ Case = '-Clear'; Splat = @{ Clear = $true } }
        @{ Case = '-MailFromDomain empty'; Splat = @{ MailFromDomain = '' } }
    ) {
        $i = Set-SesMailFromDomain @A -Identity example.org -Region us-east-1 @Splat -PassThru
        $i.MailFromDomain | Should -BeNullOrEmpty
        (Get-EmulatedIdentity example.org).MailFromDomain | Should -BeNullOrEmpty
    }

    It 'refuses <MailFrom> with InvalidMailFromDomain and changes nothing' -ForEach @(
        @{ MailFrom = 'mail.example.net' }, @{ MailFrom = 'example.com' }, @{ MailFrom = 'a..b.example.com' }, @{ MailFrom = 'notexample.com' }
        @{ MailFrom = 'under_score.example.com' }
    ) {
        Set-SesMailFromDomain @A -Identity example.com -MailFromDomain $MailFrom -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'InvalidMailFromDomain'
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        Set-SesMailFromDomain @A -Identity example.com, example.org -MailFromDomain mail -Region us-east-1, eu-west-1 -WhatIf -ErrorAction SilentlyContinue
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -BeNullOrEmpty
        (Get-EmulatedIdentity example.com -Region eu-west-1).MailFromDomain | Should -BeNullOrEmpty
        (Get-EmulatedIdentity example.org).MailFromDomain | Should -Be 'bounce.example.org'
    }

    It 'shows the setting before and after in its ShouldProcess message' {
        $r = Invoke-InRunspace -Script 'Set-SesMailFromDomain -EndpointUrl $e -Credential $c -Identity example.org -MailFromDomain mail.example.org -BehaviorOnMxFailure RejectMessage -Region us-east-1 -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain 'Performing the operation "Set MAIL FROM domain bounce.example.org → mail.example.org, on MX failure USE_DEFAULT_VALUE → REJECT_MESSAGE" on target "example.org in account 111111111111, us-east-1".'
    }

    It 'leaves an unchanged setting alone' {
        $r = Invoke-InRunspace -Script 'Set-SesMailFromDomain -EndpointUrl $e -Credential $c -Identity example.org -MailFromDomain bounce -Region us-east-1 -Verbose -PassThru' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.MailFromDomain | Should -Be 'bounce.example.org'
        ($r.Verbose -join "`n") | Should -Not -Match 'Performing the operation'
        ($r.Verbose -join "`n") | Should -Match 'already bounce\.example\.org'
    }

    It 'sets what Get-SesIdentity pipes, in each identity''s region' {
        $out = Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity example.com | Set-SesMailFromDomain @A -MailFromDomain mail -PassThru
        $out.Region | Should -Be 'us-east-1', 'eu-west-1'
        (Get-EmulatedIdentity example.com -Region eu-west-1).MailFromDomain | Should -Be 'mail.example.com'
        (Get-EmulatedIdentity example.com -Account B).MailFromDomain | Should -BeNullOrEmpty
    }

    It 'sets account B''s identity through the role' {
        $i = Get-SesIdentity @A @RoleB -Region us-east-1 | Set-SesMailFromDomain @A @RoleB -MailFromDomain mail -PassThru
        $i.Account | Should -Be '222222222222'
        (Get-EmulatedIdentity example.com -Account B).MailFromDomain | Should -Be 'mail.example.com'
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -BeNullOrEmpty
    }

    It 'writes SesIdentityNotFound for a missing identity and sets the others' {
        Set-SesMailFromDomain @A -Identity missing.example, example.com -MailFromDomain mail -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'SesIdentityNotFound'
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -Be 'mail.example.com'
    }

    It 'retries throttling and succeeds' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 2 }
        Set-SesMailFromDomain @A -Identity example.com -MailFromDomain mail -Region us-east-1 -ErrorVariable err
        $err | Should -BeNullOrEmpty
        (Get-EmulatedIdentity example.com).MailFromDomain | Should -Be 'mail.example.com'
    }
}
