# The emulator process and its loopback control endpoints, which the AWS cmdlets' tests rely on.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Start-AwsEmulator' {
    It 'listens on 127.0.0.1 and returns two accounts with their keys' {
        ([uri]$aws.Endpoint).Host | Should -Be '127.0.0.1'
        $aws.AccountA.Id | Should -Be '111111111111'
        $aws.AccountB.Id | Should -Be '222222222222'
        $aws.AccountA.Credential.UserName | Should -Be $aws.AccountA.AccessKeyId
        $aws.AccountA.Credential.GetNetworkCredential().Password | Should -Be $aws.AccountA.SecretAccessKey
        $aws.RoleArn | Should -BeLike 'arn:aws:iam::222222222222:role/*'
    }
}

Describe '/_emulator control' {
    BeforeEach { $null = Invoke-AwsEmulatorControl $aws reset }

    It 'creates a domain identity with three DKIM tokens and the given status' {
        $r = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'eu-west-1'; VerificationStatus = 'FAILED' }
        $r.IdentityType | Should -Be 'DOMAIN'
        $r.VerificationStatus | Should -Be 'FAILED'
        @($r.Tokens).Count | Should -Be 3
    }

    It 'seeds policies and dumps an account''s identities of a region without creating any' {
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.com'; Region = 'eu-west-1'; MailFromDomain = 'mail.example.com'; Policies = @{ p1 = '{"Statement":[]}' } }
        $dump = (Invoke-AwsEmulatorControl $aws dump-ses @{ Account = 'B'; Region = 'eu-west-1' }).Identities
        $dump.Identity | Should -Be 'example.com'
        $dump.MailFromDomain | Should -Be 'mail.example.com'
        $dump.BehaviorOnMxFailure | Should -Be 'USE_DEFAULT_VALUE'
        $dump.Policies.p1 | Should -Be '{"Statement":[]}'
        (Invoke-AwsEmulatorControl $aws dump-ses @{ Account = 'A'; Region = 'eu-west-1' }).Identities | Should -BeNullOrEmpty
        (Invoke-AwsEmulatorControl $aws dump-ses @{ Account = 'A'; Region = 'eu-west-1' }).Identities | Should -BeNullOrEmpty
    }

    It 'adds a hosted zone and dumps its SOA and NS' {
        $zone = Invoke-AwsEmulatorControl $aws hosted-zone @{ Account = 'B'; Name = 'example.org' }
        $zone.Id | Should -Not -BeNullOrEmpty
        $dump = Invoke-AwsEmulatorControl $aws dump-zone @{ Account = 'B'; ZoneId = $zone.Id }
        ($dump.Records -join "`n") | Should -Match 'example\.org\. SOA'
    }

    It 'refuses an unknown action and a bad fault kind with 4xx' {
        { Invoke-AwsEmulatorControl $aws nonsense } | Should -Throw '*nonsense*'
        { Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Boom' } } | Should -Throw '*Kind*'
    }

    It 'answers unsigned AWS requests with a SigV4 error, not the control API' {
        $r = Invoke-WebRequest -Uri "$($aws.Endpoint)/v2/email/identities" -SkipHttpErrorCheck
        $r.StatusCode | Should -Be 403
    }
}

Describe 'Stop-AwsEmulator' {
    It 'ends the process when stdin closes' {
        $second = Start-AwsEmulator
        $id = $second.Process.Id
        Stop-AwsEmulator $second
        Get-Process -Id $id -ErrorAction Ignore | Should -BeNullOrEmpty
    }
}
