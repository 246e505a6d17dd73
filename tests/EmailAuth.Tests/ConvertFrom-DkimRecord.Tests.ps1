BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'ConvertFrom-DkimRecord' {
    It 'parses records from the pipeline without DNS' {
        $out = 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=', 'v=DKIM1; t=y:s; p=' | ConvertFrom-DkimRecord
        $out | Should -HaveCount 2
        $out[0].KeyType | Should -Be 'ed25519'
        $out[0].KeyBits | Should -Be 256
        $out[0].IsValid | Should -BeTrue
        $out[1].Revoked | Should -BeTrue
        $out[1].Testing | Should -BeTrue
        $out[1].Flags | Should -Be 'y', 's'
        $out[1].Findings.Code | Should -Be 'DKIM_KEY_REVOKED', 'DKIM_TESTING'
    }

    It 'names <Code> for <Record>' -ForEach @(
        @{ Record = 'v=DKIM1; k=rsa; p=not*base64'; Code = 'DKIM_KEY_INVALID' }
        @{ Record = 'v=DKIM1; k=dsa; p=AAAA'; Code = 'DKIM_KEY_TYPE_UNKNOWN' }
        @{ Record = 'v=DKIM2; p=AAAA'; Code = 'DKIM_VERSION_INVALID' }
        @{ Record = 'v=DKIM1; p=AAAA; p=BBBB'; Code = 'DKIM_SYNTAX_ERROR' }
        @{ Record = 'v=DKIM1; k=rsa'; Code = 'DKIM_NO_PUBLIC_KEY' }
    ) {
        $info = ConvertFrom-DkimRecord -Record $Record
        $info.IsValid | Should -BeFalse
        $info.Findings.Code | Should -Contain $Code
    }

    It 'takes Record, Domain and Selector from Get-DkimRecord by property name' {
        $info = Get-DkimRecord example.com -Selector selector2 -ZoneFile $Zone | ConvertFrom-DkimRecord
        $info.Name | Should -Be 'selector2._domainkey.example.com'
        $info.KeyBits | Should -Be 1024
    }

    It 'writes InvalidDomainName for a bad -Domain' {
        $out = ConvertFrom-DkimRecord 'p=' -Domain 'bad..name' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
    }
}
