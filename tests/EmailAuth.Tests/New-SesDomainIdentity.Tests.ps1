# New-SesDomainIdentity against the AWS emulator: Easy DKIM, BYODKIM, MAIL FROM, ShouldProcess and -WhatIf.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $aws = Start-AwsEmulator
    $A = @{ EndpointUrl = $aws.Endpoint; Credential = $aws.AccountA.Credential }
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $pem = $rsa.ExportRSAPrivateKeyPem()
    $keyBody = [Convert]::ToBase64String($rsa.ExportRSAPrivateKey())
}

AfterAll {
    Stop-AwsEmulator $aws
}

Describe 'New-SesDomainIdentity' {
    BeforeEach { $null = Invoke-AwsEmulatorControl $aws reset }

    It 'creates an Easy DKIM RSA_2048_BIT identity by default, with three tokens' {
        $i = New-SesDomainIdentity @A -Domain Example.COM -Region us-east-1
        $i.Identity | Should -Be 'example.com'
        $i.IdentityType | Should -Be 'DOMAIN'
        $i.Dkim.Origin | Should -Be 'AWS_SES'
        $i.Dkim.KeyLength | Should -Be 'RSA_2048_BIT'
        @($i.Dkim.Tokens).Count | Should -Be 3
        $i.MailFromDomain | Should -BeNullOrEmpty
    }

    It 'takes -KeyLength RSA_1024_BIT, a configuration set and tags' {
        $i = New-SesDomainIdentity @A -Domain example.com -Region us-east-1 -KeyLength RSA_1024_BIT -ConfigurationSetName tx -Tag @{ env = 'prod' }
        $i.Dkim.KeyLength | Should -Be 'RSA_1024_BIT'
        $i.ConfigurationSetName | Should -Be 'tx'
        $i.Tags['env'] | Should -Be 'prod'
    }

    It 'sets a MAIL FROM domain from one label, with the MX failure behaviour' {
        $i = New-SesDomainIdentity @A -Domain example.com, example.org -Region us-east-1 -MailFromDomain mail -BehaviorOnMxFailure RejectMessage
        $i.MailFromDomain | Should -Be 'mail.example.com', 'mail.example.org'
        $i.BehaviorOnMxFailure | Should -Be 'REJECT_MESSAGE', 'REJECT_MESSAGE'
    }

    It 'refuses a MAIL FROM domain outside the identity with InvalidMailFromDomain' {
        $i = New-SesDomainIdentity @A -Domain example.com -Region us-east-1 -MailFromDomain mail.example.net -ErrorVariable err -ErrorAction SilentlyContinue
        $i | Should -BeNullOrEmpty
        $err | Get-ErrorId | Should -Be 'InvalidMailFromDomain'
        Get-SesIdentity @A -Region us-east-1 | Should -BeNullOrEmpty
    }

    It 'creates a BYODKIM identity from -PrivateKey (PEM in a SecureString) and never shows the key' {
        $secure = ConvertTo-SecureString $pem -AsPlainText -Force
        $r = Invoke-InRunspace -Script 'New-SesDomainIdentity -EndpointUrl $e -Credential $c -Domain example.com -Region us-east-1 -Selector sel2026 -PrivateKey $k -Verbose | Format-List * | Out-String' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential; k = $secure }
        $r.Errors | Should -BeNullOrEmpty
        ($r.Output -join "`n") | Should -Match 'sel2026'
        (Get-SesIdentity @A -Region us-east-1 -Identity example.com).Dkim.Selector | Should -Be 'sel2026'
        $all = (@($r.Output) + $r.Verbose) -join "`n"
        $all | Should -Not -Match ([regex]::Escape($keyBody.Substring(40, 40)))
    }

    It 'reads -PrivateKeyPath and refuses a file that is no key with PrivateKeyInvalid, without quoting it' {
        $good = Join-Path $TestDrive 'key.pem'
        Set-Content $good $pem
        (New-SesDomainIdentity @A -Domain example.org -Region us-east-1 -Selector s1 -PrivateKeyPath $good).Dkim.Selector | Should -Be 's1'
        $bad = Join-Path $TestDrive 'bad.pem'
        Set-Content $bad 'not-a-key-secretvalue123'
        $e = { New-SesDomainIdentity @A -Domain example.net -Region us-east-1 -Selector s1 -PrivateKeyPath $bad } | Should -Throw -ErrorId 'PrivateKeyInvalid,*' -PassThru
        "$e" | Should -Not -Match 'secretvalue123'
    }

    It 'creates nothing with -WhatIf' {
        New-SesDomainIdentity @A -Domain example.com -Region us-east-1, eu-west-1 -MailFromDomain mail -WhatIf | Should -BeNullOrEmpty
        Get-SesIdentity @A -Region us-east-1, eu-west-1 | Should -BeNullOrEmpty
    }

    It 'names the exact change in its ShouldProcess message' {
        $r = Invoke-InRunspace -Script 'New-SesDomainIdentity -EndpointUrl $e -Credential $c -Domain example.com -Region eu-west-1 -MailFromDomain bounce.example.com -Verbose' `
            -Variable @{ e = $aws.Endpoint; c = $aws.AccountA.Credential }
        $r.Errors | Should -BeNullOrEmpty
        $r.Verbose | Should -Contain 'Performing the operation "Create SES domain identity example.com with Easy DKIM RSA_2048_BIT, MAIL FROM bounce.example.com (USE_DEFAULT_VALUE) in eu-west-1" on target "example.com in eu-west-1".'
    }

    It 'writes SesIdentityAlreadyExists when the domain exists and InvalidDomainName for a bad name' {
        $null = Invoke-AwsEmulatorControl $aws identity @{ Identity = 'example.com'; Region = 'us-east-1' }
        $i = New-SesDomainIdentity @A -Domain example.com, 'bad..name', example.org -Region us-east-1 -ErrorVariable err -ErrorAction SilentlyContinue
        $i.Identity | Should -Be 'example.org'
        $err | Get-ErrorId | Sort-Object | Should -Be 'InvalidDomainName', 'SesIdentityAlreadyExists'
    }

    It 'refuses -BehaviorOnMxFailure without -MailFromDomain' {
        { New-SesDomainIdentity @A -Domain example.com -Region us-east-1 -BehaviorOnMxFailure RejectMessage } | Should -Throw -ErrorId 'BehaviorWithoutMailFrom,*'
    }
}
