# Remove-SesIdentityPolicy against the AWS emulator: ConfirmImpact High, the statements in ShouldProcess, -WhatIf, NotFound, pipeline.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $RoleB = @{ RoleArn = $aws.RoleArn; ExternalId = $aws.ExternalId }
    $partner = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["222222222222"]},"Action":["ses:SendEmail","ses:SendRawEmail"],"Resource":"*"}]}'
    function Get-EmulatedPolicyNames([string] $Account = 'A', [string] $Region = 'us-east-1', [string] $Identity = 'example.com') {
        $i = (Invoke-AwsEmulatorControl $aws dump-ses @{ Account = $Account; Region = $Region }).Identities | Where-Object Identity -eq $Identity
        @($i.Policies.PSObject.Properties.Name | Sort-Object)
    }
    function Initialize-Identities {
        $null = Invoke-AwsEmulatorControl $aws reset
        foreach ($r in 'us-east-1', 'eu-west-1') {
            $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = $r; Policies = @{ partner = $partner; keep = $partner } }
        }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.com'; Region = 'us-east-1'; Policies = @{ partner = $partner } }
    }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Remove-SesIdentityPolicy' {
    BeforeEach { Initialize-Identities }

    It 'is ConfirmImpact High' {
        [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-SesIdentityPolicy)).ConfirmImpact | Should -Be 'High'
    }

    It 'removes the named policy only' {
        Remove-SesIdentityPolicy @A -Identity example.com -PolicyName partner -Region us-east-1 -Confirm:$false | Should -BeNullOrEmpty
        Get-EmulatedPolicyNames | Should -Be 'keep'
        Get-EmulatedPolicyNames -Region eu-west-1 | Should -Be 'keep', 'partner'
        Get-EmulatedPolicyNames -Account B | Should -Be 'partner'
    }

    It 'removes nothing with -WhatIf' {
        Remove-SesIdentityPolicy @A -Identity example.com -PolicyName partner, keep -Region us-east-1, eu-west-1 -WhatIf
        Get-EmulatedPolicyNames | Should -Be 'keep', 'partner'
        Get-EmulatedPolicyNames -Region eu-west-1 | Should -Be 'keep', 'partner'
    }

    It 'names the statements that go in its ShouldProcess message' {
        $r = Invoke-InRunspace -Script 'Remove-SesIdentityPolicy -EndpointUrl $e -Credential $c -Identity example.com -PolicyName partner -Region us-east-1 -Confirm:$false -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain 'Performing the operation "Remove sending authorization policy partner: - Allow ses:SendEmail,ses:SendRawEmail to 222222222222" on target "example.com in account 111111111111, us-east-1".'
    }

    It 'removes what Get-SesIdentityPolicy pipes, in each region' {
        Get-SesIdentityPolicy @A -Identity example.com -PolicyName partner -Region us-east-1, eu-west-1 | Remove-SesIdentityPolicy @A -Confirm:$false
        Get-EmulatedPolicyNames | Should -Be 'keep'
        Get-EmulatedPolicyNames -Region eu-west-1 | Should -Be 'keep'
        Get-EmulatedPolicyNames -Account B | Should -Be 'partner'
    }

    It 'removes account B''s policy through the role' {
        Remove-SesIdentityPolicy @A @RoleB -Identity example.com -PolicyName partner -Region us-east-1 -Confirm:$false
        Get-EmulatedPolicyNames -Account B | Should -BeNullOrEmpty
        Get-EmulatedPolicyNames | Should -Be 'keep', 'partner'
    }

    It 'writes SesIdentityPolicyNotFound and SesIdentityNotFound and removes the others' {
        Remove-SesIdentityPolicy @A -Identity example.com, missing.example -PolicyName nope, partner -Region us-east-1 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Sort-Object | Should -Be 'SesIdentityNotFound', 'SesIdentityPolicyNotFound'
        Get-EmulatedPolicyNames | Should -Be 'keep'
    }

    It 'retries throttling and succeeds' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 2 }
        Remove-SesIdentityPolicy @A -Identity example.com -PolicyName partner -Region us-east-1 -Confirm:$false -ErrorVariable err
        $err | Should -BeNullOrEmpty
        Get-EmulatedPolicyNames | Should -Be 'keep'
    }
}
