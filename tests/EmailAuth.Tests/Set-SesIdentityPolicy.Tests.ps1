# Set-SesIdentityPolicy against the AWS emulator: built policies (accounts, organization paths), -Policy JSON,
# create or update, ShouldProcess with the statements added and removed, -WhatIf, pipeline and role.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $RoleB = @{ RoleArn = $aws.RoleArn; ExternalId = $aws.ExternalId }
    function Get-EmulatedPolicy([string] $Name, [string] $Identity = 'example.com', [string] $Account = 'A', [string] $Region = 'us-east-1') {
        $i = (Invoke-AwsEmulatorControl $aws dump-ses @{ Account = $Account; Region = $Region }).Identities | Where-Object Identity -eq $Identity
        $i.Policies.$Name
    }
    function Initialize-Identities {
        $null = Invoke-AwsEmulatorControl $aws reset
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'eu-west-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'user@example.net'; Region = 'us-east-1' }
        $null = Invoke-AwsEmulatorControl $aws identity @{ Account = 'B'; Identity = 'example.com'; Region = 'us-east-1' }
    }
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'Set-SesIdentityPolicy' {
    BeforeEach { Initialize-Identities }

    It 'builds a policy letting accounts send as the identity, on its ARN' {
        $p = Set-SesIdentityPolicy @A -Identity example.com -PolicyName partners -AllowAccount 222222222222, 333333333333 -Region us-east-1 -PassThru
        $p | Should -BeOfType ([EmailAuth.Core.Aws.Ses.SesIdentityPolicy])
        $doc = Get-EmulatedPolicy partners | ConvertFrom-Json
        $doc.Statement[0].Principal.AWS | Should -Be '222222222222', '333333333333'
        $doc.Statement[0].Action | Should -Be 'ses:SendEmail', 'ses:SendRawEmail'
        $doc.Statement[0].Resource | Should -Be 'arn:aws:ses:us-east-1:111111111111:identity/example.com'
        $p.Policy | Should -Be (Get-EmulatedPolicy partners)
    }

    It 'builds a policy for an organization path with Principal * and aws:PrincipalOrgPaths' {
        Set-SesIdentityPolicy @A -Identity user@example.net -PolicyName org -AllowOrganizationPath 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' -Region us-east-1
        $doc = Get-EmulatedPolicy org -Identity user@example.net | ConvertFrom-Json
        $doc.Statement[0].Principal | Should -Be '*'
        $doc.Statement[0].Condition.'ForAnyValue:StringLike'.'aws:PrincipalOrgPaths' | Should -Be 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'
        $doc.Statement[0].Resource | Should -Be 'arn:aws:ses:us-east-1:111111111111:identity/user@example.net'
    }

    It 'refuses <Case> as a parameter error before anything is sent' -ForEach @(
        @{ Case = 'an account id of 11 digits'; Splat = @{ AllowAccount = '22222222222' } }
        @{ Case = 'an organization path without a root'; Splat = @{ AllowOrganizationPath = 'o-a1b2c3d4e5/ou-ab12-11111111/*' } }
        @{ Case = 'a policy that is not JSON'; Splat = @{ Policy = '{"Statement": [' } }
        @{ Case = 'a policy without statements'; Splat = @{ Policy = '{"Version":"2012-10-17"}' } }
        @{ Case = 'a policy name with a space'; Splat = @{ PolicyName = 'two words'; AllowAccount = '222222222222' } }
    ) {
        $base = @{ PolicyName = 'p' }
        foreach ($k in $Splat.Keys) { $base[$k] = $Splat[$k] }
        { Set-SesIdentityPolicy @A -Identity example.com -Region us-east-1 @base } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        (Invoke-AwsEmulatorControl $aws dump-ses @{ Region = 'us-east-1' }).Identities | ForEach-Object { $_.Policies.PSObject.Properties.Name } | Where-Object { $_ } | Should -BeNullOrEmpty
    }

    It 'stores -Policy as given' {
        $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ses:SendEmail","Resource":"*"}]}'
        Set-SesIdentityPolicy @A -Identity example.com -PolicyName deny -Policy $json -Region us-east-1
        Get-EmulatedPolicy deny | Should -Be $json
    }

    It 'updates an existing policy and names the statements removed and added' {
        Set-SesIdentityPolicy @A -Identity example.com -PolicyName partners -AllowAccount 222222222222 -Region us-east-1
        $r = Invoke-InRunspace -Script 'Set-SesIdentityPolicy -EndpointUrl $e -Credential $c -Identity example.com -PolicyName partners -AllowAccount 333333333333 -Region us-east-1 -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain 'Performing the operation "Update sending authorization policy partners: - Allow ses:SendEmail,ses:SendRawEmail to 222222222222; + Allow ses:SendEmail,ses:SendRawEmail to 333333333333" on target "example.com in account 111111111111, us-east-1".'
        (Get-EmulatedPolicy partners | ConvertFrom-Json).Statement[0].Principal.AWS | Should -Be '333333333333'
    }

    It 'leaves an equal policy alone' {
        Set-SesIdentityPolicy @A -Identity example.com -PolicyName partners -AllowAccount 222222222222 -Region us-east-1
        $r = Invoke-InRunspace -Script 'Set-SesIdentityPolicy -EndpointUrl $e -Credential $c -Identity example.com -PolicyName partners -AllowAccount 222222222222 -Region us-east-1 -Verbose -PassThru' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.PolicyName | Should -Be 'partners'
        ($r.Verbose -join "`n") | Should -Not -Match 'Performing the operation'
        ($r.Verbose -join "`n") | Should -Match 'already this policy'
    }

    It 'writes nothing with -WhatIf' {
        Set-SesIdentityPolicy @A -Identity example.com -PolicyName partners -AllowAccount 222222222222 -Region us-east-1, eu-west-1 -WhatIf
        Get-EmulatedPolicy partners | Should -BeNullOrEmpty
        Get-EmulatedPolicy partners -Region eu-west-1 | Should -BeNullOrEmpty
    }

    It 'builds each region''s own ARN for what Get-SesIdentity pipes' {
        $p = Get-SesIdentity @A -Region us-east-1, eu-west-1 -Identity example.com | Set-SesIdentityPolicy @A -PolicyName partners -AllowAccount 222222222222 -PassThru
        $p.Region | Should -Be 'us-east-1', 'eu-west-1'
        (Get-EmulatedPolicy partners -Region eu-west-1 | ConvertFrom-Json).Statement[0].Resource | Should -Be 'arn:aws:ses:eu-west-1:111111111111:identity/example.com'
    }

    It 'sets account B''s policy through the role with B''s ARN' {
        Set-SesIdentityPolicy @A @RoleB -Identity example.com -PolicyName partners -AllowAccount 111111111111 -Region us-east-1
        (Get-EmulatedPolicy partners -Account B | ConvertFrom-Json).Statement[0].Resource | Should -Be 'arn:aws:ses:us-east-1:222222222222:identity/example.com'
        Get-EmulatedPolicy partners | Should -BeNullOrEmpty
    }

    It 'writes SesIdentityNotFound for a missing identity and sets the others' {
        Set-SesIdentityPolicy @A -Identity missing.example, example.com -PolicyName partners -AllowAccount 222222222222 -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Get-ErrorId | Should -Be 'SesIdentityNotFound'
        Get-EmulatedPolicy partners | Should -Not -BeNullOrEmpty
    }

    It 'retries throttling and succeeds' {
        $null = Invoke-AwsEmulatorControl $aws fault @{ Service = 'ses'; Kind = 'Throttle'; Count = 2 }
        Set-SesIdentityPolicy @A -Identity example.com -PolicyName partners -AllowAccount 222222222222 -Region us-east-1 -ErrorVariable err
        $err | Should -BeNullOrEmpty
        Get-EmulatedPolicy partners | Should -Not -BeNullOrEmpty
    }
}
