# Remove-SesIdentity against the AWS emulator: ConfirmImpact High, -WhatIf, pipeline by region and account, NotFound, throttling.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $RoleB = @{ RoleArn = $aws.RoleArn; ExternalId = $aws.ExternalId }
    function Get-EmulatedIdentity([string] $Account = 'A', [string] $Region = 'us-east-1') {
        @((Invoke-AwsEmulatorControl $aws dump-ses @{ Account = $Account; Region = $Region }).Identities | ForEach-Object Identity | Sort-Object)
    }
    function Initialize-Identities {
        $null = Invoke-AwsEmulatorControl $aws reset
        foreach ($r in 'us-east-1', 'eu-west-1') {
            $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = $r }
            $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'keep.example'; Region = $r }
        }
        # The same name in account B: removing A's must never touch it, and the other way round.
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.com'; Region = 'us-east-1' }
    }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Remove-SesIdentity' {
    BeforeEach { Initialize-Identities }

    It 'is ConfirmImpact High with ShouldProcess' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-SesIdentity))
        $meta.ConfirmImpact | Should -Be 'High'
        $meta.SupportsShouldProcess | Should -BeTrue
    }

    It 'deletes the named identity in the region and nothing else' {
        Remove-SesIdentity @A -Identity example.com -Region us-east-1 -Confirm:$false | Should -BeNullOrEmpty
        Get-EmulatedIdentity A us-east-1 | Should -Be 'keep.example'
        Get-EmulatedIdentity A eu-west-1 | Should -Be 'example.com', 'keep.example'
        Get-EmulatedIdentity B us-east-1 | Should -Be 'example.com'
    }

    It 'deletes nothing with -WhatIf' {
        Remove-SesIdentity @A -Identity example.com, keep.example -Region us-east-1, eu-west-1 -WhatIf
        Get-EmulatedIdentity A us-east-1 | Should -Be 'example.com', 'keep.example'
        Get-EmulatedIdentity A eu-west-1 | Should -Be 'example.com', 'keep.example'
    }

    It 'names the identity, account and region in its ShouldProcess message' {
        $r = Invoke-InRunspace -Script 'Remove-SesIdentity -EndpointUrl $e -Credential $c -Identity example.com -Region eu-west-1 -Confirm:$false -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain 'Performing the operation "Delete the SES identity with its DKIM settings, MAIL FROM setting and sending authorization policies" on target "example.com in account 111111111111, eu-west-1".'
    }

    It 'removes what Get-SesIdentity pipes, each in its own region' {
        Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity example.com | Remove-SesIdentity @A -Confirm:$false
        Get-EmulatedIdentity A us-east-1 | Should -Be 'keep.example'
        Get-EmulatedIdentity A eu-west-1 | Should -Be 'keep.example'
        Get-EmulatedIdentity B us-east-1 | Should -Be 'example.com'
    }

    It 'removes account B''s identity through the role, and A''s same-named one stays' {
        Get-SesIdentity @A @RoleB -Region us-east-1 | Remove-SesIdentity @A @RoleB -Confirm:$false
        Get-EmulatedIdentity B us-east-1 | Should -BeNullOrEmpty
        Get-EmulatedIdentity A us-east-1 | Should -Be 'example.com', 'keep.example'
    }

    It 'refuses identities piped from the other account with SesIdentityAccountMismatch and removes the rest' {
        $both = @(Get-SesIdentity @A @RoleB -Region us-east-1) + @(Get-SesIdentity @A -Region us-east-1 -Identity keep.example)
        $both | Remove-SesIdentity @A -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'SesIdentityAccountMismatch'
        "$($err[0])" | Should -Match '222222222222'
        Get-EmulatedIdentity A us-east-1 | Should -Be 'example.com'
        Get-EmulatedIdentity B us-east-1 | Should -Be 'example.com'
    }

    It 'writes SesRegionMissing for a piped object without a Region after one with a Region' {
        $in = [pscustomobject]@{ Identity = 'example.com'; Region = 'eu-west-1' }, [pscustomobject]@{ Identity = 'keep.example' }
        $in | Remove-SesIdentity @A -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'SesRegionMissing'
        Get-EmulatedIdentity A eu-west-1 | Should -Be 'keep.example'
        Get-EmulatedIdentity A us-east-1 | Should -Be 'example.com', 'keep.example'
    }

    It 'writes SesIdentityNotFound for a missing identity and removes the others' {
        Remove-SesIdentity @A -Identity missing.example, example.com -Region us-east-1 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'SesIdentityNotFound'
        $err[0].TargetObject | Should -Be 'missing.example'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-EmulatedIdentity A us-east-1 | Should -Be 'keep.example'
    }

    It 'writes a failing region as AwsRegionFailed and removes in the others' {
        $null = Invoke-AwsEmulatorControl $aws disable-region @{ Region = 'ap-south-2' }
        Remove-SesIdentity @A -Identity example.com -Region ap-south-2, us-east-1 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'AwsRegionFailed'
        Get-EmulatedIdentity A us-east-1 | Should -Be 'keep.example'
    }

    It 'retries throttling and succeeds' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 2 }
        Remove-SesIdentity @A -Identity example.com -Region us-east-1 -Confirm:$false -ErrorVariable err
        $err | Should -BeNullOrEmpty
        Get-EmulatedIdentity A us-east-1 | Should -Be 'keep.example'
    }

    It 'never shows the secret access key in verbose text or errors' {
        $r = Invoke-InRunspace -Script 'Remove-SesIdentity -EndpointUrl $e -Credential $c -Identity example.com, missing.example -Region us-east-1 -Confirm:$false -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Get-ErrorId | Should -Be 'SesIdentityNotFound'
        $all = (@($r.Verbose) + ($r.Errors | ForEach-Object { "$_"; $_.Exception.ToString() })) -join "`n"
        $all | Should -Not -Match ([regex]::Escape($aws.AccountA.SecretAccessKey))
    }
}
