# Get-SesIdentityPolicy against the AWS emulator: policy text and statement summary, -PolicyName, NotFound, pipeline, role.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $RoleB = @{ RoleArn = $aws.RoleArn; ExternalId = $aws.ExternalId }
    $partner = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["222222222222"]},"Action":["ses:SendEmail","ses:SendRawEmail"],"Resource":"arn:aws:ses:us-east-1:111111111111:identity/example.com"}]}'
    $org = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"ses:SendRawEmail","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":["o-a1b2c3d4e5/*"]}}}}'
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1'; Policies = @{ partner = $partner; org = $org } }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'eu-west-1'; Policies = @{ eu = $partner } }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'bare.example'; Region = 'us-east-1' }
    $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.com'; Region = 'us-east-1'; Policies = @{ inb = $org } }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Get-SesIdentityPolicy' {
    It 'returns every policy of the identity with its text and statements' {
        $p = Get-SesIdentityPolicy @A -Identity example.com -Region us-east-1
        $p | Should -BeOfType ([EmailAuth.Core.Aws.Ses.SesIdentityPolicy])
        $p.PolicyName | Should -Be 'org', 'partner'
        $partnerPolicy = $p | Where-Object PolicyName -eq 'partner'
        $partnerPolicy.Policy | Should -Be $partner
        $partnerPolicy.Account | Should -Be '111111111111'
        $partnerPolicy.Region | Should -Be 'us-east-1'
        $partnerPolicy.Statements[0].Principals | Should -Be '222222222222'
        $partnerPolicy.Statements[0].Actions | Should -Be 'ses:SendEmail', 'ses:SendRawEmail'
        "$(($p | Where-Object PolicyName -eq 'org').Statements[0])" | Should -Be 'Allow ses:SendRawEmail to * if ForAnyValue:StringLike aws:PrincipalOrgPaths=o-a1b2c3d4e5/*'
    }

    It 'returns only the named policies, and SesIdentityPolicyNotFound for a missing name' {
        $p = Get-SesIdentityPolicy @A -Identity example.com -PolicyName partner, nope -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $p.PolicyName | Should -Be 'partner'
        $err | Get-ErrorId | Should -Be 'SesIdentityPolicyNotFound'
        $err[0].TargetObject | Should -Be 'nope'
    }

    It 'returns nothing for an identity without policies' {
        Get-SesIdentityPolicy @A -Identity bare.example -Region us-east-1 -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'writes SesIdentityNotFound for a missing identity and reads the others' {
        $p = Get-SesIdentityPolicy @A -Identity missing.example, example.com -Region eu-west-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $p.PolicyName | Should -Be 'eu'
        $err | Get-ErrorId | Should -Be 'SesIdentityNotFound'
    }

    It 'reads what Get-SesIdentity pipes, in each identity''s region' {
        $p = Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity example.com | Get-SesIdentityPolicy @A
        ($p | ForEach-Object { "$($_.Region)/$($_.PolicyName)" }) | Should -Be 'us-east-1/org', 'us-east-1/partner', 'eu-west-1/eu'
    }

    It 'reads account B''s policies through the role' {
        $p = Get-SesIdentityPolicy @A @RoleB -Identity example.com -Region us-east-1
        $p.PolicyName | Should -Be 'inb'
        $p.Account | Should -Be '222222222222'
    }

    It 'retries throttling' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 2 }
        (Get-SesIdentityPolicy @A -Identity example.com -Region eu-west-1 -ErrorVariable err).PolicyName | Should -Be 'eu'
        $err | Should -BeNullOrEmpty
    }

    It 'has a table view with the statements' {
        $text = Get-SesIdentityPolicy @A -Identity example.com -PolicyName partner -Region us-east-1 | Format-Table | Out-String -Width 120
        $text | Should -Match 'Identity\s+PolicyName\s+Account\s+Region\s+Statements'
        $text | Should -Match 'partner\s+111111111111\s+us-east-1\s+Allow ses:SendEmail,ses:SendRawEmail to'
    }
}
