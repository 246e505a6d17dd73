# New-SesEmailIdentity against the AWS emulator: ShouldProcess per identity and region, -WhatIf writes nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'New-SesEmailIdentity' {
    BeforeEach { $null = Invoke-AwsEmulatorControl $aws reset }

    It 'creates the address in every region and returns it as SesIdentity' {
        $ids = New-SesEmailIdentity @A -EmailAddress alerts@example.com -Region us-east-1, eu-west-1 -Tag @{ team = 'mail' }
        $ids.Region | Should -Be 'us-east-1', 'eu-west-1'
        $ids | ForEach-Object {
            $_.IdentityType | Should -Be 'EMAIL_ADDRESS'
            $_.Domain | Should -Be 'example.com'
            $_.VerificationStatus | Should -Be 'PENDING'
            $_.Tags['team'] | Should -Be 'mail'
        }
        (Get-SesIdentity @A -Region eu-west-1).Identity | Should -Be 'alerts@example.com'
    }

    It 'creates nothing with -WhatIf' {
        $out = New-SesEmailIdentity @A -EmailAddress alerts@example.com -Region us-east-1 -WhatIf
        $out | Should -BeNullOrEmpty
        Get-SesIdentity @A -Region us-east-1 | Should -BeNullOrEmpty
    }

    It 'names the exact change in its ShouldProcess message' {
        $r = Invoke-InRunspace -Script 'New-SesEmailIdentity -EndpointUrl $e -Credential $c -EmailAddress ops@example.com -Region us-east-1 -ConfigurationSetName tx -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain 'Performing the operation "Create SES email identity ops@example.com in us-east-1, configuration set tx" on target "ops@example.com in us-east-1".'
    }

    It 'writes SesIdentityAlreadyExists for an existing address and creates the others' {
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'old@example.com'; Region = 'us-east-1' }
        $ids = 'old@example.com', 'new@example.com' | New-SesEmailIdentity @A -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Identity | Should -Be 'new@example.com'
        $err | Get-ErrorId | Should -Be 'SesIdentityAlreadyExists'
        $err[0].TargetObject | Should -Be 'old@example.com'
    }

    It 'refuses a string that is not an address with InvalidEmailAddress' {
        $ids = New-SesEmailIdentity @A -EmailAddress 'example.com', 'a@b@c', 'ok@example.com' -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Identity | Should -Be 'ok@example.com'
        $err | Get-ErrorId | Should -Be 'InvalidEmailAddress', 'InvalidEmailAddress'
    }

    It 'creates in the other regions when one region fails' {
        $null = Invoke-AwsEmulatorControl $aws disable-region @{ Region = 'ap-south-2' }
        $ids = New-SesEmailIdentity @A -EmailAddress a@example.com -Region ap-south-2, us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Region | Should -Be 'us-east-1'
        $err | Get-ErrorId | Should -Be 'AwsRegionFailed'
    }

    It 'creates in the second account through -RoleArn' {
        $i = New-SesEmailIdentity @A -EmailAddress b@example.com -Region us-east-1 -RoleArn $aws.RoleArn -ExternalId $aws.ExternalId
        $i.Account | Should -Be '222222222222'
    }
}
