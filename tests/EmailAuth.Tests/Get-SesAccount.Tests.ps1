# Get-SesAccount against the AWS emulator: account A is in the SES sandbox, account B has production access.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Get-SesAccount' {
    BeforeEach { $null = Invoke-AwsEmulatorControl $aws reset }

    It 'reports the sandbox, quotas and enforcement of account A' {
        $a = Get-SesAccount @A -Region us-east-1
        $a | Should -BeOfType ([EmailAuth.Core.Aws.Ses.SesAccount])
        $a.Account | Should -Be '111111111111'
        $a.Region | Should -Be 'us-east-1'
        $a.Sandbox | Should -BeTrue
        $a.ProductionAccessEnabled | Should -BeFalse
        $a.Max24HourSend | Should -Be 200
        $a.MaxSendRate | Should -Be 1
        $a.EnforcementStatus | Should -Be 'HEALTHY'
        $a.ReviewStatus | Should -Be 'PENDING'
    }

    It 'assumes the role into account B, which has production access' {
        $b = Get-SesAccount @A -Region eu-west-1 -RoleArn $aws.RoleArn -ExternalId $aws.ExternalId
        $b.Account | Should -Be '222222222222'
        $b.Sandbox | Should -BeFalse
        $b.Max24HourSend | Should -Be 50000
    }

    It 'uses -Credential of account B' {
        (Get-SesAccount -EndpointUrl $aws.Endpoint -Credential $aws.AccountB.Credential -Region us-east-1).Account | Should -Be '222222222222'
    }

    It 'answers each region; a failing region is one AwsRegionFailed error' {
        $null = Invoke-AwsEmulatorControl $aws disable-region @{ Region = 'me-central-1' }
        $all = Get-SesAccount @A -Region eu-west-1, me-central-1, us-west-2 -ErrorVariable err -ErrorAction SilentlyContinue
        $all.Region | Should -Be 'eu-west-1', 'us-west-2'
        $err | Get-ErrorId | Should -Be 'AwsRegionFailed'
        $err[0].TargetObject | Should -Be 'me-central-1'
        "$($err[0])" | Should -Not -Match ([regex]::Escape($aws.AccountA.SecretAccessKey))
    }

    It 'retries a 503 and a throttled answer' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Unavailable'; Count = 1 }
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 1 }
        $a = Get-SesAccount @A -Region us-east-1 -ErrorVariable err
        $a.Account | Should -Be '111111111111'
        $err | Should -BeNullOrEmpty
    }

    It 'names no secret in the error of a wrong secret key' {
        $bad = [pscredential]::new($aws.AccountA.AccessKeyId, (ConvertTo-SecureString 'not/the+secret0000' -AsPlainText -Force))
        $r = Invoke-InRunspace -Script 'Get-SesAccount -EndpointUrl $e -Credential $c -Region us-east-1 -Verbose' -Variable @{ e = $aws.Endpoint; c = $bad }
        $r.Errors | Get-ErrorId | Should -Be 'AwsRegionFailed'
        $text = (@($r.Errors | ForEach-Object { "$_"; $_.Exception.ToString() }) + $r.Verbose) -join "`n"
        $text | Should -Not -Match 'not/the\+secret0000'
        $text | Should -Not -Match ([regex]::Escape($aws.AccountA.AccessKeyId))
    }

    It 'has a table view that fits 80 columns and a default display set' {
        $a = Get-SesAccount @A -Region us-east-1
        $a | Format-Table | Out-String -Width 80 | Should -Match 'Account\s+Region\s+Sandbox\s+Sending\s+Enforcement\s+Max24h\s+Rate/s'
        $a.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Contain 'Sandbox'
    }
}
